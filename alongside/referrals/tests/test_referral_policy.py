"""The list form of who may see a referral (`access.visible_referrals`, one query) agrees with the policy's rule
(`policy.referral_basis`, used for one referral), for every status, whoever made it, whichever team it went to, for
triage and for staff of the accepting team."""

import itertools

import pytest

from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people import policy
from alongside.referrals import access
from alongside.referrals.lifecycle import Status
from alongside.referrals.tests.factories import ReferralFactory, request_for


def test_the_policy_names_the_statuses_referrals_use():
    assert policy.REFERRAL_DRAFT == Status.DRAFT
    assert set(Status) >= policy.SEEN_BY_ACCEPTING_TEAM


ROLES = [
    ("spa_triage", "single_point_of_access"),
    ("team_leader", "single_point_of_access"),
    ("team_leader", "neighbourhood_team"),
    ("clinician", "neighbourhood_team"),
    ("gp", "practice_team"),
    ("volunteer", "volunteer_hub"),
]


@pytest.mark.parametrize(("role", "kind"), ROLES)
def test_the_list_and_the_rule_agree_on_every_referral(db, role, kind):
    mine = TeamFactory(kind=kind)
    user = MembershipFactory(team=mine, role=role).user
    someone_else = MembershipFactory(team=mine, role="gp").user
    other_team = TeamFactory()
    referrals = [
        ReferralFactory(status=status, referrer_user=referrer, team=team)
        for status, referrer, team in itertools.product(Status, [user, someone_else, None], [mine, other_team, None])
    ]
    request = request_for(user, "get")
    listed = set(access.visible_referrals(request).values_list("pk", flat=True))
    by_rule = {r.pk for r in referrals if access.basis_for(request, r) is not None}
    assert listed == by_rule
    assert by_rule  # every user here sees something: at least what they made
