"""Who visits whom on one day: the day's visits and calls without a nurse, given to the ward team's nurses with the
shared continuity-aware allocation (alongside.core.allocation, ADR 0036).

Plain logic, no database. Each visit or call without a nurse is a request whose window is an hour either side of
the time it is due; its usual nurse is the one who did most of this stay's visits and calls; a person whose latest
NEWS2 was medium or high counts more, so they keep their nurse first. Each nurse has a slot every 30 minutes from
08:00 to 20:00, less the times they already have a visit or call; a slot takes one visit or call.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from alongside.core.allocation import Request, Slot, allocate

WINDOW = timedelta(hours=1)
SLOT_EVERY = timedelta(minutes=30)
FIRST_SLOT = time(8, 0)
LAST_SLOT = time(20, 0)
USUAL_PRIORITY = 1
HIGH_SCORE_PRIORITY = 3


@dataclass(frozen=True)
class ToPlan:
    planned_id: int
    person_id: int
    episode_id: int
    due_at: datetime
    version: int


@dataclass(frozen=True)
class Busy:
    nurse_id: int
    start: datetime
    minutes: int


@dataclass(frozen=True)
class Proposal:
    planned_id: int
    version: int
    nurse_id: int | None
    reason: str


def slots_for(day: date, zone: ZoneInfo, nurse_ids: list[int], busy: list[Busy]) -> list[Slot]:
    """Every nurse's free half-hours of the day, from FIRST_SLOT to LAST_SLOT (the last one starting at it)."""
    start = datetime.combine(day, FIRST_SLOT, tzinfo=zone)
    last = datetime.combine(day, LAST_SLOT, tzinfo=zone)
    slots = []
    while start <= last:
        for nurse_id in nurse_ids:
            taken = any(
                b.nurse_id == nurse_id
                and b.start < start + SLOT_EVERY
                and start < b.start + timedelta(minutes=b.minutes)
                for b in busy
            )
            if not taken:
                slots.append(Slot(f"{nurse_id}@{start.isoformat()}", str(nurse_id), start))
        start += SLOT_EVERY
    return slots


def plan(
    to_plan: list[ToPlan],
    slots: list[Slot],
    usual: dict[int, tuple[int, int]],
    high: set[int],
    names: dict[int, str],
) -> list[Proposal]:
    """A nurse for each visit or call (None when no nurse is free near its time), with the reason in words.
    `usual` is episode -> (nurse, contacts done); `high` the episodes with a medium or high latest score;
    `names` nurse -> name."""
    requests = [
        Request(
            request_id=str(p.planned_id),
            person_id=str(p.person_id),
            usual_practitioner_id=str(usual[p.episode_id][0]) if p.episode_id in usual else None,
            priority=HIGH_SCORE_PRIORITY if p.episode_id in high else USUAL_PRIORITY,
            earliest=p.due_at - WINDOW,
            latest=p.due_at + WINDOW,
        )
        for p in to_plan
    ]
    chosen = allocate(requests, slots).slot_for
    by_id = {s.slot_id: s for s in slots}
    proposals = []
    for p in to_plan:
        slot_id = chosen.get(str(p.planned_id))
        if slot_id is None:
            proposals.append(Proposal(p.planned_id, p.version, None, "No nurse is free within an hour of this time"))
            continue
        nurse_id = int(by_id[slot_id].practitioner_id)
        proposals.append(Proposal(p.planned_id, p.version, nurse_id, _reason(nurse_id, usual.get(p.episode_id), names)))
    return proposals


def _reason(nurse_id: int, usual: tuple[int, int] | None, names: dict[int, str]) -> str:
    name = names.get(nurse_id, "this nurse")
    if usual and usual[0] == nurse_id:
        times = "once" if usual[1] == 1 else f"{usual[1]} times"
        return f"With {name}, who has seen them {times} on this stay"
    if usual:
        return f"With {name}: {names.get(usual[0], 'their usual nurse')} is busy at that time"
    return f"With {name}, who is free at that time (no one has seen them yet on this stay)"
