"""Outcomes' step of building the demo borough: as people stream past, the answers of about a fifth of them are drawn
(demo.draw); once everyone is in, they are scored in order through `actions.score_against`, so that the stored
totals, bands and changes are what the product itself would store, and written with bulk inserts.

Goal-based outcomes are drawn for a few of those people whose plan has goals (`registry.person_goals`), if an app
keeps plans with goals by then; with none, there are none.
"""

from alongside.core import registry
from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building

from . import demo, queries
from .actions import score_against
from .models import Response

GOAL_PEOPLE = 60  # at most this many people get goal ratings: each asks the plans app for their goals
BATCH = 2_000


def _worker(care: PersonCare) -> str | None:
    current = [r for r in care.relationships if r.kind == "named_worker" and r.ended_at is None and r.user]
    return current[0].user if current else None


class OutcomesStep:
    def __init__(self, building: Building):
        self.building = building
        self.drawn: list[tuple[int, demo.PersonAnswers]] = []

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        worker = _worker(care)
        keen = index == 0 or worker == "clinician"
        found = demo.draw(self.building.seed, index, self.building.now, worker, keen)
        if found is not None:
            self.drawn.append((index, found))
        return None

    def finish(self) -> None:
        b = self.building
        users = b.ids.users
        known = queries.shipped()
        pending: list[Response] = []
        for count, (index, drawn) in enumerate(self.drawn):
            person_id = b.person_id(index)
            answered = list(drawn.answered)
            if count < GOAL_PEOPLE and (goals := registry.person_goals(person_id)):
                goals = goals[: known["gbo"].max_person_items]
                times = sorted({a.at for a in answered if a.instrument == answered[0].instrument})
                ratings = demo.goal_ratings(b.seed, index, drawn.course, times, [key for key, _ in goals])
                words = {f"goal-{key}": text for key, text in goals}
                answered += [
                    demo.Answered("gbo", at, rated, how="with_staff" if a.by else "link", by=a.by)
                    for at, rated, a in zip(times, ratings, answered, strict=False)
                ]
            else:
                words = {}
            previous: dict[str, Response] = {}
            for a in sorted(answered, key=lambda a: (a.instrument, a.at)):
                instrument = known[a.instrument]
                scored = score_against(instrument, a.answers, previous.get(a.instrument))
                response = Response(
                    person_id=person_id,
                    instrument=a.instrument,
                    answers=a.answers,
                    goals=words if a.instrument == "gbo" else {},
                    total=scored.total,
                    band=scored.band,
                    items=scored.items,
                    reliable_change=scored.reliable_change,
                    item_changes=scored.item_changes,
                    completed_at=a.at,
                    how=a.how,
                    recorded_by_id=users.get(a.by) if a.by else None,
                    idempotency_key="",
                )
                previous[a.instrument] = response
                pending.append(response)
            if len(pending) >= BATCH:
                Response.objects.bulk_create(pending)
                pending = []
        Response.objects.bulk_create(pending)
