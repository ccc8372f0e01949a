"""The episodes part's home panels: the referrer's "Your referrals to the virtual ward" (what became of each, a
fixed number of queries, nothing for anyone else) and, for the person on the ward and their proxy, "You are on the
virtual ward" with the next visit, the ward's phone and what to do if they feel worse."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.core.tests.factories import UserFactory, enrol_totp
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import MembershipFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.virtual_ward import actions_episodes as actions
from alongside.virtual_ward import panels_episodes as panels
from alongside.virtual_ward.models import PlannedContact, Referral

from .factories_episodes import accepted, referred, ward_world

pytestmark = pytest.mark.django_db


def login(client, user):
    enrol_totp(user)
    client.force_login(user)


def queries_for(panel, user) -> int:
    request = acting_as(user, "get")
    with CaptureQueriesContext(connection) as captured:
        panel(request)
    return len(captured)


def test_the_referrer_sees_what_became_of_each_referral(client):
    w = ward_world()
    waiting = referred(w, by=w.gp)
    other = PersonFactory(given_name="Olu")
    RelationshipFactory(person=other, user=w.gp, kind=CareRelationship.Kind.NAMED_WORKER)
    declined = referred(w, other, by=w.gp)
    actions.decide_referral(acting_as(w.nurse), declined.pk, "declined", "Needs a hospital bed tonight", 1)
    login(client, w.gp)
    home = client.get(reverse("home")).content.decode()
    assert "Your referrals to the virtual ward" in home
    assert "Waiting for a decision" in home and "Declined: Needs a hospital bed tonight" in home
    assert reverse("virtual_ward:referral", args=[waiting.pk]) in home
    assert reverse("virtual_ward:referral", args=[declined.pk]) in home


def test_the_referrers_panel_reads_a_fixed_number_of_times_and_nothing_for_others():
    w = ward_world()
    referred(w, by=w.gp)
    one = queries_for(panels.my_referrals, w.gp)
    for _ in range(3):
        person = PersonFactory()
        RelationshipFactory(person=person, user=w.gp, kind=CareRelationship.Kind.NAMED_WORKER)
        referred(w, person, by=w.gp)
    assert queries_for(panels.my_referrals, w.gp) == one
    assert queries_for(panels.my_referrals, MembershipFactory(role="clinician").user) == 1  # staff with none
    assert queries_for(panels.my_referrals, UserFactory()) == 0  # not staff: free
    assert queries_for(panels.my_referrals, MembershipFactory(role="volunteer").user) == 0


def test_old_referrals_leave_the_panel():
    w = ward_world()
    made = referred(w, by=w.gp)
    Referral.objects.filter(pk=made.pk).update(referred_at=timezone.now() - timedelta(days=15))
    assert panels.my_referrals(acting_as(w.gp, "get")) is None


def _on_the_ward(phone="01632 960 222"):
    w = ward_world()
    w.ward.team.phone = phone
    w.ward.team.save()
    own = UserFactory()
    w.person.user = own
    w.person.given_name = "Sofia"
    w.person.save()
    episode = actions.admit(acting_as(w.nurse), accepted(w).pk)
    w.nurse.first_name, w.nurse.last_name = "Sam", "Okoro"
    w.nurse.save()
    PlannedContact.objects.create(
        episode=episode, person=w.person, kind="visit", due_at=timezone.now() + timedelta(hours=2), nurse=w.nurse
    )
    return w, own, episode


def test_the_person_on_the_ward_is_told_at_the_top_of_their_home_page(client):
    w, own, episode = _on_the_ward()
    login(client, own)
    home = client.get(reverse("home")).content.decode()
    assert "You are on the virtual ward" in home
    assert "from Sam" in home and "Okoro" not in home
    assert 'href="tel:01632960222"' in home and 'href="tel:999"' in home
    assert "If you feel worse" in home
    record = client.get(reverse("people:person", args=[w.person.pk])).content.decode()
    assert 'href="tel:01632960222"' in record and 'href="tel:999"' in record


def test_without_a_phone_they_are_told_to_call_their_gp_and_the_proxy_is_told_too(client):
    w, own, episode = _on_the_ward(phone="")
    proxy = UserFactory()
    RelationshipFactory(person=w.person, user=proxy, kind=CareRelationship.Kind.PROXY)
    login(client, proxy)
    home = client.get(reverse("home")).content.decode()
    assert "Sofia is on the virtual ward" in home and "their GP surgery" in home and 'href="tel:999"' in home


def test_the_panel_for_the_person_is_free_for_staff_and_fixed_for_others():
    w, own, episode = _on_the_ward()
    assert queries_for(panels.on_the_ward, w.nurse) == 0
    assert queries_for(panels.on_the_ward, UserFactory()) == 1
    assert panels.on_the_ward(acting_as(own, "get")) is not None
    actions.end(acting_as(w.nurse), episode.pk, "home", "", episode.version)
    assert panels.on_the_ward(acting_as(own, "get")) is None
