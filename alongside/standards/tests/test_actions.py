"""Rating, sharing, answering and adding a set, as the actions make them: permission, versions, audit."""

import pytest
from django.core.exceptions import PermissionDenied

from alongside.core.forms import EditConflict
from alongside.core.models import AuditEvent
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.standards import actions, queries
from alongside.standards.models import Check, Cycle, Rating, StandardSet

from .factories import challenge, link_for, rate_all, shared, standards_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def leader(member, team):
    return member("team_leader", team=team)


def test_the_devon_ten_ship_in_our_own_words():
    shipped = StandardSet.objects.get(organisation=None)
    standards = list(shipped.standards.all())
    assert [s.number for s in standards] == list(range(1, 11))
    assert standards[0].evidence == "training:recovery_approach"
    assert standards[4].evidence == "supervision:last_6_weeks"
    assert all(len(s.title) <= 60 and s.meaning for s in standards)


def test_care_staff_rate_and_a_stale_save_is_a_conflict_not_an_overwrite(member, team):
    sam, kim = member("clinician", team=team), member("social_worker", team=team)
    standard = standards_for(team)[0]
    first = actions.rate(acting_as(sam), team, standard, "amber", "Most of us", "Training", 0)
    with pytest.raises(EditConflict) as clash:  # Kim began before Sam saved
        actions.rate(acting_as(kim), team, standard, "green", "All of us", "Keep going", 0)
    assert clash.value.current.colour == "amber"
    actions.rate(acting_as(kim), team, standard, "green", "All of us", "Keep going", first.version)
    with pytest.raises(EditConflict):  # Sam saves again from the version he saw
        actions.rate(acting_as(sam), team, standard, "red", "None", "Start", first.version)
    assert Rating.objects.get().colour == "green"
    assert AuditEvent.objects.filter(action="standards_rated").count() == 2


def test_a_volunteer_or_another_team_may_not_rate(member, team):
    standard = standards_for(team)[0]
    for user in (member("volunteer", team=team), member("clinician", team=TeamFactory())):
        with pytest.raises(PermissionDenied):
            actions.rate(acting_as(user), team, standard, "green", "x", "y", 0)
    assert not Cycle.objects.exists()


def test_only_the_team_leader_shares_and_only_when_every_standard_is_rated(member, team, leader):
    sam = member("clinician", team=team)
    rate_all(sam, team, upto=9)
    with pytest.raises(PermissionDenied):
        actions.share(acting_as(leader), team)
    last = standards_for(team)[9]
    actions.rate(acting_as(sam), team, last, "green", "x", "y", 0)
    with pytest.raises(PermissionDenied):
        actions.share(acting_as(sam), team)
    cycle = actions.share(acting_as(leader), team)
    assert cycle.shared_at and cycle.shared_by == leader
    with pytest.raises(PermissionDenied):  # shared ratings stay as they are
        actions.rate(acting_as(sam), team, last, "red", "x", "y", Rating.objects.get(standard=last).version)


def test_a_challenge_is_answered_once(member, team, leader):
    cycle = shared(leader, team)
    token = link_for(leader, cycle)
    rating = Rating.objects.filter(cycle=cycle).first()
    challenge(token, rating)
    check = Check.objects.get()
    sam = member("clinician", team=team)
    actions.answer(acting_as(sam), check.pk, "Thank you, we will look again")
    with pytest.raises(EditConflict):
        actions.answer(acting_as(leader), check.pk, "Another answer")
    with pytest.raises(PermissionDenied):
        actions.answer(acting_as(member("clinician", team=TeamFactory())), check.pk, "Not ours")
    assert Check.objects.get().answer == "Thank you, we will look again"


def test_a_retried_check_adds_nothing(team, leader):
    cycle = shared(leader, team)
    token = link_for(leader, cycle)
    rating = Rating.objects.filter(cycle=cycle).first()
    challenge(token, rating, "First")
    challenge(token, rating, "Second")
    assert list(Check.objects.values_list("comment", flat=True)) == ["First"]


def test_an_organisations_own_set_is_used_by_its_teams_next_cycles(member, team):
    admin = member("admin", team=TeamFactory(organisation=team.organisation))
    actions.add_set(acting_as(admin), "Our four", [("We listen", "People say we hear them")] * 4)
    assert queries.set_for(team.organisation_id).name == "Our four"
    assert queries.set_for(TeamFactory().organisation_id).organisation is None
    with pytest.raises(PermissionDenied):
        actions.add_set(acting_as(member("team_leader", team=team)), "Mine", [("A", "B")])
