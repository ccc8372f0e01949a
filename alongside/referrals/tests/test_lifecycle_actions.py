"""Random sequences of triage actions on a real referral: every step either moves it as the lifecycle allows, or is
refused and leaves it exactly as it was; every move is one transition and one audit event."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import enrol_totp
from alongside.partners.models import Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals import actions
from alongside.referrals.lifecycle import Status
from alongside.referrals.models import Referral, Transition
from alongside.referrals.tests.factories import ReferralFactory, request_for

from .test_lifecycle import EXPECTED

STEPS = {
    "confirm_person": lambda m, r: actions.confirm_person(m.spa, r.pk, m.person.pk, r.version),
    "accept": lambda m, r: actions.accept(m.spa, r.pk, m.team.pk, "Fits the team", False, r.version),
    "redirect": lambda m, r: actions.redirect(m.spa, r.pk, "Befriending", "Better placed", r.version),
    "decline": lambda m, r: actions.decline(m.spa, r.pk, "Not for us", r.version),
    "allocate": lambda m, r: actions.allocate(m.spa, r.pk, m.worker.pk, r.version),
    "close": lambda m, r: actions.close(m.spa, r.pk, "Done", r.version),
}
REFUSED = (actions.MoveRefused, actions.EditConflict)


@pytest.mark.django_db
def test_random_sequences_of_triage_actions():
    class Triage(RuleBasedStateMachine):
        @initialize()
        def setup(self):
            spa = MembershipFactory(role="spa_triage", team=TeamFactory(kind=Team.Kind.SPA)).user
            enrol_totp(spa)
            self.spa = request_for(spa)
            self.team = TeamFactory()
            self.worker = MembershipFactory(role="clinician", team=self.team).user
            self.person = PersonFactory()
            p = self.person
            self.referral = ReferralFactory(given_name=p.given_name, family_name=p.family_name, birth_date=p.birth_date)
            self.status = Status.RECEIVED
            self.moves = 0

        @rule(step=st.sampled_from(list(STEPS)))
        def act(self, step):
            before = Referral.objects.get(pk=self.referral.pk)
            try:
                STEPS[step](self, before)
            except REFUSED:
                after = Referral.objects.get(pk=self.referral.pk)
                assert (self.status, step) not in EXPECTED
                assert (after.status, after.version) == (before.status, before.version)
            else:
                self.status = EXPECTED[(self.status, step)]
                self.moves += 1

        @invariant()
        def stored_state_is_the_expected_one(self):
            if hasattr(self, "referral"):
                stored = Referral.objects.get(pk=self.referral.pk)
                assert stored.status == self.status
                assert Transition.objects.filter(referral=stored).count() == self.moves
                moved = AuditEvent.objects.filter(object_id=str(stored.pk), action__startswith="referral_")
                assert moved.exclude(action__in=["referral_received"]).count() == self.moves
                if stored.status in (Status.ACCEPTED, Status.ALLOCATED):
                    assert stored.person_id is not None and stored.team_id is not None
                if stored.status == Status.ALLOCATED:
                    assert stored.named_worker_id == self.worker.pk

    Triage.TestCase.settings = settings(
        max_examples=25, stateful_step_count=8, deadline=None, suppress_health_check=list(HealthCheck)
    )
    Triage.TestCase().runTest()
