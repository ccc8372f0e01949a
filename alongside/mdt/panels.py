"""The home page panel "Actions from MDT meetings": the user's own open actions, the soonest due first, each with
the person (as the user may see the item), what, when it is due, and whether it is due today or overdue. A fixed
number of queries, however many actions; each person named is audited as a read of the item (access.seen_items)."""

from dataclasses import dataclass

from django.utils import timezone

from . import access
from .actions_follow import is_overdue
from .models import Action

SHOWN = 20


@dataclass(frozen=True)
class Shown:
    action: Action
    name: str | None  # None: the user may no longer see the item, so the person is not named
    overdue: bool
    due_today: bool


def open_actions(request) -> list[Shown]:
    mine = (
        Action.objects.filter(owner_id=request.user.pk, done_at__isnull=True)
        .select_related("item__meeting__mdt", "item__person")
        .order_by("due", "pk")[:SHOWN]
    )
    actions = list(mine)
    if not actions:
        return []
    items = list({a.item_id: a.item for a in actions}.values())
    seen = {s.item.pk for s in access.seen_items(request, items, "mdt_actions_listed")}
    today = timezone.localdate()
    return [
        Shown(
            a, a.item.person.full_name if a.item_id in seen else None, is_overdue(a.due, False, today), a.due == today
        )
        for a in actions
    ]


def my_actions(request) -> dict | None:
    if not request.user.is_authenticated:
        return None
    shown = open_actions(request)
    if not shown:
        return None
    return {"actions": shown, "overdue": sum(1 for s in shown if s.overdue)}
