"""The Riverside team and its people, shared with other capabilities' page tests (tests/team_fixtures.py)."""

from tests.team_fixtures import jo, lee, sam, team  # noqa: F401 (pytest finds the fixtures by name here)
