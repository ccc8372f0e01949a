"""Fixtures shared by the continuity tests: a neighbourhood team, its staff, and next week."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.continuity.week import monday_of
from alongside.partners.tests.factories import TeamFactory


@pytest.fixture
def monday():
    """The Monday of next week: every slot in it is still ahead."""
    return monday_of(timezone.localdate()) + timedelta(days=7)


@pytest.fixture
def team():
    return TeamFactory(name="Riverside neighbourhood team")


@pytest.fixture
def staff(member, team):
    """The team's leader and two clinicians."""
    return {
        "lena": member("team_leader", team=team, first_name="Lena", last_name="Moss"),
        "sam": member("clinician", team=team, first_name="Sam", last_name="Patel"),
        "bea": member("clinician", team=team, first_name="Bea", last_name="Ward"),
    }
