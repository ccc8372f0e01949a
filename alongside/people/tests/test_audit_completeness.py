"""Every read of person data leaves exactly one audit row per access; refusals are logged; no audit, no page."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.partners.models import Role
from alongside.people.tests.factories import (
    EntryFactory,
    PersonFactory,
    RelationshipFactory,
    StoryFactory,
    make_named_worker,
)

READS = ["person", "story_history", "edit_story", "new_entry", "amend_entry"]


def url(endpoint, person, entry):
    args = {
        "story_history": [person.pk, "my_story"],
        "edit_story": [person.pk, "my_story"],
        "amend_entry": [person.pk, entry.pk],
    }.get(endpoint, [person.pk])
    return reverse(f"people:{endpoint}", args=args)


@pytest.mark.parametrize("related", [True, False], ids=["related", "unrelated"])
@pytest.mark.parametrize("endpoint", READS)
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_access_and_each_refusal_is_audited_once(role, endpoint, related, member, client):
    user = member(role)
    client.force_login(user)
    person = PersonFactory()
    StoryFactory(person=person)
    entry = EntryFactory(person=person)
    if related:
        RelationshipFactory(person=person, user=user, kind="volunteer" if role == "volunteer" else "named_worker")
    before = set(AuditEvent.objects.filter(person_id=person.pk).values_list("pk", flat=True))
    response = client.get(url(endpoint, person, entry))
    new = list(AuditEvent.objects.filter(person_id=person.pk).exclude(pk__in=before))
    assert len(new) == 1
    event = new[0]
    assert event.actor == user and event.request_id == response["X-Request-ID"]
    if response.status_code == 200:
        assert not event.action.startswith("denied") and event.basis == "relationship"
    else:
        assert response.status_code == 404 and event.action.startswith("denied:")


def test_if_the_audit_cannot_be_written_the_page_is_not_shown(signed_in, client, monkeypatch):
    user = signed_in("clinician")
    person = PersonFactory(given_name="Zebedee")
    make_named_worker(person, user)

    def fail(*args, **kwargs):
        raise DatabaseError("audit table unavailable")

    monkeypatch.setattr(AuditEvent.objects, "create", fail)
    client.raise_request_exception = False
    response = client.get(reverse("people:person", args=[person.pk]))
    assert response.status_code == 500
    assert b"Zebedee" not in response.content
