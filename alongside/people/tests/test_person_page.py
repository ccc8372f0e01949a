"""The person page and story: what each relationship shows, versions, conflicts and amendments."""

import uuid

import pytest
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.people.models import Entry, StoryVersion
from alongside.people.tests.factories import (
    EntryFactory,
    PersonFactory,
    RelationshipFactory,
    add_entry,
    give_part,
    make_named_worker,
    write_story,
)


def test_a_named_worker_sees_the_whole_picture_and_the_read_is_audited(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory(given_name="Ada", family_name="Okafor", nhs_number="9990000018")
    make_named_worker(person, user)
    write_story(person, user)
    add_entry(person, user, "Sensitive detail", restricted=True)
    content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Ada Okafor" in content and "999 000 0018" in content and "bus driver" in content
    assert "Sensitive detail" in content  # the named worker sees restricted items
    event = AuditEvent.objects.get(action="person_viewed", person_id=person.pk)
    assert event.basis == "relationship" and event.actor == user


def test_without_a_relationship_the_person_looks_missing_and_the_denial_is_audited(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory()
    response = client.get(reverse("people:person", args=[person.pk]))
    missing = client.get(reverse("people:person", args=[999_999_999]))
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content
    assert AuditEvent.objects.filter(action="denied:person_viewed", actor=user, person_id=person.pk).exists()


def test_a_care_team_member_does_not_see_restricted_items(signed_in, client, member):
    user = signed_in("clinician")
    person = PersonFactory()
    named_worker = member("clinician")
    make_named_worker(person, named_worker)
    give_part(person, "care_team", user=user, by=named_worker)
    add_entry(person, named_worker, "Visible note")
    add_entry(person, named_worker, "Sensitive detail", restricted=True)
    content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Visible note" in content and "Sensitive detail" not in content and "Sensitive" not in content


def test_a_volunteer_sees_only_the_minimal_view(signed_in, client, member):
    user = signed_in("volunteer")
    person = PersonFactory(phone="07700 900123", shared_with_volunteers="I love talking about gardening")
    named_worker = member("clinician")
    make_named_worker(person, named_worker)
    give_part(person, "volunteer", user=user, by=named_worker)
    write_story(person, named_worker)
    add_entry(person, named_worker, "Clinical detail")
    content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "07700 900123" in content and "gardening" in content
    assert "Clinical detail" not in content and "bus driver" not in content and "Date of birth" not in content


def test_the_story_is_versioned_and_a_stale_save_is_shown_both_versions(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, user)
    url = reverse("people:edit_story", args=[person.pk, "my_story"])
    first = {"text": "I grew up in Hillcrest.", "reason": "First told", "written_with_person": "on", "based_on": 0}
    assert client.post(url, first).status_code == 302
    stale = client.post(url, first | {"text": "I grew up by the sea."}).content.decode()
    assert "Someone else saved a new version" in stale
    assert "I grew up in Hillcrest." in stale and "I grew up by the sea." in stale
    assert client.post(url, first | {"text": "Both", "based_on": 1}).status_code == 302
    assert list(StoryVersion.objects.filter(person=person).values_list("number", "text")) == [
        (2, "Both"),
        (1, "I grew up in Hillcrest."),
    ]
    history = client.get(reverse("people:story_history", args=[person.pk, "my_story"])).content.decode()
    assert "I grew up in Hillcrest." in history and "First told" in history


def test_a_story_needs_a_reason_and_keeps_what_was_typed(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    url = reverse("people:edit_story", args=[person.pk, "what_matters"])
    content = client.post(url, {"text": "My cat, Biscuit", "reason": "", "based_on": 0}).content.decode()
    assert "Say why this is changing" in content and "My cat, Biscuit" in content


def test_corrections_amend_and_never_delete(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    key = str(uuid.uuid4())
    for _ in range(2):
        client.post(
            reverse("people:new_entry", args=[person.pk]), {"kind": "note", "text": "BP 150/90", "form_key": key}
        )
    original = Entry.objects.get(person=person)
    client.post(
        reverse("people:amend_entry", args=[person.pk, original.pk]), {"text": "BP 130/90", "reason": "Typing error"}
    )
    assert Entry.objects.filter(person=person).count() == 2
    content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "BP 130/90" in content and "BP 150/90" in content and "Amended" in content


def test_a_community_services_answer_is_not_ours_to_correct(signed_in, client):
    """An entry with no author (a community service answered a referral through its link: no one in Alongside
    wrote it) shows no "Correct this entry", and cannot be corrected by its address nor through the action."""
    import pytest
    from django.core.exceptions import PermissionDenied

    from alongside.core.tests.requests import acting_as
    from alongside.people import actions

    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    add_entry(person, user, "Visited at home; talked about the lunch club.")
    answer = Entry.objects.create(
        person=person, kind="community_referral", author=None, text="Tuesday Lunch Club accepted the referral."
    )
    content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Tuesday Lunch Club accepted the referral." in content
    assert content.count("Correct this entry") == 1  # the note the clinician wrote, not the service's answer
    url = reverse("people:amend_entry", args=[person.pk, answer.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Something else", "reason": "Wrong"}).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.amend_entry(acting_as(user), answer, "Something else", "Wrong")
    assert not answer.amendments.exists()


def test_the_person_reads_their_own_record_but_not_restricted_items(client, member):
    from alongside.core.tests.factories import UserFactory

    user = UserFactory()
    person = PersonFactory(user=user)
    named_worker = member("clinician")
    make_named_worker(person, named_worker)
    add_entry(person, named_worker, "Ordinary note")
    add_entry(person, named_worker, "Sensitive detail", restricted=True)
    client.force_login(user)
    content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "Your record" in content and "Ordinary note" in content and "Sensitive detail" not in content


def details(person, **changes):
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "preferred_name": "",
        "birth_day": "12",
        "birth_month": "3",
        "birth_year": "1941",
        "nhs_number": "",
        "address_line": "1 Elm Road",
        "town": "Northvale",
        "postcode": "NV1 2AB",
        "phone": "",
        "communication_needs": "",
        "version": person.version,
    }
    return data | changes


def test_bad_details_get_specific_messages_and_keep_what_was_typed(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    url = reverse("people:edit_details", args=[person.pk])
    content = client.post(
        url,
        details(person, nhs_number="999 000 0019", postcode="NV1 ZZZ9", phone="12", birth_day="31", birth_month="2"),
    ).content.decode()
    assert "This is not a valid NHS number" in content and 'value="999 000 0019"' in content
    assert "Enter a real postcode" in content and 'value="NV1 ZZZ9"' in content
    assert "Enter a UK phone number" in content
    assert "Date of birth must be a real date" in content and 'value="31"' in content


def test_details_are_saved_normalised_and_a_stale_save_is_a_conflict(signed_in, client):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    url = reverse("people:edit_details", args=[person.pk])
    data = details(person, nhs_number="999 000 0018", postcode="nv1 2ab", phone="07700900123")
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.nhs_number, person.postcode, person.phone) == ("9990000018", "NV1 2AB", "07700 900123")
    stale = client.post(url, data | {"town": "Old Town"}).content.decode()
    assert "Someone else changed these details" in stale and 'value="Old Town"' in stale
    assert AuditEvent.objects.filter(action="details_updated", person_id=person.pk).count() == 1


# Arabic-Indic, Persian and Urdu, full-width
@pytest.mark.parametrize("typed", ["٩٩٩ ٠٠٠ ٠٠١٨", "۹۹۹ ۰۰۰ ۰۰۱۸", "９９９ ０００ ００１８"])
def test_an_nhs_number_typed_on_another_keyboard_is_kept_as_0_to_9(signed_in, client, typed):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    saved = client.post(reverse("people:edit_details", args=[person.pk]), details(person, nhs_number=typed))
    assert saved.status_code == 302
    person.refresh_from_db()
    assert person.nhs_number == "9990000018"


def test_what_volunteers_may_know_is_written_once_and_shown_to_the_volunteer(signed_in, client, member):
    user = signed_in("clinician")
    person = PersonFactory()
    make_named_worker(person, user)
    volunteer = member("volunteer")
    give_part(person, "volunteer", user=volunteer, by=user)
    url = reverse("people:edit_shared_with_volunteers", args=[person.pk])
    assert client.post(url, {"text": "Loves cricket; please knock loudly"}).status_code == 302
    client.force_login(volunteer)
    assert "Loves cricket" in client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert client.get(url).status_code == 404  # volunteers read it, they do not write it


def test_the_person_page_uses_a_constant_number_of_queries(signed_in, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = signed_in("clinician")
    person = PersonFactory()
    RelationshipFactory(person=person, user=user)

    def grow(n):
        for _ in range(n):
            entry = EntryFactory(person=person)
            EntryFactory(person=person, amends=entry, amend_reason="typo")
            RelationshipFactory(person=person, user=signed_in("clinician"), kind="care_team")
        client.force_login(user)

    grow(2)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("people:person", args=[person.pk]))
    grow(15)
    with CaptureQueriesContext(connection) as large:
        content = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert content.count("Correct this entry") == 17
    assert len(large.captured_queries) == len(small.captured_queries)


def test_sharing_choices_keep_nhs_and_gp_in_capitals(client, db):
    from alongside.consent.tests.factories import withhold
    from alongside.core.tests.factories import UserFactory

    user = UserFactory()
    person = PersonFactory(user=user)
    withhold(person, ["identity"])
    client.force_login(user)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Do not share my date of birth, NHS number and GP practice with volunteers" in page
