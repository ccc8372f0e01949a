"""The virtual ward's step of building the demo borough: the borough's "Virtual ward" team runs a 20-bed ward for
all its GP practices, with a year of referrals, episodes, reviews and plans, and today's board (drawn by
demo_year.py). The borough's older people are noted as they stream past; everything is written at the end, one
COPY per table (a few thousand referrals and episodes, some thousands of reviews and planned contacts), whatever the
borough's size. Each person on the ward today is on the ward team's caseload, so its nurses open their record.
"""

from decimal import Decimal

from django.db import connection
from django.utils import timezone

from alongside.demo.borough import PRACTICE_NAMES, PersonCare, PersonRow
from alongside.demo.steps import Building, copy_rows, reserve
from alongside.people.models import CareRelationship

from . import demo_year
from .models import DayCapacity, Episode, PlannedContact, Referral, Review, Ward

TEAM = "Virtual ward"
NAME = "Northvale virtual ward"
# What admissions avoided are compared with. Synthetic: a 20-bed ward is taken to serve about 60,000 people
# (about 33 beds per 100,000, a little under NHS England's planning figure of 40 to 50), and England has
# roughly 120 emergency admissions a year per 1,000 people (of the order of 6 to 7 million a year), so about 7,200
# a year. The demo borough's people are a sample of the practices' registered patients, not all of them, so the
# ward holds the practices' whole registered population (60,000) for its figures per population.
REGISTERED_POPULATION = 60_000
POPULATION_SOURCE = (
    "Synthetic: the demo borough's GP practices' registered list sizes, in the shape of NHS Digital's "
    "Patients Registered at a GP Practice"
)
BASELINE_ADMISSIONS = 7_200  # 120 emergency admissions a year for every 1,000 registered people
BASELINE_SOURCE = "Synthetic: demo borough, 120 emergency admissions a year for every 1,000 registered people"

REFERRAL_FIELDS = [
    "id",
    "ward",
    "person",
    "source",
    "direction",
    "reason",
    "referred_by",
    "referred_at",
    "decision_due",
    "decision",
    "decision_reason",
    "decided_by",
    "decided_at",
    "version",
]
EPISODE_FIELDS = [
    "id",
    "referral",
    "ward",
    "person",
    "step_up",
    "bed",
    "admitted_at",
    "admitted_by",
    "due_end_at",
    "extended_reason",
    "ended_at",
    "ended_by",
    "outcome",
    "outcome_reason",
    "version",
]
REVIEW_FIELDS = [
    "episode",
    "person",
    "at",
    "by",
    "respiration_rate",
    "spo2",
    "spo2_scale",
    "on_oxygen",
    "systolic_bp",
    "pulse",
    "consciousness",
    "temperature",
    "news2",
    "news2_at_least",
    "response",
    "note",
    "escalation",
]
PLAN_FIELDS = ["episode", "person", "kind", "due_at", "minutes", "what_for", "nurse", "done_at", "contact", "version"]


class WardStep:
    def __init__(self, building: Building):
        self.building = building
        self.older: dict[int, int] = {}  # person index -> GP practice index, for those 65 or older today
        self.oldest_birth = building.today.replace(year=building.today.year - demo_year.OLDEST_FIRST_AGE)

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        if row.birth_date <= self.oldest_birth:
            self.older[index] = row.practice_index
        return None

    def _staff(self) -> demo_year.Staff:
        personas = [p for p in self.building.plan.personas if p.username in self.building.ids.users]

        def of(team: str, role: str) -> list[str]:
            return [p.username for p in personas if p.team == team and p.role == role]

        leader = of(TEAM, "team_leader")[0]
        return demo_year.Staff(
            nurses=of(TEAM, "clinician") or [leader],
            leader=leader,
            spa=of("Single point of access", "spa_triage") or [leader],
            gps={i: of(f"{name} clinical team", "gp") for i, name in enumerate(PRACTICE_NAMES)},
        )

    def finish(self) -> None:
        b = self.building
        if TEAM not in b.ids.teams or not self.older:
            return
        ward = Ward.objects.create(
            team_id=b.ids.teams[TEAM],
            name=NAME,
            beds=demo_year.BEDS,
            decision_hours=demo_year.DECISION_HOURS,
            episode_hours=demo_year.EPISODE_HOURS,
            target_deflection=Decimal("0.170"),
            baseline_admissions_per_year=BASELINE_ADMISSIONS,
            baseline_source=BASELINE_SOURCE,
            registered_population=REGISTERED_POPULATION,
            population_source=POPULATION_SOURCE,
        )
        ward.practices.set(b.ids.practices)
        staff = self._staff()
        year = demo_year.Generator(b.seed, b.now, timezone.get_current_timezone(), self.older, staff).run()
        write(year, ward, b, leader=staff.leader)


def write(year: demo_year.WardYear, ward: Ward, b: Building, leader: str) -> None:
    """The ward's year, one COPY per table (the referrals' and episodes' ids taken from their sequences first)."""
    user, person = b.ids.users.__getitem__, b.person_id
    DayCapacity.objects.bulk_create(
        DayCapacity(ward=ward, day=day, beds=beds, reason=reason, set_by_id=user(leader))
        for day, beds, reason in year.capacity
    )
    with connection.cursor() as cursor:
        first_referral = reserve(cursor, Referral, len(year.referrals))
        first_episode = reserve(cursor, Episode, len(year.episodes))
        copy_rows(
            cursor,
            Referral,
            REFERRAL_FIELDS,
            [
                (
                    first_referral + r.number,
                    ward.pk,
                    person(r.person),
                    r.source,
                    r.direction,
                    r.reason,
                    user(r.referred_by),
                    r.referred_at,
                    r.decision_due,
                    r.decision,
                    r.decision_reason,
                    user(r.decided_by) if r.decided_by else None,
                    r.decided_at,
                    1,
                )
                for r in year.referrals
            ],
        )
        copy_rows(
            cursor,
            Episode,
            EPISODE_FIELDS,
            [
                (
                    first_episode + e.number,
                    first_referral + e.referral,
                    ward.pk,
                    person(e.person),
                    e.step_up,
                    e.bed,
                    e.admitted_at,
                    user(e.admitted_by),
                    e.due_end_at,
                    e.extended_reason,
                    e.ended_at,
                    user(e.ended_by) if e.ended_by else None,
                    e.outcome,
                    e.outcome_reason,
                    1,
                )
                for e in year.episodes
            ],
        )
        copy_rows(
            cursor,
            Review,
            REVIEW_FIELDS,
            [
                (
                    first_episode + r.episode,
                    person(r.person),
                    r.at,
                    user(r.by),
                    r.obs.respiration_rate,
                    r.obs.spo2,
                    r.obs.spo2_scale,
                    r.obs.on_oxygen,
                    r.obs.systolic_bp,
                    r.obs.pulse,
                    r.obs.consciousness.value if r.obs.consciousness else "",
                    r.obs.temperature,
                    r.score.total,
                    r.score.at_least,
                    r.score.response.value if r.score.response else "",
                    r.note,
                    r.escalation,
                )
                for r in year.reviews
            ],
        )
        copy_rows(
            cursor,
            PlannedContact,
            PLAN_FIELDS,
            [
                (
                    first_episode + p.episode,
                    person(p.person),
                    p.kind,
                    p.due_at,
                    p.minutes,
                    p.what_for,
                    user(p.nurse) if p.nurse else None,
                    p.done_at,
                    "",
                    1,
                )
                for p in year.plan
            ],
        )
        # Today's patients are on the ward team's caseload, written like the borough's other relationships (by COPY,
        # as alongside.demo.build does): in the service only people.actions starts one, at admission.
        copy_rows(
            cursor,
            CareRelationship,
            ["person", "kind", "team", "started_at", "ended_reason"],
            [
                (person(e.person), CareRelationship.Kind.TEAM_CASELOAD.value, ward.team_id, e.admitted_at, "")
                for e in year.episodes
                if e.ended_at is None
            ],
        )
