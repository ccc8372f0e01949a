"""The board part's writes: a day's beds, the nurses of a day's visits, and a visit or call recorded as done.

Each checks the user's right through access (the ward's team, or its leader for the beds), is audited and runs in
one transaction. Retries are safe: the beds are set (not added), a nurse is saved only on the version that was
shown, and a visit is marked done under a row lock before its contact is recorded, so it is recorded once.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import F

from alongside.core import audit
from alongside.core.registry import record_contact
from alongside.people.access import Read, record_each
from alongside.people.policy import Basis

from . import queries_board
from .models import DayCapacity, PlannedContact, Ward
from .planning_board import Proposal

CONTACT_KIND = {PlannedContact.Kind.VISIT: "home_visit", PlannedContact.Kind.CALL: "phone"}


class TooFewBeds(Exception):
    def __init__(self, people: int):
        super().__init__(people)
        self.people = people


class AlreadyDone(Exception):
    pass


@transaction.atomic
def set_beds(request, ward: Ward, day: date, beds: int, reason: str) -> DayCapacity:
    """Set the ward's beds on a day (the team leader checked by the view). Refused with TooFewBeds when fewer than
    the people who have a bed that day."""
    Ward.objects.select_for_update().filter(pk=ward.pk).first()
    people = queries_board.people_on_ward(ward, day)
    if beds < people:
        raise TooFewBeds(people)
    found, _ = DayCapacity.objects.update_or_create(
        ward=ward, day=day, defaults={"beds": beds, "reason": reason, "set_by": request.user}
    )
    audit.record(
        request,
        "ward_day_beds_set",
        object_type="ward",
        object_id=ward.pk,
        detail={"day": day.isoformat(), "beds": beds, "usual": ward.beds},
    )
    return found


@transaction.atomic
def save_nurses(request, ward: Ward, proposals: list[Proposal], allowed_ids: set[int], nurse_ids: set[int]) -> int:
    """Save the nurse of each visit or call as proposed, only where it is still the version shown and still has no
    nurse: a second submit saves nothing again. Returns how many were saved."""
    saved = 0
    for p in proposals:
        if p.nurse_id is None or p.planned_id not in allowed_ids or p.nurse_id not in nurse_ids:
            continue
        saved += PlannedContact.objects.filter(pk=p.planned_id, version=p.version, nurse__isnull=True).update(
            nurse_id=p.nurse_id, version=F("version") + 1
        )
    if saved:
        audit.record(
            request, "ward_visits_planned", object_type="ward", object_id=ward.pk, detail={"nurses_given": saved}
        )
    return saved


@transaction.atomic
def record_done(request, planned_id: int, at: datetime, minutes: int, note: str) -> PlannedContact:
    """Mark the visit or call done and record it as a contact (through the registry), once: a second submit finds
    it done and raises AlreadyDone. The caller has checked the user sees the episode as its ward team."""
    planned = PlannedContact.objects.select_for_update().get(pk=planned_id)
    if planned.done_at is not None:
        raise AlreadyDone
    planned.done_at = at  # when it happened, as the nurse said (the form refuses a time in the future)
    planned.contact = record_contact(request, planned.person_id, CONTACT_KIND[planned.kind], at, minutes, note) or ""
    if planned.nurse_id is None:
        planned.nurse = request.user
    planned.version += 1
    planned.save(update_fields=["done_at", "contact", "nurse", "version"])
    record_each(
        request,
        "ward_visit_recorded",
        [Read(planned.person_id, Basis.WARD_TEAM, object_id=planned.pk)],
        object_type="ward_planned_contact",
    )
    return planned
