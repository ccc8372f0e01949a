"""Concerns routed to the MDT, as an MDT's agenda source, and the MDT's answer back to the volunteer who raised one.

`suggest` offers each open concern whose route is the practice's MDT, about someone registered at the practice (or
living in the neighbourhood), in one query. `answered` is told when an action agreed at the MDT about a concern is
done: it closes the concern with the words written for the volunteer, through the loop's own steps (a step in its
history, the volunteer told in Alongside and by text or email as they chose), once however often it is told.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alongside.core.numbers import whole_number
from alongside.core.registry import AgendaSuggestion
from alongside.people.access import record
from alongside.people.areas import of_area
from alongside.people.policy import Basis

from . import lifecycle, loop_queries
from .actions_loop import _tell, _tell_the_volunteer, _uk_day
from .lifecycle import Move, Status
from .models import Concern, ConcernEvent, Kind, RouteKind

PREFIX = "concern:"
SUGGESTED = 100  # the most concerns one MDT is offered at a time
WORRY_WORDS = {
    Kind.HEALTH: "their health",
    Kind.SOCIAL: "how they are getting on day to day",
    Kind.ENVIRONMENTAL: "their home and surroundings",
}


def reason_for(concern: Concern) -> str:
    """Why the person is suggested, in plain words, with the volunteer's own words."""
    worry = WORRY_WORDS.get(concern.kind, "them")
    said = f' They said: "{concern.words.strip()}"' if concern.words.strip() else ""
    return f"A volunteer is worried about {worry} (raised {_uk_day(concern.created_at)}).{said}"


def suggest(practice_id: int | None, neighbourhood_id: int | None) -> list[AgendaSuggestion]:
    """Open concerns routed to the MDT about people registered at the practice (or living in the neighbourhood),
    the oldest first. One query."""
    area = of_area(practice_id, neighbourhood_id)
    if area is None:
        return []
    open_for_mdt = Concern.objects.filter(status=Status.OPEN, route_kind=RouteKind.MDT)
    open_for_mdt = open_for_mdt.filter(area)
    return [
        AgendaSuggestion(
            person_id=c.person_id,
            ref=f"{PREFIX}{c.pk}",
            reason=reason_for(c),
            since=c.created_at,
            volunteer_id=c.raised_by_id,
        )
        for c in open_for_mdt.order_by("created_at", "pk")[:SUGGESTED]
    ]


def concern_id(ref: str) -> int | None:
    return whole_number(ref.removeprefix(PREFIX), high=99_999_999_999)


@transaction.atomic
def answered(ref: str, words: str, by_user_id: int) -> None:
    """An MDT action about the concern is done: `words` are what the volunteer who raised it is told. An open
    concern closes with them (told as any answer is); one already answered gets them as news (told while the
    volunteer still visits the person). Told the same words again, it changes nothing."""
    pk = concern_id(ref)
    told = words.strip()
    found = Concern.objects.select_for_update(of=("self",)).select_related("person", "hub", "raised_by")
    concern = found.filter(pk=pk).first() if pk is not None else None
    if concern is None or lifecycle.outcome_problem(told):
        return
    if concern.status == Status.OPEN:
        now = timezone.now()
        lifecycle.after(
            lifecycle.Loop(Status.OPEN, concern.answer_by, concern.overdue_reminded_at is not None),
            Move.CLOSE,
            now=now,
            response_hours=0,
            words=told,
        )
        Concern.objects.filter(pk=concern.pk).update(
            status=Status.CLOSED, outcome=told, closed_by_id=by_user_id, closed_at=now, version=F("version") + 1
        )
        event = ConcernEvent.objects.create(
            concern=concern, person_id=concern.person_id, what=ConcernEvent.What.CLOSED, by_id=by_user_id, words=told
        )
        record(
            None,
            "concern_closed_by_mdt",
            concern.person_id,
            Basis.MDT_MEMBER,
            object_type="concern",
            object_id=concern.pk,
            by=by_user_id,
        )
        concern.refresh_from_db()
        _tell_the_volunteer(concern, event)
        return
    if concern.outcome == told or concern.events.filter(what=ConcernEvent.What.MDT_NEWS, words=told).exists():
        return  # told already
    event = ConcernEvent.objects.create(
        concern=concern, person_id=concern.person_id, what=ConcernEvent.What.MDT_NEWS, by_id=by_user_id, words=told
    )
    record(
        None,
        "concern_news_from_mdt",
        concern.person_id,
        Basis.MDT_MEMBER,
        object_type="concern",
        object_id=concern.pk,
        by=by_user_id,
    )
    if loop_queries.sharing(concern).visits:
        _tell(concern, f"News from the MDT about the concern you raised on {_uk_day(concern.created_at)}", told, event)
