"""Outcomes' step of building the demo borough: as each person streams past, about a fifth of them have their answers
drawn (demo.draw) and scored in order through `actions.score_against`, so that the stored totals, bands and changes
are what the product itself would store; the rows go into the person's chunk, one COPY per chunk, so a borough of a
million people holds none of them in memory.

Goal-based outcomes are drawn at the end for a few of those people whose plan has goals (`registry.person_goals`),
if an app keeps plans with goals by then; with none, there are none.
"""

import json

from alongside.core import registry
from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building

from . import demo, queries
from .actions import score_against
from .models import Response

GOAL_PEOPLE = 60  # at most this many people get goal ratings: each asks the plans app for their goals
RESPONSE_FIELDS = (
    "person",
    "instrument",
    "answers",
    "goals",
    "total",
    "band",
    "items",
    "reliable_change",
    "item_changes",
    "completed_at",
    "how",
    "recorded_by",
    "idempotency_key",
)
PERSON_TABLES = ((Response, RESPONSE_FIELDS),)


def _worker(care: PersonCare) -> str | None:
    current = [r for r in care.relationships if r.kind == "named_worker" and r.ended_at is None and r.user]
    return current[0].user if current else None


def scored(person_id: int, answered: list[demo.Answered], users: dict[str, int], goals: dict | None = None):
    """The person's responses in order, each scored against the one before it to the same instrument."""
    known = queries.shipped()
    previous: dict[str, Response] = {}
    for a in sorted(answered, key=lambda a: (a.instrument, a.at)):
        result = score_against(known[a.instrument], a.answers, previous.get(a.instrument))
        response = Response(
            person_id=person_id,
            instrument=a.instrument,
            answers=a.answers,
            goals=goals or {},
            total=result.total,
            band=result.band,
            items=result.items,
            reliable_change=result.reliable_change,
            item_changes=result.item_changes,
            completed_at=a.at,
            how=a.how,
            recorded_by_id=users.get(a.by) if a.by else None,
            idempotency_key="",
        )
        previous[a.instrument] = response
        yield response


def _row(r: Response) -> tuple:
    return (
        r.person_id,
        r.instrument,
        json.dumps(r.answers),
        json.dumps(r.goals),
        r.total,
        r.band,
        json.dumps(r.items),
        r.reliable_change,
        json.dumps(r.item_changes),
        r.completed_at,
        r.how,
        r.recorded_by_id,
        r.idempotency_key,
    )


class OutcomesStep:
    def __init__(self, building: Building):
        self.building = building
        self.for_goals: list[tuple[int, demo.PersonAnswers]] = []  # a few people, to rate their goals at the end

    def person(self, index: int, row: PersonRow, care: PersonCare) -> dict | None:
        b = self.building
        worker = _worker(care)
        keen = index == 0 or worker == "clinician"
        drawn = demo.draw(b.seed, index, b.now, worker, keen)
        if drawn is None:
            return None
        if len(self.for_goals) < GOAL_PEOPLE:
            self.for_goals.append((index, drawn))
        return {Response: [_row(r) for r in scored(b.person_id(index), drawn.answered, b.ids.users)]}

    def finish(self) -> None:
        b = self.building
        most = queries.shipped()["gbo"].max_person_items
        made: list[Response] = []
        for index, drawn in self.for_goals:
            goals = registry.person_goals(b.person_id(index))[:most]
            if not goals:
                continue
            first = drawn.answered[0]
            times = [a for a in drawn.answered if a.instrument == first.instrument]
            ratings = demo.goal_ratings(b.seed, index, drawn.course, [a.at for a in times], [key for key, _ in goals])
            rated = [demo.Answered("gbo", a.at, each, a.how, a.by) for a, each in zip(times, ratings, strict=True)]
            words = {f"goal-{key}": text for key, text in goals}
            made += scored(b.person_id(index), rated, b.ids.users, goals=words)
        Response.objects.bulk_create(made)
