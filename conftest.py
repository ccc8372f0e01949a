"""Shared test fixtures. The database is the embedded PostgreSQL (one server per run, a test database on it)."""

import functools
from contextlib import ExitStack

import hypothesis
import pytest

from alongside.core import database_roles
from alongside.core.tests.factories import enrol_totp
from alongside.demo.tests import saved
from alongside.partners.tests.factories import MembershipFactory

# Property tests assert what holds, never how fast: no per-example deadline and no "too slow" check, which fail
# on a busy machine (CI shares two cores) without anything being wrong. A test may still set its own settings.
hypothesis.settings.register_profile(
    "alongside", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("alongside")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """The test database is created, migrated and at the end dropped by the role that owns the tables..."""
    with database_roles.as_owner():
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """...and the tests connect as the app's role, as the service does, so a grant missing after migrate fails them."""
    with database_roles.as_app():
        yield


@pytest.fixture(autouse=True)
def static_files_without_collectstatic(settings):
    """Static files under their plain names, served from where they are written: the hashed names need
    collectstatic's manifest, which tests do not make (alongside/core/tests/test_serve.py runs the real server,
    which collects them itself)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test starts with empty rate-limit counters, in memory rather than under var/cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def tasks_at_once(settings):
    """Background tasks run at once, in the test's own process, instead of waiting for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def db_tasks(settings):
    """Background tasks queued in the database for the worker (django-tasks-db), as the service runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def demo_borough(transactional_db, settings):
    """Fill the database with the demo borough, e.g. demo_borough(seed=2026, people=300): built by `alongside demo`
    the first time in a run, put back from a copy of that build afterwards (alongside/demo/tests/saved.py), with
    the test's clock set back to the build's until the test ends. The command commits on a connection of its own,
    so the test's database is emptied afterwards (transactional_db)."""
    settings.DEMO_MODE = True
    with ExitStack() as clocks:
        yield functools.partial(saved.demo_borough, clocks=clocks)


@pytest.fixture
def member(db):
    """Make a user with an active membership in a role (and a second factor), e.g. member("admin")."""

    def make(role: str = "clinician", team=None, second_factor: bool = True, **user):
        membership = MembershipFactory(
            role=role, **({"team": team} if team else {}), **{f"user__{k}": v for k, v in user.items()}
        )
        if second_factor:
            enrol_totp(membership.user)
        return membership.user

    return make


@pytest.fixture
def signed_in(client, member):
    """A Django test client signed in as a new member in the given role."""

    def sign_in(role: str = "clinician", team=None):
        user = member(role, team=team)
        client.force_login(user)
        return user

    return sign_in
