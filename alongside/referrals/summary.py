"""How the single point of access is doing: this week's decisions against the target times, and a daily summary.

Counts and times only, never anything about a person, so the text is safe to send by email.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q

from . import timers
from .lifecycle import AWAITING_DECISION
from .models import Referral, Urgency

WAITING = Q(status__in=[status.value for status in AWAITING_DECISION])


@dataclass(frozen=True)
class UrgencyFigure:
    """This week's decisions for one urgency: how many, how long they took, and how many met the target."""

    urgency: str
    label: str
    target: timedelta
    decided: int
    median: timedelta | None
    within_target: float | None  # a share from 0 to 1; None when nothing was decided

    @property
    def target_words(self) -> str:
        return timers.duration_words(self.target)

    @property
    def median_words(self) -> str:
        return timers.duration_words(self.median) if self.median is not None else ""

    @property
    def within_target_percent(self) -> int | None:
        return None if self.within_target is None else round(self.within_target * 100)


@dataclass(frozen=True)
class Summary:
    at: datetime
    received_last_day: int
    waiting: dict[str, int]  # by urgency
    overdue: dict[str, int]  # by urgency: still waiting after the target time
    week: list[UrgencyFigure]

    @property
    def waiting_total(self) -> int:
        return sum(self.waiting.values())

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue.values())


def targets() -> dict[str, int]:
    return settings.TRIAGE_TARGET_HOURS


def week_figures(now: datetime) -> list[UrgencyFigure]:
    """Referrals decided since Monday 00:00 UK time, by urgency (urgent first), in one query."""
    decided = Referral.objects.filter(
        decided_at__gte=timers.week_start(now), decided_at__lte=now, received_at__isnull=False
    ).values_list("urgency", "received_at", "decided_at")
    spans: dict[str, list[timedelta]] = {urgency.value: [] for urgency in Urgency}
    for urgency, received_at, decided_at in decided:
        spans.setdefault(urgency, []).append(decided_at - received_at)
    figures = []
    for urgency in Urgency:
        aim = timers.target(urgency.value, targets())
        taken = spans[urgency.value]
        figures.append(
            UrgencyFigure(
                urgency=urgency.value,
                label=urgency.label,
                target=aim,
                decided=len(taken),
                median=timers.median(taken),
                within_target=timers.within_target_share(taken, aim),
            )
        )
    return figures


def daily_summary(now: datetime) -> Summary:
    """What the team leaders need each morning, in two queries whatever the number of referrals."""
    counts = {"received": Count("pk", filter=Q(received_at__gt=now - timedelta(hours=24), received_at__lte=now))}
    for urgency in Urgency:
        waiting = WAITING & Q(urgency=urgency.value)
        overdue_before = now - timers.target(urgency.value, targets())
        counts[f"waiting_{urgency.value}"] = Count("pk", filter=waiting)
        counts[f"overdue_{urgency.value}"] = Count("pk", filter=waiting & Q(received_at__lt=overdue_before))
    found = Referral.objects.aggregate(**counts)
    return Summary(
        at=now,
        received_last_day=found["received"],
        waiting={u.value: found[f"waiting_{u.value}"] for u in Urgency},
        overdue={u.value: found[f"overdue_{u.value}"] for u in Urgency},
        week=week_figures(now),
    )


def summary_headline(summary: Summary) -> str:
    """One short line (well under 300 characters) for the in-service alert."""
    return (
        f"{headline_start(summary.at)} {plural(summary.received_last_day, 'referral')} received in the last 24 hours, "
        f"{summary.waiting_total} waiting for a decision, {summary.overdue_total} past the target time."
    )


def headline_start(moment: datetime) -> str:
    """How the alert for that UK day begins, so that a second run can see the day's alert is already there."""
    return f"Triage summary for {uk_day(moment)}:"


def summary_text(summary: Summary) -> str:
    """The daily summary in plain English, for email: counts only."""
    lines = [
        f"Single point of access: triage summary for {uk_day(summary.at)}",
        "",
        f"In the last 24 hours we received {plural(summary.received_last_day, 'referral')}.",
        "",
        f"Waiting for a triage decision: {summary.waiting_total} ({by_urgency(summary.waiting)}).",
        f"Past the target time for a decision: {summary.overdue_total} ({by_urgency(summary.overdue)}).",
        "",
        "Decided this week (since Monday):",
    ]
    for figure in summary.week:
        heading = f"- {figure.label} (target {figure.target_words}):"
        if not figure.decided:
            lines.append(f"{heading} none decided yet.")
        else:
            lines.append(
                f"{heading} {figure.decided} decided, median time {figure.median_words}, "
                f"{figure.within_target_percent}% within the target."
            )
    lines += ["", "The triage queue in Alongside shows every referral waiting, most urgent first."]
    return "\n".join(lines)


def by_urgency(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts.get(u.value, 0)} {u.label.lower()}" for u in Urgency)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def uk_day(moment: datetime) -> str:
    local = moment.astimezone(timers.UK)
    return f"{local:%A} {local.day} {local:%B %Y}"
