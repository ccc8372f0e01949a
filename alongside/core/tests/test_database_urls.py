"""DATABASE_URL names the app's role and DATABASE_OWNER_URL the owner; production keeps them apart."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from alongside.core import database

APP_URL = "postgres://alongside_app:app-secret@db.example:5432/alongside"
OWNER_URL = "postgres://alongside_owner:owner-secret@db.example:5433/alongside?sslmode=require"
NOWHERE = Path("/nonexistent")  # with DATABASE_URL set, the embedded server is never started


@pytest.fixture
def urls(monkeypatch):
    def set_urls(app: str, owner: str | None = None):
        monkeypatch.setenv("DATABASE_URL", app)
        if owner is None:
            monkeypatch.delenv("DATABASE_OWNER_URL", raising=False)
        else:
            monkeypatch.setenv("DATABASE_OWNER_URL", owner)

    return set_urls


@pytest.mark.parametrize("production", [False, True])
def test_the_owner_url_gives_the_owner_s_role_password_server_and_options(urls, production):
    urls(APP_URL, OWNER_URL)
    app, owner = database.settings_from_environment(NOWHERE, production=production)
    assert (app["USER"], app["PASSWORD"], app["NAME"]) == ("alongside_app", "app-secret", "alongside")
    assert owner == {
        "USER": "alongside_owner",
        "PASSWORD": "owner-secret",
        "HOST": "db.example",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "require"},
    }


def test_outside_production_a_database_url_alone_serves_as_both(urls):
    urls(APP_URL)
    assert database.settings_from_environment(NOWHERE)[1] == {}


def test_in_production_without_the_owner_url_the_owner_is_not_known_here(urls):
    urls(APP_URL)
    assert database.settings_from_environment(NOWHERE, production=True)[1] is None


def test_in_production_the_two_urls_must_name_two_roles(urls):
    urls(APP_URL, APP_URL.replace("app-secret", "other"))
    with pytest.raises(ImproperlyConfigured, match="two different roles"):
        database.settings_from_environment(NOWHERE, production=True)


def test_the_owner_url_must_name_the_same_database(urls):
    urls(APP_URL, OWNER_URL.replace("/alongside?", "/elsewhere?"))
    with pytest.raises(ImproperlyConfigured, match="same database"):
        database.settings_from_environment(NOWHERE)
