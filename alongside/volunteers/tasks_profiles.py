"""The daily reminders before a volunteer's check or course runs out, run by the worker.

60 and 14 days before something runs out, the volunteer and their hub's coordinators are told in Alongside (an
Alert), and the volunteer also by text or email if they chose (GOV.UK Notify). Each reminder goes once: the
check or course is marked when it goes, in the same transaction, and a Notify message is kept once per reference.
Each run queues the next day's, like the other daily tasks (alongside.core.daily).
"""

import logging
import zlib
from datetime import datetime, timedelta

from django.db.models import Q
from django.tasks import task
from django.urls import reverse

from alongside.core import notify
from alongside.core.daily import queue_next_run, send_today
from alongside.core.models import Alert
from alongside.partners.models import Membership, Role, Team

from .models import Check, Training
from .profiles_words import day, in_days
from .reminders import Marks, due_reminder, marks_after
from .standing import REMINDER_DAYS

logger = logging.getLogger("alongside.volunteers")

REMINDER_HOUR = 8  # UK time: in the morning, when people read messages
SENDING_LOCK = zlib.crc32(b"alongside.volunteers.send_reminders")
SCHEDULING_LOCK = zlib.crc32(b"alongside.volunteers.schedule_reminders")


def _words(item) -> str:
    if isinstance(item, Check):
        return "DBS check" if item.kind == Check.Kind.DBS else "reference"
    return item.get_course_display().lower() + " training"


def _due_items(today):
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    near = today + timedelta(days=min(REMINDER_DAYS))
    waiting = Q(reminded_60_at__isnull=True) | Q(reminded_14_at__isnull=True, expires_on__lte=near)
    for model in (Check, Training):
        yield from (
            model.objects.select_for_update(of=("self",))
            .filter(waiting, expires_on__gt=today, expires_on__lte=horizon)
            .select_related("volunteer__user")
            .order_by("pk")
        )


def send_due(today, now) -> int:
    """Send every reminder due `today`; return how many went. Call inside a transaction."""
    items = [
        (item, days)
        for item in _due_items(today)
        if (days := due_reminder(Marks(item.expires_on, bool(item.reminded_60_at), bool(item.reminded_14_at)), today))
    ]
    if not items:
        return 0
    users = {item.volunteer.user_id for item, _ in items}
    hubs: dict[int, set[int]] = {}
    for m in Membership.objects.active().filter(
        user_id__in=users, role=Role.VOLUNTEER, team__kind=Team.Kind.VOLUNTEER_HUB
    ):
        hubs.setdefault(m.user_id, set()).add(m.team_id)
    coordinators: dict[int, set[int]] = {}
    for m in Membership.objects.active().filter(
        team_id__in={h for found in hubs.values() for h in found}, role=Role.COORDINATOR
    ):
        coordinators.setdefault(m.team_id, set()).add(m.user_id)
    alerts = []
    for item, days in items:
        volunteer = item.volunteer
        user = volunteer.user
        words = _words(item)
        when = f"{day(item.expires_on)}, {in_days(item.expires_on, today)}"
        alerts.append(
            Alert(
                recipient=user,
                text=f"Your {words} runs out on {when}. Your coordinator will help you renew it.",
                url=reverse("volunteers:own_profile"),
            )
        )
        page = reverse("volunteers:hub_volunteer", args=[user.pk])
        told = {c for hub in hubs.get(user.pk, ()) for c in coordinators.get(hub, ())} - {user.pk}
        alerts += [
            Alert(
                recipient_id=c,
                text=f"{user.display_name}'s {words} runs out on {when}: arrange a new one",
                url=page,
            )
            for c in sorted(told)
        ]
        body = (
            f"Alongside: your {words} as a volunteer runs out on {when}. "
            "Your coordinator will help you renew it. You can see it on your profile in Alongside."
        )
        kind = "check" if isinstance(item, Check) else "training"
        reference = f"volunteer-reminder-{kind}-{item.pk}-{days}"
        if volunteer.by_text and volunteer.phone:
            notify.send(reference=f"{reference}-sms", channel="sms", to=volunteer.phone, body=body)
        if volunteer.by_email and user.email:
            notify.send(reference=f"{reference}-email", channel="email", to=user.email, body=body)
        for mark in marks_after(days):
            setattr(item, f"reminded_{mark}_at", now)
        item.save(update_fields=[f"reminded_{mark}_at" for mark in marks_after(days)])
    Alert.objects.bulk_create(alerts)
    return len(items)


@task()
def send_reminders(day_iso: str) -> int:
    """Send today's reminders (UK date); return how many checks and courses were reminded about."""
    sent, today, now = send_today(
        day_iso, send_due, lock=SENDING_LOCK, action="volunteer_reminders_sent", object_type="volunteer"
    )
    logger.info("Volunteer reminders for %s: %s sent.", today, sent)
    schedule_reminders(now)
    return sent


def schedule_reminders(now: datetime):
    """Queue the next day's reminders for REMINDER_HOUR UK time, unless a run is already waiting."""
    return queue_next_run(
        send_reminders,
        hour=REMINDER_HOUR,
        now=now,
        lock=SCHEDULING_LOCK,
        what="volunteer reminders",
        logger=logger,
    )
