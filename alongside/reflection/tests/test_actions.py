"""Writing a reflection: only by whoever had or recorded the contact, once, audited, with only the ten tips."""

import pytest
from django.core.exceptions import PermissionDenied

from alongside.core.models import AuditEvent
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, give_part, make_named_worker
from alongside.reflection import actions
from alongside.reflection.models import Reflection

from .factories import contact_with, reflect_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def sam(member, team):
    return member("clinician", team=team, first_name="Sam")


@pytest.fixture
def ada(sam):
    person = PersonFactory(given_name="Ada")
    make_named_worker(person, sam)
    return person


def test_the_worker_who_had_the_contact_reflects_once_and_it_is_audited(sam, ada, team):
    contact = contact_with(ada, sam, team=team)
    first = reflect_on(contact, sam, hard=["hope", "listen"], note="  Slow down next time. ")
    again = reflect_on(contact, sam, hard=["equals"], note="Something else")
    assert first.pk == again.pk and Reflection.objects.count() == 1
    assert first.hard == ["listen", "hope"]  # in the order of the ten
    assert first.note == "Slow down next time."
    assert (first.team, first.person, first.contact_kind) == (team, ada, "Home visit")
    audit = AuditEvent.objects.filter(action="reflection_written")
    assert [(e.person_id, e.basis) for e in audit] == [(ada.pk, "relationship")]
    assert "Slow down" not in str(audit.get().detail)  # the note never reaches the audit


def test_a_colleague_who_recorded_it_for_the_practitioner_may_reflect_too(member, sam, ada, team):
    colleague = member("clinician", team=team)
    contact = contact_with(ada, sam, team=team)
    contact.recorded_by = colleague
    contact.save()
    give_part(ada, "care_team", by=sam, user=colleague)  # so they may read Ada's care too
    assert reflect_on(contact, colleague).worker == colleague


def test_no_one_else_may_reflect_on_it(member, sam, ada, team):
    contact = contact_with(ada, sam, team=team)
    leader = member("team_leader", team=team)
    with pytest.raises(PermissionDenied):
        reflect_on(contact, leader)
    with pytest.raises(PermissionDenied):
        actions.reflect(acting_as(sam), "contact:2147483647", [], "")
    with pytest.raises(PermissionDenied):
        actions.reflect(acting_as(sam), "referral:1", [], "")
    assert not Reflection.objects.exists()


def test_only_the_ten_tips_and_a_short_note(sam, ada):
    contact = contact_with(ada, sam)
    with pytest.raises(ValueError):
        reflect_on(contact, sam, hard=["made_up"])
    with pytest.raises(ValueError):
        reflect_on(contact, sam, note="x" * 2001)
    assert not Reflection.objects.exists()


def test_the_reflection_counts_in_the_workers_own_team(member, sam, ada):
    """A colleague from another team who had the contact: it counts in their team's patterns, not the recorder's."""
    visiting = member("social_worker", team=TeamFactory(name="Hillside"))
    give_part(ada, "care_team", by=sam, user=visiting)
    contact = contact_with(ada, visiting, team=TeamFactory(name="Elsewhere"))
    assert reflect_on(contact, visiting).team.name == "Hillside"
