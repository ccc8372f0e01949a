"""Plans' step of building the demo borough: each person's plans are drawn as the borough streams past
(`demo.PlansGenerator.person`) and kept; once everyone is in, they are written, one COPY per table, with ids taken
from each table's sequence at once (the plans' goals, parts and contacts point at their versions)."""

from datetime import timedelta

from django.db import connection

from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building, copy_rows, reserve

from . import demo
from .models import CrisisFlag, DocumentContact, DocumentPart, DocumentVersion, Goal, PlanVersion

PLAN_FIELDS = [
    "id",
    "person",
    "number",
    "strengths",
    "strengths_words",
    "wants_from_services",
    "wants_words",
    "review_on",
    "agreed_on",
    "agreed_recorded_by",
    "reason",
    "written_by",
    "written_as",
    "written_at",
]
GOAL_FIELDS = ["plan", "person", "position", "in_own_words", "small_steps", "who_helps", "by_when", "words"]
DOCUMENT_FIELDS = ["id", "person", "kind", "number", "reason", "written_by", "written_as", "written_at"]
PART_FIELDS = ["version", "person", "key", "text", "words"]
CONTACT_FIELDS = ["version", "person", "position", "name", "phone", "about", "words"]
FLAG_FIELDS = ["person", "reason", "started_by", "started_at", "end_reason"]


class PlansStep:
    """One build's plans: `person` draws each person's and keeps them; `finish` writes them all."""

    def __init__(self, building: Building):
        self.building = building
        self.generator = demo.PlansGenerator(building.seed, building.now)
        self.made: list[tuple[int, demo.PersonPlans]] = []

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        if (plans := self.generator.person(index, row, care)) is not None:
            self.made.append((self.building.person_id(index), plans))

    def finish(self) -> None:
        if not self.made:
            return
        user = self.building.ids.users.get
        plans = sum(len(p.plan) for _, p in self.made)
        documents = sum(len(v) for _, p in self.made for v in p.documents.values())
        with connection.cursor() as cursor:
            plan_id = reserve(cursor, PlanVersion, plans)
            document_id = reserve(cursor, DocumentVersion, documents)
            rows: dict = {model: [] for model in (PlanVersion, Goal, DocumentVersion, DocumentPart, DocumentContact)}
            flags = []
            for person, made in self.made:
                for v in made.plan:
                    (strengths, strengths_words), (wants, wants_words) = v.parts["strengths"], v.parts["wants"]
                    agreed = v.at.date() if v.written_as == demo.STAFF else None
                    rows[PlanVersion].append(
                        (
                            plan_id,
                            person,
                            v.number,
                            strengths,
                            strengths_words,
                            wants,
                            wants_words,
                            (v.at + timedelta(days=180)).date(),
                            agreed,
                            user(v.writer) if agreed else None,
                            v.reason,
                            user(v.writer),
                            v.written_as,
                            v.at,
                        )
                    )
                    rows[Goal] += [(plan_id, person, n, *goal) for n, goal in enumerate(v.goals, start=1)]
                    plan_id += 1
                for kind, versions in made.documents.items():
                    for v in versions:
                        rows[DocumentVersion].append(
                            (document_id, person, kind, v.number, v.reason, user(v.writer), v.written_as, v.at)
                        )
                        rows[DocumentPart] += [
                            (document_id, person, k, text, w) for k, (text, w) in v.parts.items() if text
                        ]
                        rows[DocumentContact] += [
                            (document_id, person, n, *c) for n, c in enumerate(v.contacts, start=1)
                        ]
                        document_id += 1
                if made.crisis is not None:
                    reason, by, since = made.crisis
                    flags.append((person, reason, user(by), since, ""))
            for model, fields in (
                (PlanVersion, PLAN_FIELDS),
                (Goal, GOAL_FIELDS),
                (DocumentVersion, DOCUMENT_FIELDS),
                (DocumentPart, PART_FIELDS),
                (DocumentContact, CONTACT_FIELDS),
            ):
                copy_rows(cursor, model, fields, rows[model])
            copy_rows(cursor, CrisisFlag, FLAG_FIELDS, flags)
