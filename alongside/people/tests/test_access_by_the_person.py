"""Something the person did with no one signed in (a one-time link sent to them) is audited as theirs: their own
account as the actor when they have one, basis SELF, whoever else the request might carry."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.people.access import record_by_the_person
from alongside.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _anonymous():
    request = RequestFactory().post("/outcomes/link/x/check/")
    request.user = AnonymousUser()
    return request


def test_the_persons_own_account_is_the_actor_with_basis_self():
    person = PersonFactory(user=UserFactory())
    record_by_the_person(_anonymous(), person, "outcome_recorded", via="link")
    event = AuditEvent.objects.get()
    assert (event.actor, event.person_id, event.basis) == (person.user, person.pk, "self")
    assert event.detail == {"via": "link"}


def test_someone_without_an_account_is_recorded_with_no_actor_still_as_themselves():
    person = PersonFactory(user=None)
    record_by_the_person(_anonymous(), person, "outcome_recorded")
    event = AuditEvent.objects.get()
    assert (event.actor, event.actor_username, event.basis) == (None, "", "self")
