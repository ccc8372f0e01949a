"""Supervision's step of building the demo borough: six months of supervision for every team with care staff,
with gaps, plus group sessions, next sessions booked, and monthly reflective practice sessions with themes. A team
of one (each GP practice's clinical team) is supervised from outside: its GP by a GP from another practice.

Nothing is written with each person: supervision is about staff. In each team, some staff have had supervision
every month or so and a few have had none for more than 6 weeks, so the coverage page shows both. The demo
clinician is supervised on time; a colleague of theirs in the Riverside neighbourhood team has a gap.
"""

import random
from datetime import time, timedelta

from alongside.demo.steps import Building
from alongside.partners.roles import CARE_ROLES

from .models import ReflectiveSession, Supervisee, SupervisionSession

DAYS = 182  # about six months
WHY_NOT = (
    "The supervisor was off sick",
    "A crisis visit could not wait",
    "Snow closed the office",
    "The supervisee was on leave",
)
FACILITATORS = ("Dr Ruth Adeyemi, psychologist", "Tom Hale, visiting facilitator", "The team leader")
THEMES = (
    "Feeling stuck when someone does not want our help",
    "A hard week of hospital discharges, and how we looked after each other",
    "How we share out home visits fairly",
    "Hope: noticing small steps forward",
    "Working with families who disagree with the plan",
    "What we do when we feel we have let someone down",
    "Saying no kindly when we have no room",
    "Endings: saying goodbye well when someone moves on",
)
STARTS = (time(9, 30), time(10, 0), time(11, 0), time(14, 0), time(15, 30))
GAP_TEAM = "Riverside neighbourhood team"


class SupervisionStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index, row, care) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        rng = random.Random(f"{b.seed}-supervision")  # noqa: S311 (synthetic data)
        by_team: dict[str, list[str]] = {}
        leaders: dict[str, str] = {}
        for p in b.plan.personas:
            if p.role in CARE_ROLES and p.username in b.ids.users and p.team in b.ids.teams:
                by_team.setdefault(p.team, []).append(p.username)
                if p.role == "team_leader":
                    leaders.setdefault(p.team, p.username)
        names = sorted(t for t, staff in by_team.items() if len(staff) >= 2)
        sessions: list[tuple[SupervisionSession, list[str]]] = []
        reflective: list[tuple[ReflectiveSession, list[str]]] = []
        for n, team in enumerate(names):
            staff = by_team[team]
            leader = leaders.get(team, staff[0])
            other_leader = leaders.get(names[(n + 1) % len(names)], by_team[names[(n + 1) % len(names)]][0])
            gaps = self._gaps(team, staff, leader, rng)
            for username in staff:
                supervisor = other_leader if username == leader else leader
                if supervisor == username:
                    continue
                sessions += self._individual(b, rng, team, supervisor, username, gap=username in gaps)
            sessions += self._groups(b, rng, team, leader, [u for u in staff if u != leader and u not in gaps])
            reflective += self._reflective(b, rng, team, staff)
        sessions += self._alone(b, rng, by_team, names, leaders)
        made = SupervisionSession.objects.bulk_create([s for s, _ in sessions], batch_size=2000)
        Supervisee.objects.bulk_create(
            [
                Supervisee(session_id=s.pk, user_id=b.ids.users[u])
                for s, (_, who) in zip(made, sessions, strict=True)
                for u in who
            ],
            batch_size=2000,
        )
        done = ReflectiveSession.objects.bulk_create([r for r, _ in reflective], batch_size=2000)
        through = ReflectiveSession.attended.through
        through.objects.bulk_create(
            [
                through(reflectivesession_id=r.pk, user_id=b.ids.users[u])
                for r, (_, who) in zip(done, reflective, strict=True)
                for u in who
            ],
            batch_size=2000,
        )

    def _alone(self, b, rng, by_team, names, leaders) -> list:
        """A team of one (a GP practice's clinical team, say) has nobody inside it to supervise them: GPs are
        supervised by a GP from another practice, in turn (peer supervision, as for their appraisal). Nobody in
        such a team has a gap, and there is no group or reflective practice for one person."""
        alone = sorted(t for t, staff in by_team.items() if len(staff) == 1)
        found: list = []
        for n, team in enumerate(alone):
            username = by_team[team][0]
            peer = by_team[alone[(n + 1) % len(alone)]][0]
            if peer == username and names:
                peer = leaders.get(names[0], by_team[names[0]][0])
            if peer != username:
                found += self._individual(b, rng, team, peer, username, gap=False)
        return found

    @staticmethod
    def _gaps(team: str, staff: list[str], leader: str, rng: random.Random) -> set[str]:
        """Who in the team has had no supervision for a while: one in four, and never the demo clinician."""
        others = [u for u in staff if u not in (leader, "clinician")]
        gaps = {u for u in others if rng.random() < 0.25}
        if team == GAP_TEAM and others and not gaps:
            gaps.add(others[0])
        return gaps

    def _session(self, team, supervisor, kind, day, status="happened", why_not="") -> SupervisionSession:
        b = self.building
        return SupervisionSession(
            team_id=b.ids.teams[team],
            kind=kind,
            supervisor_id=b.ids.users[supervisor],
            held_on=day,
            starts_at=STARTS[day.toordinal() % len(STARTS)],
            minutes=60 if kind == "one" else 90,
            status=status,
            why_not=why_not,
            booked_by_id=b.ids.users[supervisor],
            recorded_by_id=None if status == "booked" else b.ids.users[supervisor],
            recorded_at=None if status == "booked" else b.now - timedelta(days=(b.today - day).days),
        )

    def _individual(self, b, rng, team, supervisor, username, gap: bool) -> list:
        found = []
        day = b.today - timedelta(days=DAYS - rng.randrange(14))
        stop = b.today - timedelta(days=rng.randrange(60, 90)) if gap else b.today
        while day < stop:
            if day.weekday() < 5:
                missed = rng.random() < 0.12 and username != "clinician"
                status, why = ("did_not_happen", rng.choice(WHY_NOT)) if missed else ("happened", "")
                found.append((self._session(team, supervisor, "one", day, status, why), [username]))
            day += timedelta(days=rng.randrange(21, 36))
        upcoming = b.today + timedelta(days=rng.randrange(2, 20))
        upcoming += timedelta(days=(7 - upcoming.weekday()) % 7 if upcoming.weekday() >= 5 else 0)
        if not gap or rng.random() < 0.5:
            found.append((self._session(team, supervisor, "one", upcoming, "booked"), [username]))
        return found

    def _groups(self, b, rng, team, leader, members) -> list:
        if len(members) < 2:
            return []
        found = []
        for months_ago in range(6, 0, -1):
            day = b.today - timedelta(days=30 * months_ago - rng.randrange(10))
            day -= timedelta(days=max(0, day.weekday() - 4))
            group = rng.sample(members, min(len(members), rng.randrange(2, 6)))
            found.append((self._session(team, leader, "group", day), group))
        day = b.today + timedelta(days=14)
        day += timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)
        found.append((self._session(team, leader, "group", day, "booked"), members[:6]))
        return found

    def _reflective(self, b, rng, team, staff) -> list:
        found = []
        for months_ago in range(6, 0, -1):
            day = b.today - timedelta(days=30 * months_ago - 5 - rng.randrange(8))
            themes = "\n".join(rng.sample(THEMES, 2))
            came = rng.sample(staff, max(1, len(staff) * 2 // 3))
            found.append(
                (
                    ReflectiveSession(
                        team_id=b.ids.teams[team],
                        held_on=day,
                        facilitator=rng.choice(FACILITATORS),
                        themes=themes,
                        recorded_by_id=b.ids.users[staff[0]],
                    ),
                    came,
                )
            )
        return found
