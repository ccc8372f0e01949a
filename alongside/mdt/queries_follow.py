"""Reads after the meeting: one action as its owner sees it (the same path, and the same answer, for a missing
action as for someone else's), and an action as the start of a referral to a community service."""

from django.urls import reverse

from alongside.core.numbers import whole_number
from alongside.core.registry import StartShown
from alongside.people.access import record_denied

from . import access
from .access import Seen
from .models import Action


def _action(action_id: int) -> Action | None:
    return (
        Action.objects.select_related("item__meeting__mdt", "item__person", "owner", "agreed_by")
        .filter(pk=action_id)
        .first()
    )


def owned(request, action_id: int, what: str) -> tuple[Action, Seen] | None:
    """The action, if it is this user's and they may see its item (audited as `what`); None (answer as missing)
    otherwise, audited as refused."""
    found = _action(action_id)
    seen = access.seen_item(request, found.item_id, what) if found and found.owner_id == request.user.pk else None
    if found is None or seen is None:
        if found is not None and found.owner_id != request.user.pk:
            record_denied(request, what, found.item.person_id, object_type="mdt_action", object_id=action_id)
        elif found is None:
            record_denied(request, what, None, object_type="mdt_action", object_id=action_id)
        return None
    return found, seen


def start_shown(request, ref: str) -> StartShown | None:
    """An MDT action as the start of a referral to a community service: for its owner only, while open."""
    action_id = whole_number(ref, high=99_999_999_999)
    if action_id is None:
        return None
    found = _action(action_id)
    if found is None or found.owner_id != request.user.pk or found.done_at is not None:
        return None
    seen = access.seen_item(request, found.item_id, "mdt_action_as_referral_start")
    if seen is None:
        return None
    meeting_day = f"{found.item.meeting.starts_at:%-d %B}"
    return StartShown(
        words=f"the action agreed at the {found.item.meeting.mdt.name} on {meeting_day}",
        person_id=found.item.person_id,
        basis=seen.basis.value,
    )


def start_page(ref: str) -> str:
    return reverse("mdt:follow_action_done", args=[ref])


def demo_examples(count: int) -> list[tuple[int, str]]:
    """For the demo borough: up to `count` open actions a referral can start from, as (person_id, action id). One
    query."""
    found = Action.objects.filter(done_at__isnull=True).order_by("item__person_id", "pk").distinct("item__person_id")
    return [(person_id, str(pk)) for pk, person_id in found.values_list("pk", "item__person_id")[:count]]
