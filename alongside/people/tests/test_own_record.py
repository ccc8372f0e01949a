"""The person and their proxy on their own record: they read it, write what is theirs, and ask about the rest.

A correction of what staff wrote is asked for, not made: the entry's author or the named worker answers, and the
answer (corrected, or kept with the reason) stays beside the entry with the request.
"""

import uuid

import pytest
from django.urls import reverse

from alongside.core.models import Alert, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.people.models import CorrectionRequest, Entry
from alongside.people.tests.factories import PersonFactory, add_entry, allocate, give_part, make_named_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def mabel(db):
    user = UserFactory(first_name="Mabel", last_name="Okafor")
    return PersonFactory(user=user, given_name="Mabel", family_name="Okafor")


@pytest.fixture
def sam(member, mabel):
    """Mabel's named worker."""
    user = member("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(mabel, user)
    return user


@pytest.fixture
def visit(mabel, member):
    """A note written by a district nurse who is on Mabel's care team."""
    nurse = member("clinician", first_name="Priya", last_name="Shah")
    allocate(mabel, "care_team", user=nurse)
    return add_entry(mabel, nurse, "Visited at home. Mabel says she no longer goes out.")


def form_key() -> str:
    return str(uuid.uuid4())


def test_the_persons_page_offers_what_is_theirs_and_no_staff_actions(client, mabel, sam, visit):
    client.force_login(mabel.user)
    page = client.get(reverse("people:person", args=[mabel.pk])).content.decode()
    for offered in ("people:new_own_note", "people:edit_communication", "people:new_supporter"):
        assert reverse(offered, args=[mabel.pk]) in page, offered
    assert reverse("people:ask_for_correction", args=[mabel.pk, visit.pk]) in page
    assert reverse("people:edit_story", args=[mabel.pk, "my_story"]) in page
    named = mabel.relationships.get(kind="named_worker")
    for refused in (
        reverse("people:new_entry", args=[mabel.pk]),
        reverse("people:edit_details", args=[mabel.pk]),
        reverse("people:amend_entry", args=[mabel.pk, visit.pk]),
        reverse("people:end_relationship", args=[mabel.pk, named.pk]),
    ):
        assert refused not in page, refused
    assert "Add someone to Mabel's care" not in page
    assert "Choose someone to help with your record (a proxy)" in page


def test_the_person_cannot_make_staff_part_of_their_care_or_end_their_named_worker(client, mabel, sam, member):
    stranger = member("clinician", first_name="Any", last_name="Colleague")
    client.force_login(mabel.user)
    response = client.post(
        reverse("people:new_relationship", args=[mabel.pk]),
        {"form_key": form_key(), "kind": "named_worker", "username": stranger.username},
    )
    assert response.status_code == 200  # the form offers only a proxy, and says so
    assert not mabel.relationships.filter(user=stranger).exists()
    named = mabel.relationships.get(kind="named_worker")
    response = client.post(reverse("people:end_relationship", args=[mabel.pk, named.pk]), {"reason": "I want to"})
    assert response.status_code == 404
    named.refresh_from_db()
    assert named.ended_at is None


def test_a_proxy_adds_a_note_in_the_persons_words_once_however_often_they_press(client, mabel, sam):
    daughter = UserFactory(first_name="Grace", last_name="Okafor")
    give_part(mabel, "proxy", user=daughter, by=mabel.user)
    client.force_login(daughter)
    key = form_key()
    for _ in range(2):
        response = client.post(
            reverse("people:new_own_note", args=[mabel.pk]), {"form_key": key, "text": "Mum had a fall on Sunday."}
        )
        assert response.status_code == 302
    note = Entry.objects.get(person=mabel, kind=Entry.Kind.OWN_NOTE)
    assert note.author == daughter and note.text == "Mum had a fall on Sunday."
    assert AuditEvent.objects.filter(action="own_note_added", person_id=mabel.pk, basis="proxy").count() == 1
    client.force_login(sam)
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert "Note in Mabel's own words" in page and "Mum had a fall on Sunday." in page


def test_staff_read_the_persons_own_notes_but_never_change_them(client, mabel, sam):
    note = add_entry(mabel, mabel.user, "I feel much better.", kind=Entry.Kind.OWN_NOTE)
    client.force_login(sam)
    assert client.get(reverse("people:amend_entry", args=[mabel.pk, note.pk])).status_code == 404
    assert client.get(reverse("people:new_own_note", args=[mabel.pk])).status_code == 404
    client.force_login(mabel.user)
    response = client.post(
        reverse("people:amend_entry", args=[mabel.pk, note.pk]), {"text": "I feel better.", "reason": "Too strong"}
    )
    assert response.status_code == 302
    assert note.amendments.get().text == "I feel better."


def test_an_empty_note_is_explained_and_nothing_is_saved(client, mabel):
    client.force_login(mabel.user)
    response = client.post(reverse("people:new_own_note", args=[mabel.pk]), {"form_key": form_key(), "text": "  "})
    assert "Write your note, or go back without saving" in texts(response)
    assert not Entry.objects.filter(person=mabel).exists()


def test_the_person_says_how_to_communicate_and_a_stale_save_keeps_what_they_typed(client, mabel, sam):
    client.force_login(mabel.user)
    url = reverse("people:edit_communication", args=[mabel.pk])
    version = mabel.version
    response = client.post(url, {"communication_needs": "Face me when you speak.", "version": version})
    assert response.status_code == 302
    mabel.refresh_from_db()
    assert mabel.communication_needs == "Face me when you speak."
    response = client.post(url, {"communication_needs": "Large print, please.", "version": version})
    page = texts(response)
    assert "Someone else changed this while you were writing" in page
    assert "Large print, please." in page and "Face me when you speak." in page
    mabel.refresh_from_db()
    assert mabel.communication_needs == "Face me when you speak."


def test_the_person_cannot_change_their_identity_details(client, mabel):
    client.force_login(mabel.user)
    assert client.get(reverse("people:edit_details", args=[mabel.pk])).status_code == 404


def ask(client, mabel, entry, wrong="I go to church every Sunday.", should=""):
    return client.post(
        reverse("people:ask_for_correction", args=[mabel.pk, entry.pk]),
        {"form_key": form_key(), "what_is_wrong": wrong, "what_it_should_say": should},
    )


def test_asking_for_a_correction_tells_the_author_and_the_named_worker_and_is_audited(client, mabel, sam, visit):
    client.force_login(mabel.user)
    response = ask(client, mabel, visit, should="Mabel goes to church on Sundays.")
    assert response.status_code == 302
    correction = CorrectionRequest.objects.get(entry=visit)
    assert correction.asked_by == mabel.user and correction.outcome == "waiting"
    assert (correction.answer_due - correction.asked_at.date()).days == 30
    assert set(Alert.objects.values_list("recipient", flat=True)) == {visit.author_id, sam.pk}
    assert all("Mabel" not in alert.text for alert in Alert.objects.all())  # the page says who; the alert does not
    assert AuditEvent.objects.filter(action="correction_asked", person_id=mabel.pk, basis="self").count() == 1
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert "Correction asked for by you" in page and "Waiting for an answer" in page
    assert "Visited at home. Mabel says she no longer goes out." in page  # unchanged until answered


def test_an_empty_request_is_explained(client, mabel, visit):
    client.force_login(mabel.user)
    response = ask(client, mabel, visit, wrong="")
    assert "Say what is wrong with the entry" in texts(response)
    assert not CorrectionRequest.objects.exists()


def test_the_person_asks_only_about_what_staff_wrote_that_they_can_see(client, mabel, sam):
    client.force_login(mabel.user)
    own = add_entry(mabel, mabel.user, kind=Entry.Kind.OWN_NOTE)
    sensitive = add_entry(mabel, sam, restricted=True)
    for entry in (own, sensitive):
        assert client.get(reverse("people:ask_for_correction", args=[mabel.pk, entry.pk])).status_code == 404
    client.force_login(sam)  # staff correct what they wrote; they do not ask
    assert client.get(reverse("people:ask_for_correction", args=[mabel.pk, sensitive.pk])).status_code == 404


def answer_url(correction):
    return reverse("people:answer_correction", args=[correction.person_id, correction.pk])


def test_the_author_corrects_the_entry_and_the_original_stays(client, mabel, sam, visit):
    client.force_login(mabel.user)
    ask(client, mabel, visit, should="Mabel goes to church on Sundays.")
    correction = CorrectionRequest.objects.get()
    client.force_login(visit.author)
    page = texts(client.get(answer_url(correction)))
    assert "I go to church every Sunday." in page and "Mabel goes to church on Sundays." in page
    response = client.post(
        answer_url(correction),
        {"answer": "correct", "text": "Visited at home. Mabel goes to church on Sundays.", "note": "Misheard"},
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.outcome == "corrected" and correction.answered_by == visit.author
    assert not Alert.objects.filter(read_at__isnull=True).exists()  # answered: off both answerers' home pages
    assert correction.amendment.text == "Visited at home. Mabel goes to church on Sundays."
    assert correction.amendment.amend_reason == "Corrected at the person's request: Misheard"
    assert Entry.objects.get(pk=visit.pk).text == "Visited at home. Mabel says she no longer goes out."
    client.force_login(mabel.user)
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert "Corrected by Priya Shah" in page and "Mabel goes to church on Sundays." in page


def test_the_named_worker_keeps_the_entry_with_a_reason_and_the_request_stays_beside_it(client, mabel, sam, visit):
    client.force_login(mabel.user)
    ask(client, mabel, visit)
    correction = CorrectionRequest.objects.get()
    client.force_login(sam)
    response = client.post(answer_url(correction), {"answer": "keep", "reason": ""})
    assert "Say why the entry stays as it is" in texts(response)
    response = client.post(
        answer_url(correction), {"answer": "keep", "reason": "It records what you told Priya on the day."}
    )
    assert response.status_code == 302
    again = client.post(answer_url(correction), {"answer": "correct", "text": "Something else"})
    assert again.status_code == 200  # the page now shows the answer; nothing more is changed
    correction.refresh_from_db()
    assert correction.outcome == "kept" and correction.amendment is None
    assert not visit.amendments.exists()
    assert AuditEvent.objects.filter(action="correction_answered", person_id=mabel.pk).count() == 1
    client.force_login(mabel.user)
    page = texts(client.get(reverse("people:person", args=[mabel.pk])))
    assert "Kept as it is by Sam Okoro" in page and "It records what you told Priya on the day." in page
    assert "I go to church every Sunday." in page


def test_a_correction_with_nothing_changed_is_explained(client, mabel, sam, visit):
    client.force_login(mabel.user)
    ask(client, mabel, visit)
    client.force_login(sam)
    response = client.post(answer_url(CorrectionRequest.objects.get()), {"answer": "correct", "text": visit.text})
    assert "The entry is the same as before" in texts(response)


def test_only_the_author_or_the_named_worker_answers(client, mabel, sam, visit, member):
    client.force_login(mabel.user)
    ask(client, mabel, visit)
    correction = CorrectionRequest.objects.get()
    colleague = member("clinician")
    give_part(mabel, "care_team", user=colleague, by=sam)
    for someone in (colleague, mabel.user):
        client.force_login(someone)
        assert client.get(answer_url(correction)).status_code == 404
        client.post(answer_url(correction), {"answer": "keep", "reason": "No"})
    correction.refresh_from_db()
    assert correction.outcome == "waiting"
