"""The episode lifecycle as a hypothesis state machine, through the actions as the ward team uses them: refer,
accept or decline, admit, extend, end, and the day's capacity going down. Whatever the order, never more open
episodes than beds, a bed holds one person, an ended episode has an outcome, one open episode a person, and the
ward team's caseload relationship is active exactly while the person's episode is open.

And admissions at once, from separate connections, into a ward with one free bed: exactly one succeeds."""

import contextlib
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from alongside.core.forms import EditConflict
from alongside.core.tests.requests import acting_as
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory
from alongside.virtual_ward import actions_episodes as actions
from alongside.virtual_ward.models import DayCapacity, Episode, Referral

from .factories_episodes import accepted, referred, ward_world

OUTCOMES = st.sampled_from(["home", "hospital", "died_at_home", "other"])


@pytest.mark.django_db
def test_random_sequences_of_the_episode_lifecycle():
    class TheWard(RuleBasedStateMachine):
        @initialize(beds=st.integers(min_value=1, max_value=3))
        def a_ward(self, beds):
            self.w = ward_world(beds=beds)
            self.people = [PersonFactory() for _ in range(4)]

        def nurse(self):
            return acting_as(self.w.nurse)

        @rule(who=st.integers(0, 3))
        def refer(self, who):
            with contextlib.suppress(actions.Problem):  # already waiting, or on the ward: refused kindly
                referred(self.w, self.people[who])

        def waiting(self, decided: bool):
            found = Referral.objects.filter(ward=self.w.ward, episode__isnull=True)
            return list(found.exclude(decision="") if decided else found.filter(decision=""))

        @precondition(lambda self: self.waiting(False))
        @rule(which=st.integers(0, 10), accept=st.booleans())
        def decide(self, which, accept):
            waiting = self.waiting(False)
            referral = waiting[which % len(waiting)]
            decision = "accepted" if accept else "declined"
            actions.decide_referral(self.nurse(), referral.pk, decision, "Reason", referral.version)

        @precondition(lambda self: [r for r in self.waiting(True) if r.decision == "accepted"])
        @rule(which=st.integers(0, 10), bed=st.one_of(st.none(), st.integers(1, 4)))
        def admit(self, which, bed):
            ready = [r for r in self.waiting(True) if r.decision == "accepted"]
            try:
                actions.admit(self.nurse(), ready[which % len(ready)].pk, bed)
            except actions.Problem:
                return  # no bed, that bed taken, or already on the ward
            # an admission never takes the ward past today's capacity
            assert len(self.open_episodes()) <= actions.capacity_on(self.w.ward, timezone.localdate())

        def open_episodes(self):
            return list(Episode.objects.filter(ward=self.w.ward, ended_at__isnull=True))

        @precondition(lambda self: self.open_episodes())
        @rule(which=st.integers(0, 10), outcome=OUTCOMES, twice=st.booleans())
        def end(self, which, outcome, twice):
            episodes = self.open_episodes()
            episode = episodes[which % len(episodes)]
            actions.end(self.nurse(), episode.pk, outcome, "Why", episode.version)
            if twice:
                with pytest.raises(actions.AlreadyDone):
                    actions.end(self.nurse(), episode.pk, outcome, "Why", episode.version)

        @precondition(lambda self: self.open_episodes())
        @rule(which=st.integers(0, 10), days=st.integers(2, 9), stale=st.booleans())
        def extend(self, which, days, stale):
            episodes = self.open_episodes()
            episode = episodes[which % len(episodes)]
            try:
                actions.extend(
                    self.nurse(),
                    episode.pk,
                    episode.admitted_at + timedelta(days=days),
                    "Still unwell",
                    episode.version + (1 if stale else 0),
                )
            except (actions.Problem, EditConflict):
                assert stale or days > 7 or days <= 3

        @rule(beds=st.integers(0, 3))
        def fewer_beds_today(self, beds):
            DayCapacity.objects.update_or_create(
                ward=self.w.ward, day=timezone.localdate(), defaults={"beds": beds, "set_by": self.w.leader}
            )

        @invariant()
        def never_past_capacity_and_one_person_a_bed(self):
            if not hasattr(self, "w"):
                return
            beds = [e.bed for e in self.open_episodes()]
            assert len(beds) == len(set(beds))
            assert len(beds) <= self.w.ward.beds
            assert all(1 <= bed <= self.w.ward.beds for bed in beds)

        @invariant()
        def ended_with_an_outcome_and_one_open_a_person(self):
            if not hasattr(self, "w"):
                return
            assert not Episode.objects.filter(ward=self.w.ward, ended_at__isnull=False, outcome="").exists()
            counts = (
                Episode.objects.filter(ended_at__isnull=True, person__in=self.people)
                .values("person")
                .annotate(n=Count("pk"))
            )
            assert all(c["n"] == 1 for c in counts)

        @invariant()
        def the_caseload_is_active_exactly_while_the_episode_is_open(self):
            if not hasattr(self, "w"):
                return
            for person in self.people:
                open_now = Episode.objects.filter(person=person, ended_at__isnull=True).exists()
                caseload = (
                    CareRelationship.objects.active()
                    .filter(person=person, kind="team_caseload", team=self.w.ward.team)
                    .exists()
                )
                assert open_now == caseload

    TheWard.TestCase.settings = settings(
        max_examples=15, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)
    )
    TheWard.TestCase().runTest()


@pytest.mark.django_db(transaction=True)
def test_admissions_at_once_into_one_free_bed_admit_exactly_one():
    w = ward_world(beds=2)
    actions.admit(acting_as(w.nurse), accepted(w).pk)  # one of two beds taken
    ready = [accepted(w, PersonFactory()).pk for _ in range(6)]
    start = threading.Barrier(len(ready))
    results, failures = [None] * len(ready), []

    def admit(i):
        try:
            start.wait(timeout=30)
            results[i] = actions.admit(acting_as(w.nurse), ready[i]).bed
        except actions.Problem as problem:
            results[i] = str(problem)
        except Exception as error:  # noqa: BLE001 - reported below, in the test's own thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=admit, args=(i,)) for i in range(len(ready))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not failures
    assert sorted(map(str, results)) == sorted(["2"] + [actions.NO_BED] * (len(ready) - 1))
    assert Episode.objects.filter(ward=w.ward, ended_at__isnull=True).count() == 2
