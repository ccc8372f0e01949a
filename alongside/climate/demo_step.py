"""Climate's step of building the demo borough: six months of pulses for every team with staff, written in bulk at
the end (nothing is written with each person).

The demo's users are no more traceable than real ones: who answered (`Answered`) and what was answered
(`PulseAnswer`) are drawn from two separate random streams, so not even the generator knows whose answer is whose.
"Riverside neighbourhood team" has months above and below five answers, and this month's is held back with the demo
team leader and clinician still to answer, so that answering it can be tried; it has one session planned and one
held.
"""

import random
import uuid
from datetime import UTC, datetime, timedelta

from alongside.demo.steps import Building

from . import catalogue
from .models import Answered, DialogueSession, PulseAnswer
from .results import months_back

MONTHS = 6
RIVERSIDE = "Riverside neighbourhood team"
# Riverside's answers, this month first: held back (3), shown, held back, shown, shown, held back
RIVERSIDE_COUNTS = (3, 6, 4, 7, 5, 2)
SOME = (0, 2, 3, 5, 6, 7, 8)
# how likely a good answer is in each area, per team: teams differ, and move a little from month to month
MOOD = (0.45, 0.55, 0.65, 0.75)


class ClimateStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index, row, care):
        return None

    def finish(self) -> None:
        b = self.building
        who = random.Random(f"{b.seed}-climate-who")  # noqa: S311 (synthetic data)
        what = random.Random(f"{b.seed}-climate-what")  # noqa: S311 (synthetic data): never told who answered
        definition = catalogue.default()
        members: dict[str, list[tuple[str, bool]]] = {}
        for p in b.plan.personas:
            if p.team in b.ids.teams and p.username in b.ids.users:
                members.setdefault(p.team, []).append((p.username, p.login))
        answered, answers = [], []
        for team, people in sorted(members.items()):
            if len(people) < 3:
                continue
            team_id = b.ids.teams[team]
            mood = {area.key: what.choice(MOOD) for area in definition.areas}
            for n, month in enumerate(months_back(b.today, MONTHS)):
                count = RIVERSIDE_COUNTS[n] if team == RIVERSIDE else who.choice(SOME)
                may = [u for u, login in people if not (n == 0 and login)]  # the demo logins can try this month
                for username in who.sample(may, min(count, len(may))):
                    answered.append(Answered(team_id=team_id, month=month, user_id=b.ids.users[username]))
                month_answers = []
                for _ in range(min(count, len(may))):
                    values = {}
                    for area in definition.areas:
                        chance = min(0.95, max(0.05, mood[area.key] + what.uniform(-0.15, 0.15)))
                        for s in area.statements:
                            good = what.random() < chance
                            point = what.choice((4, 5) if good else (1, 2, 3))
                            values[s.key] = definition.scale_min + definition.scale_max - point if s.reversed else point
                    month_answers.append(values)
                what.shuffle(month_answers)
                answers += [
                    PulseAnswer(
                        id=uuid.UUID(int=what.getrandbits(128), version=4),
                        team_id=team_id,
                        month=month,
                        definition=definition.code,
                        values=values,
                    )
                    for values in month_answers
                ]
        Answered.objects.bulk_create(answered, batch_size=2000)
        PulseAnswer.objects.bulk_create(answers, batch_size=2000)
        self.sessions()

    def sessions(self) -> None:
        b = self.building
        if RIVERSIDE not in b.ids.teams or "team_leader" not in b.ids.users:
            return
        team_id, leader = b.ids.teams[RIVERSIDE], b.ids.users["team_leader"]
        soon = datetime.combine(b.today + timedelta(days=10), datetime.min.time(), tzinfo=UTC).replace(hour=14)
        before = datetime.combine(b.today - timedelta(days=20), datetime.min.time(), tzinfo=UTC).replace(hour=13)
        DialogueSession.objects.bulk_create(
            [
                DialogueSession(
                    team_id=team_id,
                    starts_at=before,
                    minutes=60,
                    place="Meeting room 2, Riverside clinic",
                    areas=["support", "reflect"],
                    facilitator="Priya Natt, psychologist from the Hillside team",
                    planned_by_id=leader,
                    planned_at=before - timedelta(days=14),
                    happened=True,
                    themes="Busy weeks leave no time to talk after hard visits.\nNew starters are not sure who to ask.",
                ),
                DialogueSession(
                    team_id=team_id,
                    starts_at=soon,
                    minutes=90,
                    place="Meeting room 2, Riverside clinic",
                    areas=["speak_up", "reflect"],
                    facilitator="Priya Natt, psychologist from the Hillside team",
                    planned_by_id=leader,
                    planned_at=b.now,
                ),
            ]
        )
