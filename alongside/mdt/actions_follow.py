"""Every change after the meeting: an action done, with its outcome (and, for an item that came from a volunteer's
concern, the words that volunteer is told), and the one reminder of an overdue action.

Completing asks the one audience rule (`access.seen_item`: only the action's owner, while they may see the item),
is audited, and runs in one transaction with the action's row locked. The outcome reaches where the item came from
through the registry (`AgendaSource.answered`): for a concern, the concern loop closes and the volunteer hears back.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from alongside.core import notify, registry
from alongside.core.forms import EditConflict
from alongside.core.models import Alert, User
from alongside.core.numbers import whole_number
from alongside.core.registry import ReferralNews
from alongside.people.access import record, record_denied
from alongside.people.policy import Basis

from . import access
from .models import Action, CoreMember

OUTCOME_LONGEST = 2000
TOLD_LONGEST = 1000


class NotYours(Exception):
    """The action is not this user's to complete, or they may no longer see its item: answered as missing."""


def from_concern(source: str) -> bool:
    return source.startswith("concern:")


def outcome_problem(words: str) -> str | None:
    text = words.strip()
    if not text:
        return "Write what came of the action"
    if len(text) > OUTCOME_LONGEST:
        return f"Write what came of the action in {OUTCOME_LONGEST} characters or fewer"
    return None


def told_problem(words: str) -> str | None:
    text = words.strip()
    if not text:
        return "Write what to tell the volunteer who raised the worry"
    if len(text) > TOLD_LONGEST:
        return f"Write what to tell the volunteer in {TOLD_LONGEST} characters or fewer"
    return None


def is_overdue(due: date, done: bool, today: date) -> bool:
    return not done and due < today


@dataclass(frozen=True)
class Done:
    action: Action
    made: bool  # False: it was already done with these words (sent twice)


def complete(request, action_id: int, *, outcome: str, told_volunteer: str, version: int) -> Done:
    """Record the action done. Raises NotYours for anyone but its owner (who may see its item), ValueError with a
    plain message for missing words, and EditConflict when it changed since the page was opened. Sent twice with
    the same words it records once."""
    with transaction.atomic():
        done = _complete(request, action_id, outcome.strip(), told_volunteer.strip(), version)
    if done is None:
        person_id = Action.objects.filter(pk=action_id).values_list("item__person_id", flat=True).first()
        record_denied(request, "mdt_action_done", person_id, object_type="mdt_action", object_id=action_id)
        raise NotYours
    return done


def _complete(request, action_id: int, outcome: str, told: str, version: int) -> Done | None:
    action = Action.objects.select_for_update(of=("self",)).select_related("item").filter(pk=action_id).first()
    if action is None or action.owner_id != request.user.pk:
        return None
    seen = access.seen_item(request, action.item_id, "mdt_action_opened_to_complete")
    if seen is None:
        return None
    concern = from_concern(action.item.source)
    if action.done_at is not None:
        if action.outcome == outcome and action.told_volunteer == (told if concern else ""):
            return Done(action, made=False)  # the same words, sent again
        raise EditConflict(action)
    if action.version != version:
        raise EditConflict(action)
    problem = outcome_problem(outcome) or (told_problem(told) if concern else None)
    if problem:
        raise ValueError(problem)
    now = timezone.now()
    Action.objects.filter(pk=action.pk).update(
        done_at=now, outcome=outcome, told_volunteer=told if concern else "", version=F("version") + 1
    )
    action.refresh_from_db()
    record(request, "mdt_action_done", action.item.person_id, seen.basis, object_type="mdt_action", object_id=action.pk)
    kind, _, ref = action.item.source.partition(":")
    source = registry.agenda_source(kind) if ref else None
    if source is not None and source.answered is not None:
        source.answered(action.item.source, told if concern else outcome, request.user.pk)
    return Done(action, made=True)


def remind_overdue(now: datetime) -> int:
    """Remind the owner of each open action past its due date, once: the action is marked reminded in the same
    transaction as the alert, and only one not yet marked is taken (skipping any another run holds), so no run
    reminds anyone twice. Returns how many were reminded."""
    today = timezone.localdate(now)
    due = Action.objects.filter(done_at__isnull=True, due__lt=today, reminded_at__isnull=True)
    reminded = 0
    for action_id in list(due.order_by("due", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            action = (
                due.select_for_update(of=("self",), skip_locked=True)
                .select_related("item__meeting", "owner")
                .filter(pk=action_id)
                .first()
            )
            if action is None:  # done, or reminded by another run, meanwhile
                continue
            Action.objects.filter(pk=action.pk).update(reminded_at=now)
            _remind(action, now)
            reminded += 1
    return reminded


def _remind(action: Action, now: datetime) -> None:
    owner: User = action.owner
    if not owner.is_active:
        return
    text = f"Overdue: an action from an MDT meeting was due on {action.due:%-d %B}"
    Alert.objects.create(recipient_id=owner.pk, text=text, url=reverse("mdt:follow_action_done", args=[action.pk]))
    if owner.email:
        notify.send(
            reference=f"mdt-action-overdue-{action.pk}",
            channel="email",
            to=owner.email,
            body=(
                f"Alongside: an action agreed at an MDT meeting was due on {action.due:%-d %B}. "
                "Sign in to Alongside to see it (the person's name is in Alongside, not in this email)."
            ),
        )
    member = CoreMember.objects.filter(mdt_id=action.item.meeting.mdt_id, user_id=owner.pk, end__isnull=True).exists()
    record(
        None,
        "mdt_action_overdue_reminded",
        action.item.person_id,
        Basis.MDT_MEMBER if member else Basis.MDT_INVITED,
        object_type="mdt_action",
        object_id=action.pk,
        recipient=owner.pk,
    )


# What a community service's answer means, for the owner of the MDT action the referral started from.
SERVICE_NEWS = {
    "sent": "You referred {name} to {service}",
    "accepted": "{service} accepted the referral for {name}",
    "not_able": "{service} is not able to help {name}",
    "not_taken_up": "{service} says the referral for {name} was not taken up",
    "outcome": "{service} has told us how it went for {name}",
}


def referral_heard(ref: str, news: ReferralNews) -> None:
    """What became of a referral to a community service made from an MDT action: its owner is told on their home
    page (a member of the person's MDT, so the person is named). Runs in the directory's transaction."""
    action_id = whole_number(ref)
    found = (
        Action.objects.select_related("item__person").filter(pk=action_id).first() if action_id is not None else None
    )
    if found is None or found.item.person_id != news.person_id or news.what == "sent":
        return
    name = found.item.person.full_name
    text = SERVICE_NEWS.get(news.what, "{service} answered the referral for {name}").format(
        service=news.service, name=name
    )
    Alert.objects.create(
        recipient_id=found.owner_id, text=text[:300], url=reverse("mdt:follow_action_done", args=[found.pk])
    )
