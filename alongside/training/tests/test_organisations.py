"""A member of staff who works in teams of two organisations: each organisation's leaders and administrators see,
put right and delete only the records made in their own organisation, and the other's answer the site's 404.
Migration 0005 names the organisation of the records made before it was kept."""

from importlib import import_module

import pytest
from django.apps import apps

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.training.models import Course, Record

from .test_pages import course, done, form_key

migration = import_module("alongside.training.migrations.0005_record_organisation")
pytestmark = pytest.mark.django_db


@pytest.fixture
def two(member):
    """Sam, a clinician in Riverside (organisation A) and in Hillside (organisation B), with a record made in each."""
    riverside, hillside = TeamFactory(name="Riverside"), TeamFactory(name="Hillside")
    sam = member("clinician", team=riverside, first_name="Sam", last_name="Patel")
    MembershipFactory(user=sam, team=hillside, role="clinician")
    in_a = done(sam, key="recovery_approach", organisation=riverside.organisation)
    in_b = done(sam, key="safeguarding_adults", organisation=hillside.organisation)
    return riverside, hillside, sam, in_a, in_b


@pytest.mark.parametrize("role", ["team_leader", "admin"])
def test_the_other_organisations_leader_or_administrator_cannot_see_change_or_delete_a_record(
    client, member, two, role
):
    riverside, hillside, sam, in_a, in_b = two
    client.force_login(member(role, team=riverside))
    for path in ("change", "delete"):
        assert client.get(f"/training/records/{in_b.pk}/{path}/").status_code == 404
    typed = {"version": "1", "completed_day": "1", "completed_month": "2", "completed_year": "2025"}
    assert client.post(f"/training/records/{in_b.pk}/change/", typed).status_code == 404
    assert client.post(f"/training/records/{in_b.pk}/delete/", {"version": "1"}).status_code == 404
    assert Record.objects.get(pk=in_b.pk).completed_on == in_b.completed_on  # untouched
    page = client.get(f"/training/teams/{riverside.pk}/people/{sam.pk}/").content.decode()
    assert f"/training/records/{in_a.pk}/change/" in page  # their own organisation's record: theirs to put right
    assert f"/training/records/{in_b.pk}/" not in page
    assert "Also recorded in another organisation" in texts(
        client.get(f"/training/teams/{riverside.pk}/people/{sam.pk}/")
    )


@pytest.mark.parametrize("role", ["team_leader", "admin"])
def test_the_organisations_own_leader_or_administrator_puts_its_record_right(client, member, two, role):
    riverside, hillside, sam, in_a, in_b = two
    client.force_login(member(role, team=hillside))
    assert client.get(f"/training/records/{in_a.pk}/change/").status_code == 404
    assert client.get(f"/training/records/{in_b.pk}/change/").status_code == 200
    typed = {"version": "1", "completed_day": "1", "completed_month": "2", "completed_year": "2025"}
    person = f"/training/teams/{hillside.pk}/people/{sam.pk}/"
    assert client.post(f"/training/records/{in_b.pk}/change/", typed)["Location"] == person
    assert str(Record.objects.get(pk=in_b.pk).completed_on) == "2025-02-01"
    assert AuditEvent.objects.get(action="training_record_corrected").organisation_id == hillside.organisation_id
    assert client.post(f"/training/records/{in_b.pk}/delete/", {"version": "2"})["Location"] == person
    assert not Record.objects.filter(pk=in_b.pk).exists() and Record.objects.filter(pk=in_a.pk).exists()


def test_the_member_themselves_puts_either_right(client, two):
    _, _, sam, in_a, in_b = two
    client.force_login(sam)
    assert client.get(f"/training/records/{in_a.pk}/change/").status_code == 200
    assert client.get(f"/training/records/{in_b.pk}/change/").status_code == 200


def test_a_record_is_kept_with_the_organisation_it_was_recorded_in(client, member):
    riverside = TeamFactory(name="Riverside")
    sam = member("clinician", team=riverside)
    leader = member("team_leader", team=riverside)
    client.force_login(leader)
    url = f"/training/teams/{riverside.pk}/record/"
    answers = {"form_key": form_key(client, url), "member": sam.pk, "course": course().pk, "completed_day": "3"}
    client.post(url, answers | {"completed_month": "3", "completed_year": "2025", "confirm": "yes"})
    assert Record.objects.get(user=sam).organisation_id == riverside.organisation_id


def test_migration_0005_names_each_records_organisation_where_it_can_be_told(member):
    riverside, hillside, other = TeamFactory(), TeamFactory(), TeamFactory()
    one_organisation = member("clinician", team=riverside)
    two_organisations = member("clinician", team=riverside)
    MembershipFactory(user=two_organisations, team=hillside, role="clinician")
    own_course = Course.objects.create(organisation=other.organisation, name="Ours", covers="Ours")
    of_own_course = done(two_organisations, organisation=None)
    of_own_course.course = own_course
    of_own_course.save()
    from_one = done(one_organisation, organisation=None)
    from_the_audit = done(two_organisations, key="safeguarding_adults", organisation=None)
    unknown = done(two_organisations, key="peer_support", organisation=None)
    Record.objects.update(organisation=None)
    AuditEvent.objects.create(
        action="training_recorded",
        object_type="training_record",
        object_id=str(from_the_audit.pk),
        organisation_id=hillside.organisation_id,
    )

    migration.name_each_records_organisation(apps, None)
    migration.name_each_records_organisation(apps, None)

    named = dict(Record.objects.values_list("pk", "organisation_id"))
    assert named == {
        of_own_course.pk: other.organisation_id,
        from_one.pk: riverside.organisation_id,
        from_the_audit.pk: hillside.organisation_id,
        unknown.pk: None,  # only Sam may put it right
    }


@pytest.fixture
def two_admin(member):
    """An administrator of two organisations, Ashford Trust (the lower id) and Brook Trust."""
    ashford = TeamFactory(organisation=OrganisationFactory(name="Ashford Trust"))
    brook = TeamFactory(organisation=OrganisationFactory(name="Brook Trust"))
    admin = member("admin", team=ashford)
    MembershipFactory(user=admin, team=brook, role="admin")
    return admin, ashford.organisation, brook.organisation


def test_an_administrator_of_two_retires_the_second_organisations_own_course_for_it(client, two_admin):
    admin, ashford, brook = two_admin
    theirs = Course.objects.create(organisation=brook, name="Brook induction", covers="x", valid_months=12)
    client.force_login(admin)
    url = f"/training/courses/{theirs.pk}/retire/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="organisation"' not in page.content.decode()  # its own: not asked
    assert client.post(url).status_code == 302
    assert list(theirs.retirements.values_list("organisation", flat=True)) == [brook.pk]
    assert AuditEvent.objects.get(action="training_course_retired").organisation_id == brook.pk
    assert "Brook induction (retired by Brook Trust)" in texts(client.get("/training/courses/"))


def test_an_administrator_of_two_chooses_which_organisation_retires_a_shipped_course(client, two_admin):
    admin, ashford, brook = two_admin
    client.force_login(admin)
    url = f"/training/courses/{course().pk}/retire/"
    page = client.get(url).content.decode()
    assert "Which of your organisations no longer offers it?" in texts(client.get(url))
    assert "Ashford Trust" in page and "Brook Trust" in page and "checked" not in page  # nothing chosen for them
    missing = client.post(url)
    assert "Select the organisation that no longer offers the course" in texts(missing)
    assert not course().retirements.exists()
    first, again = client.post(url, {"organisation": brook.pk}), client.post(url, {"organisation": brook.pk})
    assert first.status_code == again.status_code == 302  # a second press finds it done
    assert list(course().retirements.values_list("organisation", flat=True)) == [brook.pk]
    listing = texts(client.get("/training/courses/"))
    assert "Courses your organisations have retired" in listing and "(retired by Brook Trust)" in listing
    left = texts(client.get(url))
    assert "Ashford Trust" in left and "Brook Trust" not in left  # only Ashford can still retire it


def test_an_administrator_of_two_says_which_organisation_a_new_course_is_for(client, two_admin):
    admin, ashford, brook = two_admin
    Course.objects.create(organisation=ashford, name="Ashford induction", covers="x", valid_months=12)
    client.force_login(admin)
    url = "/training/courses/new/"
    page = client.get(url).content.decode()
    assert "Which organisation is the course for?" in texts(client.get(url)) and "checked" not in page
    typed = {"name": "Ashford induction", "covers": "Our welcome", "expires": "no"}
    missing = client.post(url, {"form_key": form_key(client, url), **typed})
    assert "Select the organisation the course is for" in texts(missing)
    assert 'value="Our welcome"' in missing.content.decode() or "Our welcome</textarea>" in missing.content.decode()
    taken_there = client.post(url, {"form_key": form_key(client, url), "organisation": ashford.pk, **typed})
    assert "There is already a course with this name" in texts(taken_there)  # Ashford has it; Brook does not
    key = form_key(client, url)
    check = client.post(url, {"form_key": key, "organisation": brook.pk, **typed})
    assert "Check the course before adding it" in texts(check) and "Brook Trust" in texts(check)
    added = client.post(url, {"form_key": key, "organisation": brook.pk, **typed, "confirm": "yes"})
    assert added.status_code == 302
    assert Course.objects.get(name="Ashford induction", organisation=brook).added_by == admin
    assert AuditEvent.objects.get(action="training_course_added").organisation_id == brook.pk


def test_an_administrator_of_one_organisation_is_not_asked_which(client, member):
    client.force_login(member("admin", team=TeamFactory()))
    assert 'name="organisation"' not in client.get("/training/courses/new/").content.decode()
