"""Training's step of building the demo borough: once the staff exist, records of the courses they finished, in
one bulk insert. Most staff are in date; some have let a course run out and some are due soon, so that every
team's coverage has something to show (the Riverside neighbourhood team's leader and clinician above all)."""

import random
from datetime import date, timedelta

from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building
from alongside.partners.models import Team

from .expiry import DUE_SOON_DAYS, expires_on, is_for
from .models import Course, Record
from .who import STAFF_ROLES

IN_DATE_DAYS = (60, 900)  # how long ago an in-date record was finished
KINDS = ("in_date", "due_soon", "expired", "none")
WEIGHTS = (70, 10, 10, 10)


def finished(rng: random.Random, months: int | None, today: date, kind: str) -> date:
    """A day finished that leaves the record in date, due soon or expired, for a course valid for `months`."""
    if months is None or kind == "in_date":
        return today - timedelta(days=rng.randrange(*IN_DATE_DAYS))
    if kind == "due_soon":
        runs_out = today + timedelta(days=rng.randrange(5, DUE_SOON_DAYS))
    else:
        runs_out = today - timedelta(days=rng.randrange(10, 300))
    total = runs_out.year * 12 + runs_out.month - 1 - months
    return date(total // 12, total % 12 + 1, min(runs_out.day, 28))


class TrainingStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        rng = random.Random(f"{b.seed}-training")  # noqa: S311 (synthetic data)
        courses = list(Course.objects.filter(organisation=None))
        leaders = {
            p.team: b.ids.users[p.username]
            for p in b.plan.personas
            if p.role == "team_leader" and p.username in b.ids.users
        }
        organisation_of = dict(Team.objects.filter(pk__in=b.ids.teams.values()).values_list("pk", "organisation_id"))
        rows = []
        for p in b.plan.personas:
            if p.role not in STAFF_ROLES or p.username not in b.ids.users:
                continue
            user_id = b.ids.users[p.username]
            for course in courses:
                if not is_for(course.for_roles, [p.role]):
                    continue
                kind = rng.choices(KINDS, WEIGHTS)[0]
                if p.login and p.username in ("clinician", "team_leader") and course.key == "recovery_approach":
                    kind = "due_soon" if p.username == "clinician" else "in_date"
                if p.login and p.username == "clinician" and course.key == "safeguarding_children":
                    kind = "expired"  # the leader always has someone whose training ran out to see
                if kind == "none":
                    continue
                completed = finished(rng, course.valid_months, b.today, kind)
                rows.append(
                    Record(
                        user_id=user_id,
                        course=course,
                        completed_on=completed,
                        expires_on=expires_on(completed, course.valid_months),
                        recorded_by_id=leaders.get(p.team, user_id) if rng.random() < 0.6 else user_id,
                        recorded_at=b.now - timedelta(days=(b.today - completed).days),
                        organisation_id=organisation_of.get(b.ids.teams.get(p.team)),
                    )
                )
        Record.objects.bulk_create(rows, batch_size=2000)
