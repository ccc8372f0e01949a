"""Importing an Open Referral UK feed: every problem said with its place in the feed, nothing changed by a feed
with problems, and a good feed loaded so that loading it again changes nothing."""

import copy
import json
import uuid

import pytest
from django.core.management import CommandError, call_command

from alongside.directory import actions_standards, hsds_in, hsds_out
from alongside.directory import models as m

from .factories_standards import directory

pytestmark = pytest.mark.django_db


def exported(count: int = 3) -> list[dict]:
    directory(count)
    return hsds_out.services(hsds_out.published_services().order_by("name", "id"))


def empty_directory() -> None:
    m.TaxonomyTerm.objects.update(parent=None)
    for model in reversed(hsds_in.ORDER):
        model.objects.all().delete()
    m.ListingChange.objects.all().delete()


def without_dates(services: list[dict]) -> list[dict]:
    """The export less each service's last_modified: importing is itself a change, made when it happens."""
    return [{k: v for k, v in s.items() if k != "last_modified"} for s in services]


def test_a_feed_imports_into_an_empty_directory_and_exports_the_same(tmp_path):
    feed = exported(3)
    empty_directory()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"contents": feed, "total_items": 3}))
    call_command("directory_import", str(path), verbosity=0)
    again = hsds_out.services(hsds_out.published_services().order_by("name", "id"))
    assert without_dates(again) == without_dates(feed)
    run = m.ImportRun.objects.get()
    assert run.loaded and run.errors == [] and run.counts["service"]["added"] == 3
    assert m.ListingChange.objects.filter(what="imported", object_type="service").count() == 3
    assert m.ListingChange.objects.filter(what="imported", object_type="organisation").count() == 1


def test_importing_the_same_feed_twice_changes_nothing_the_second_time():
    feed = exported(3)
    before = {s.pk: (s.version, s.updated_at) for s in m.Service.objects.all()}
    imported = actions_standards.load_services(feed, source="again.json")
    assert imported.problems == []
    assert all(t == {"added": 0, "changed": 0, "removed": 0} for k, t in imported.run.counts.items() if k != "services")
    assert {s.pk: (s.version, s.updated_at) for s in m.Service.objects.all()} == before
    assert not m.ListingChange.objects.exists()


def test_a_changed_feed_changes_what_differs_and_removes_what_is_gone():
    feed = exported(2)
    feed[0]["name"] = "Walk and talk"
    feed[0]["phones"] = []
    imported = actions_standards.load_services(feed, source="changed.json")
    assert imported.problems == []
    service = m.Service.objects.get(pk=feed[0]["id"])
    assert service.name == "Walk and talk" and service.version == 2 and not service.phones.exists()
    change = m.ListingChange.objects.get(object_id=service.pk)
    assert change.what == "imported" and change.detail["fields"] == ["name"]
    assert imported.run.counts["phone"]["removed"] == 1
    assert service.referral_email == "referrals@example.org"  # never in a feed, never lost by one


def test_every_problem_is_said_with_its_place_and_nothing_changes():
    feed = exported(3)
    empty_directory()
    bad = copy.deepcopy(feed)
    del bad[0]["phones"][0]["number"]
    bad[1]["contacts"][0]["phones"][0]["number"] = "  "
    bad[1]["minimum_age"] = 70
    bad[1]["maximum_age"] = 18
    bad[2]["service_at_locations"][0]["location"]["id"] = "not-an-id"
    bad[2]["email"] = "nobody"
    bad[2]["name"] = "x" * 201
    imported = actions_standards.load_services(bad, source="bad.json")
    said = [str(p) for p in imported.problems]
    assert said == [
        "services[0].phones[0].number: a number is needed",
        "services[1].contacts[0].phones[0].number: a phone number is needed",
        "services[1].maximum_age: must not be below the minimum age",
        "services[2].email: must be an email address, like name@example.com",
        "services[2].name: is too long: at most 200 characters",
        "services[2].service_at_locations[0].location.id: must be an id in the form "
        "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    ]
    assert not m.Service.objects.exists() and not m.Organisation.objects.exists()
    run = m.ImportRun.objects.get()
    assert not run.loaded and len(run.errors) == 6
    assert run.errors[0] == {"path": "services[0].phones[0].number", "message": "a number is needed"}


def test_ids_the_feed_refers_to_must_be_known():
    feed = exported(1)
    empty_directory()
    feed[0].pop("organization")
    feed[0]["attributes"] = [{"id": str(uuid.uuid4()), "taxonomy_term_id": str(uuid.uuid4())}]
    said = [str(p) for p in actions_standards.load_services(feed, source="x").problems]
    assert said == [
        "services[0].attributes[0].taxonomy_term_id: no taxonomy term with this id is in the feed or the directory",
        "services[0].organization_id: no organisation with this id is in the feed or the directory",
        "services[0].service_at_locations[0].location.organization_id: no organisation with this id is in the feed "
        "or the directory",
    ]


@pytest.mark.parametrize("body", ["[", '{"services": 1}', "3", '["a service"]'])
def test_a_feed_that_is_not_a_list_of_services_says_so(tmp_path, body):
    path = tmp_path / "feed.json"
    path.write_text(body)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("directory_import", str(path), verbosity=0)
    assert not m.ImportRun.objects.get().loaded


def test_only_http_and_files_are_read():
    imported = actions_standards.import_feed("file:///etc/passwd")
    assert "web address starting http" in imported.problems[0].message


def test_only_an_administrator_imports_from_a_page(member):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions_standards.import_feed("x.json", by=member("coordinator"), roles=frozenset({"coordinator"}))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/api/hsds/services",
        "http://localhost/feed.json",
        "http://10.1.2.3/feed.json",
        "http://169.254.169.254/latest/meta-data/",  # a cloud server's own secrets
        "http://[::1]/feed.json",
    ],
)
def test_a_feed_inside_the_service_s_own_network_is_refused_before_anything_is_asked(url):
    with pytest.raises(hsds_in.FeedUnreadable, match="inside this service's own network"):
        hsds_in.read(url)


def test_a_redirect_to_the_service_s_own_network_is_not_followed():
    handler = hsds_in._CheckedRedirects()
    with pytest.raises(hsds_in.FeedUnreadable, match="inside this service's own network"):
        handler.redirect_request(None, None, 302, "Found", {}, "http://127.0.0.1/secret")
    with pytest.raises(hsds_in.FeedUnreadable, match="not a web address"):
        handler.redirect_request(None, None, 302, "Found", {}, "file:///etc/passwd")
