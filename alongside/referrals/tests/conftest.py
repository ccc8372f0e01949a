"""Fixtures shared by the referrals tests: the single point of access and a GP who refers."""

import pytest

from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory


@pytest.fixture
def spa_team():
    return TeamFactory(kind=Team.Kind.SPA, name="Single point of access")


@pytest.fixture
def spa(member, spa_team):
    """A triage officer at the single point of access."""
    return member("spa_triage", team=spa_team)


@pytest.fixture
def gp(member):
    return member("gp")
