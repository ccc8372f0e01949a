"""A new capability joins the platform by being written as an app and listed in INSTALLED_APPS: its person-page
section, home panel, navigation, API router, scheduled task, timeline kind and authorisation coverage all appear,
with no edit in core or the person record."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from alongside.core import registry
from alongside.people.models import CareRelationship, Entry, Person
from alongside.people.timeline import kind_categories
from tests.example_capability import contributions as example

pytestmark = pytest.mark.django_db

WITH_EXAMPLE = [*settings.INSTALLED_APPS, "tests.example_capability"]


@pytest.fixture
def person_i_care_for(signed_in):
    me = signed_in("clinician")
    person = Person.objects.create(given_name="Ada", family_name="Example", birth_date="1950-01-01")
    CareRelationship.objects.create(person=person, user=me, kind="named_worker")
    return person


def test_without_the_app_nothing_of_it_appears(client, person_i_care_for):
    page = client.get(reverse("people:person", args=[person_i_care_for.pk])).content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "example-section" not in page and "example-panel" not in home
    assert "example_capability" not in {c.app for c in registry.registered()}


def test_listing_the_app_adds_its_section_panel_and_navigation(client, person_i_care_for):
    with override_settings(INSTALLED_APPS=WITH_EXAMPLE):
        page = client.get(reverse("people:person", args=[person_i_care_for.pk])).content.decode()
        home = client.get(reverse("home")).content.decode()
    assert "Example section for Ada" in page
    # in its declared order: after the sharing choices (50), before the timeline (90)
    assert page.index("example-section") < page.index('id="timeline"')
    assert "Hello from the example capability" in home
    assert home.index("example-panel") < home.index("Your teams")  # order 5 comes before partners' 10
    assert ">Example<" in home  # its navigation item


def test_listing_the_app_registers_its_router_task_timeline_kind_and_matrix_coverage():
    with override_settings(INSTALLED_APPS=WITH_EXAMPLE):
        assert "tests.example_capability.api.router" in registry.api_routers()
        assert "example" in {t.name for t in registry.tasks()}
        assert kind_categories()["example_minutes"] == "care"
        assert dict(Entry._meta.get_field("kind").choices)["example_minutes"] == "Example minutes"
        assert registry.authorisation()["example_capability"].states == ("example state",)


def test_the_worker_schedules_each_apps_tasks(monkeypatch):
    from alongside.core.management.commands import worker

    monkeypatch.setattr(worker, "call_command", lambda *args, **kwargs: None)  # not the queue itself: tested elsewhere
    example.SCHEDULED.clear()
    with override_settings(INSTALLED_APPS=WITH_EXAMPLE):
        call_command("worker", batch=True, verbosity=0)
    assert len(example.SCHEDULED) == 1 and example.SCHEDULED[0] <= timezone.now()


def test_the_platforms_own_apps_contribute_in_the_order_of_installed_apps():
    apps = [c.app for c in registry.registered()]
    assert {"people", "referrals", "continuity"} <= set(apps)
    assert apps.index("people") < apps.index("referrals") < apps.index("continuity")


def test_a_capability_declares_its_contributions_in_parts_and_they_combine():
    first = registry.Contributions(
        navigation=(registry.NavigationItem("One", 1, lambda r: "/one/", lambda r: True),),
        authorisation=registry.AuthorisationCoverage(endpoints=("a:one",), states=("first",)),
    )
    second = registry.Contributions(
        navigation=(registry.NavigationItem("Two", 2, lambda r: "/two/", lambda r: True),),
        authorisation=registry.AuthorisationCoverage(endpoints=("a:two",)),
    )
    both = registry.combined(first, second)
    assert [item.text for item in both.navigation] == ["One", "Two"]
    assert both.authorisation == registry.AuthorisationCoverage(endpoints=("a:one", "a:two"), states=("first",))
    assert registry.combined(registry.Contributions()).authorisation is None
