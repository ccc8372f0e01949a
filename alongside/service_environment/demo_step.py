"""The service environment audit's step of building the demo borough: Riverside neighbourhood team has a closed
round and an open one, each with the team's answers and enough people's answers to show both views; Hillcrest
neighbourhood team has an open round with too few people's answers, so their view is held back. The demo logins
`team_leader` and `clinician` have not answered the open round, so that they can. Each people's answer came through a
link the team leader made (used on the day of the answer), and each round has a few links that were not used.

Answers are drawn so that the team sees some parts more kindly than the people do: the results page then has
something to show under "Where we see it differently"."""

import random
import secrets
from datetime import timedelta

from alongside.demo.steps import Building

from . import actions, queries
from .checklist import Checklist
from .models import Link, PeopleAnswers, Round, TeamAnswers

RIVERSIDE = "Riverside neighbourhood team"
HILLCREST = "Hillcrest neighbourhood team"
CHECKLIST = "recovery-environment"
LOGINS = ("team_leader", "clinician")  # left to answer the open round themselves
# how much higher the team tends to rate a domain than people do (in steps of the scale); others about the same
TEAM_KINDER = {"shaping": 1.4, "choices": 1.0, "everyday-life": 0.8, "local-places": 0.6}
PEOPLE_KINDER = {"who-people-are": 0.6}
UNUSED_LINKS = 2  # links made in each round that nobody answered through


def draw(rng: random.Random, checklist: Checklist, centre: float, lean: dict[str, float]) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for domain in checklist.domains:
        for statement in domain.statements:
            if rng.random() < 0.08:
                answers[statement.key] = None
                continue
            value = centre + lean.get(domain.key, 0.0) + rng.gauss(0, 0.6)
            answers[statement.key] = max(0, min(checklist.top, round(value)))
    return answers


class EnvironmentStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index, row, care) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        checklist = queries.checklists().get(CHECKLIST)
        if checklist is None or RIVERSIDE not in b.ids.teams:
            return
        rng = random.Random(f"{b.seed}-service-environment")  # noqa: S311 (synthetic data)
        members: dict[str, list[str]] = {}
        leader: dict[str, str] = {}
        for p in b.plan.personas:
            if p.team in (RIVERSIDE, HILLCREST) and p.username in b.ids.users:
                members.setdefault(p.team, []).append(p.username)
                if p.role == "team_leader":
                    leader.setdefault(p.team, p.username)
        team_lean = {key: value / 2 for key, value in TEAM_KINDER.items()}
        people_lean = {key: -value / 2 for key, value in TEAM_KINDER.items()} | PEOPLE_KINDER
        plans = [
            # team, opened days ago, closed days ago (None: open), team members answering, people answering
            (RIVERSIDE, 120, 90, None, 9),
            (RIVERSIDE, 14, None, [u for u in members.get(RIVERSIDE, []) if u not in LOGINS], 7),
            (HILLCREST, 10, None, None, 3),
        ]
        team_rows, people_rows, links = [], [], []
        for team, opened, closed, answering, people in plans:
            if team not in leader:
                continue
            opened_at = b.now - timedelta(days=opened, hours=rng.randrange(8))
            round_ = Round.objects.create(
                team_id=b.ids.teams[team],
                checklist=CHECKLIST,
                opened_by_id=b.ids.users[leader[team]],
                opened_at=opened_at,
                closed_at=None if closed is None else b.now - timedelta(days=closed),
                closed_by_id=None if closed is None else b.ids.users[leader[team]],
            )
            for username in members[team] if answering is None else answering:
                team_rows.append(
                    TeamAnswers(
                        round=round_,
                        member_id=b.ids.users[username],
                        answers=draw(rng, checklist, 2.0, team_lean),
                        saved_at=opened_at + timedelta(days=rng.randrange(1, 5)),
                    )
                )
            for used in [True] * people + [False] * UNUSED_LINKS:
                made_at = opened_at + timedelta(days=rng.randrange(1, 10), hours=rng.randrange(1, 8))
                links.append(
                    Link(
                        round=round_,
                        token_hash=queries.hash_token(secrets.token_urlsafe(32)),  # a token no one is given
                        made_by_id=b.ids.users[leader[team]],
                        made_at=made_at,
                        expires_at=made_at + actions.LINK_LASTS,
                        used_at=made_at + timedelta(hours=2) if used else None,
                    )
                )
                if used:
                    people_rows.append(
                        PeopleAnswers(
                            round=round_, answers=draw(rng, checklist, 1.8, people_lean), given_on=made_at.date()
                        )
                    )
        TeamAnswers.objects.bulk_create(team_rows)
        PeopleAnswers.objects.bulk_create(people_rows)
        Link.objects.bulk_create(links)
