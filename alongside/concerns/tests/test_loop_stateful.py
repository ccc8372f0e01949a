"""Random sequences of the loop's real actions on a real concern: the one who acts answers (with or without an
outcome, sometimes twice), the volunteer says thank you or that they are still worried, and the worker reminds
about overdue concerns. Whatever the order: no concern is ever closed without an outcome, "I'm still worried"
always reopens it, every change is one event in order, and a refused step changes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from alongside.concerns import actions_loop
from alongside.concerns.lifecycle import Move, NotAllowed
from alongside.concerns.models import Concern, ConcernEvent
from alongside.core.forms import EditConflict
from alongside.core.tests.requests import acting_as

from .factories_loop import around, concern

OUTCOMES = st.sampled_from(["", "   ", "Ada has a new walking frame \u2013 thank you for noticing.", "Sorted."])
WORRIES = st.sampled_from(["", "She is still breathless on the stairs."])


@pytest.mark.django_db
def test_random_sequences_of_the_loop():
    class TheLoop(RuleBasedStateMachine):
        @initialize()
        def setup(self):
            Concern.objects.update(overdue_reminded_at=timezone.now())  # the earlier examples' concerns rest
            self.world = around()
            self.concern = concern(self.world, hours=4)
            self.clock = timezone.now()
            self.events = ["raised"]
            with time_machine.travel(self.clock, tick=False):
                ConcernEvent.objects.create(
                    concern=self.concern, person_id=self.concern.person_id, what="raised", by=self.world.volunteer
                )
            self.status, self.replied, self.reminded = "open", False, False

        def _as(self, user):
            return acting_as(user)

        def stored(self) -> Concern:
            return Concern.objects.get(pk=self.concern.pk)

        @rule(outcome=OUTCOMES, who=st.sampled_from(["named_worker", "coordinator"]), stale=st.booleans())
        def answer(self, outcome, who, stale):
            before = self.stored()
            version = before.version - 1 if stale else before.version
            try:
                with time_machine.travel(self.clock, tick=False):
                    actions_loop.close(self._as(getattr(self.world, who)), before.pk, outcome, version)
            except (NotAllowed, EditConflict):
                after = self.stored()
                assert (after.status, after.version, after.outcome) == (before.status, before.version, before.outcome)
                return
            if before.status == "closed":  # the same answer again, by the same person: nothing changes
                assert self.stored().version == before.version
                return
            assert outcome.strip() and self.status == "open" and not stale
            self.status, self.replied = "closed", False
            self.events.append("closed")

        @rule(thanks=st.booleans(), said=WORRIES)
        def reply(self, thanks, said):
            before = self.stored()
            move = Move.THANK if thanks else Move.STILL_WORRIED
            try:
                with time_machine.travel(self.clock, tick=False):
                    actions_loop.reply(self._as(self.world.volunteer), before.pk, move, said)
            except NotAllowed:
                after = self.stored()
                assert (after.status, after.version) == (before.status, before.version)
                assert self.status == "open" or self.replied or (not thanks and not said)
                return
            assert self.status == "closed" and not self.replied
            self.events.append("thanked" if thanks else "still_worried")
            if thanks:
                self.replied = True
            else:
                self.status, self.reminded = "open", False
                assert self.stored().answer_by == self.clock + timedelta(hours=72)

        @rule()
        def someone_else_tries(self):
            stranger = around(given_name="Other").named_worker
            with pytest.raises(PermissionDenied):
                actions_loop.close(self._as(stranger), self.concern.pk, "Done", self.stored().version)

        @rule(hours=st.integers(1, 200))
        def time_passes_and_the_worker_runs(self, hours):
            self.clock += timedelta(hours=hours)
            before = self.stored()
            with time_machine.travel(self.clock, tick=False):  # its event is stamped at the worker's time, in order
                reminded = actions_loop.remind_overdue(self.clock)
            due = self.status == "open" and not self.reminded and before.answer_by <= self.clock
            assert reminded == int(due)
            if due:
                self.reminded = True
                self.events.append("reminded")

        @invariant()
        def the_stored_concern_is_as_expected(self):
            if not hasattr(self, "concern"):
                return
            stored = self.stored()
            assert stored.status == self.status
            assert (stored.status == "closed") <= bool(stored.outcome.strip())  # never closed without an outcome
            assert (stored.overdue_reminded_at is not None) == self.reminded
            assert list(stored.events.values_list("what", flat=True)) == self.events

    TheLoop.TestCase.settings = settings(
        max_examples=15, stateful_step_count=8, deadline=None, suppress_health_check=list(HealthCheck)
    )
    TheLoop.TestCase().runTest()
