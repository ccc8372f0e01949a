"""Reflection's step of building the demo borough: nothing is written with each person; it notes each named
worker's people as they stream past, then writes the last six months of their reflections in one bulk insert.

Some team-months have plenty of reflections and some only a few, so that the team pages show patterns for some
months and hold others back. The contacts they follow are the demo's own ("demo:<n>"): the reflection app never
reads another capability's contacts, and nothing in the demo opens a reflection's contact again.
"""

import random
from datetime import UTC, datetime, timedelta

from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building

from .models import Reflection
from .patterns import months_back
from .tips import KEYS

MONTHS = 6
# how many reflections a team writes in a month: a few (held back on the team page) or enough to show patterns
PER_TEAM_MONTH = (0, 2, 3, 4, 6, 8, 11, 15, 20)
# how likely each tip is to be found hard, in the order of tips.TIPS: the team pages show a pattern, not noise
HARD = dict(zip(KEYS, (0.12, 0.25, 0.15, 0.45, 0.35, 0.4, 0.2, 0.18, 0.08, 0.3), strict=True))
KINDS = ("Home visit", "Home visit", "Clinic", "Phone call", "Video call")
NOTES = (
    "",
    "",
    "",
    "Ran out of time. Book a longer visit next time.",
    "Ask about the walking group next time.",
    "I did most of the talking. Slow down.",
    "They lit up talking about their garden. Build on that.",
    "Check what they want before suggesting anything.",
)
CARE_KINDS = ("named_worker", "care_team")


class ReflectionStep:
    def __init__(self, building: Building):
        self.building = building
        self.people: dict[str, list[int]] = {}  # a worker's username -> their people's ids

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        for r in care.relationships:
            if r.kind in CARE_KINDS and r.user and r.ended_at is None:
                self.people.setdefault(r.user, []).append(self.building.person_id(index))
        return None

    def finish(self) -> None:
        b = self.building
        rng = random.Random(f"{b.seed}-reflection")  # noqa: S311 (synthetic data)
        team_of = {p.username: p.team for p in b.plan.personas}
        by_team: dict[str, list[str]] = {}
        for username in sorted(self.people):
            if username in b.ids.users and team_of.get(username) in b.ids.teams:
                by_team.setdefault(team_of[username], []).append(username)
        rows = []
        n = 0
        for team, workers in sorted(by_team.items()):
            for month in months_back(b.today, MONTHS):
                start = datetime(month.year, month.month, 1, 9, tzinfo=UTC)
                for _ in range(rng.choice(PER_TEAM_MONTH)):
                    at = start + timedelta(days=rng.randrange(27), hours=rng.randrange(8))
                    if at >= b.now:
                        continue
                    worker = rng.choice(workers)
                    n += 1
                    rows.append(
                        Reflection(
                            worker_id=b.ids.users[worker],
                            team_id=b.ids.teams[team],
                            contact=f"demo:{n}",
                            person_id=rng.choice(self.people[worker]),
                            contact_at=at,
                            contact_kind=rng.choice(KINDS),
                            hard=[key for key in KEYS if rng.random() < HARD[key]],
                            note=rng.choice(NOTES),
                            written_at=at + timedelta(minutes=rng.randrange(5, 90)),
                        )
                    )
        Reflection.objects.bulk_create(rows, batch_size=2000)
