"""The Riverside team and its people, as the team pages' tests of several capabilities (narratives, supervision)
start: a team, its leader Lee Ward, and Sam Patel and Jo Bell who give care in it.

Each capability's tests/conftest.py imports the fixtures it uses from here, so that they are written once; a test
module that needs someone different defines its own fixture, which wins over these."""

import pytest

from alongside.partners.tests.factories import TeamFactory


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def lee(member, team):
    return member("team_leader", team=team, first_name="Lee", last_name="Ward")


@pytest.fixture
def sam(member, team):
    return member("clinician", team=team, first_name="Sam", last_name="Patel")


@pytest.fixture
def jo(member, team):
    return member("social_worker", team=team, first_name="Jo", last_name="Bell")
