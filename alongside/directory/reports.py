"""The coordinators' reports on community referrals, worked out with no database: how many working days a service
took to give its first answer (by the working-day rule of referring_rules), the median and the share answered
within 5 working days, the periods a coordinator chooses from, each need's top-level need, and the counts by
service, by need and by where each referral stands now.

Everything here is a count or a time: no person's name or words."""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from statistics import median

from .referring_rules import WAIT_WORKING_DAYS, Status, add_working_days

# --- the periods a coordinator chooses from ----------------------------------------------------------------------

PERIODS = {
    "3m": ("The last 3 months", 3),
    "12m": ("The last 12 months", 12),
    "all": ("All time", None),
}
DEFAULT_PERIOD = "3m"


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, or the last day of that month when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has at least 28 days")


def period_start(key: str, today: date) -> date | None:
    """The first day of the period (None: all time). An unknown key is the default period."""
    _label, months = PERIODS.get(key, PERIODS[DEFAULT_PERIOD])
    return None if months is None else months_before(today, months)


def chosen_period(key: str | None) -> str:
    return key if key in PERIODS else DEFAULT_PERIOD


# --- working days ----------------------------------------------------------------------------------------------


def working_days_between(start: datetime, end: datetime) -> int:
    """How many whole working days (Monday to Friday) had passed at `end` since `start`: the largest n for which
    add_working_days(start, n) is not after `end` (0 when `end` is before that first working day)."""
    whole_days = (end - start) // timedelta(days=1)
    if whole_days <= 0:
        return 0
    weeks, rest = divmod(whole_days, 7)
    count = weeks * 5
    weekday = start.weekday()
    for step in range(1, rest + 1):
        if (weekday + step) % 7 < 5:
            count += 1
    return count


def answered_in_time(sent_at: datetime, first_answer_at: datetime) -> bool:
    """Answered before 5 working days had passed: before the reminder would be due."""
    return first_answer_at < add_working_days(sent_at, WAIT_WORKING_DAYS)


def median_days(days: Iterable[int]) -> float | None:
    found = list(days)
    return float(median(found)) if found else None


def share(part: int, whole: int) -> Fraction | None:
    """part of whole, or None when there is nothing to share."""
    return Fraction(part, whole) if whole else None


def percent(value: Fraction | None) -> str:
    """A share in words, rounded to the nearest whole per cent ("no referrals answered" when there is none)."""
    if value is None:
        return "–"
    return f"{round(value * 100)}%"


# --- needs ---------------------------------------------------------------------------------------------------------


def top_level(term_id, parents: Mapping) -> object:
    """The broadest need above a taxonomy term (itself when it has no parent). A loop in the parents, which a bad
    import could make, stops at the first term met again."""
    seen = {term_id}
    while parents.get(term_id) is not None and parents[term_id] not in seen:
        term_id = parents[term_id]
        seen.add(term_id)
    return term_id


# --- the figures -----------------------------------------------------------------------------------------------

# Where a referral stands now, in the order the reports show them.
STANDING = (
    (Status.SENT, "Waiting for an answer"),
    (Status.ACCEPTED, "Accepted, no outcome yet"),
    (Status.NOT_ABLE, "Not able to help"),
    (Status.NOT_TAKEN_UP, "Not taken up"),
    (Status.OUTCOME, "Outcome given"),
)


@dataclass(frozen=True)
class Referral:
    """One referral, as the reports count it: its service, where it stands now, when it was sent and when the
    service first answered (None: not yet, or not known). A referral is answered when it no longer stands at
    "sent"."""

    service_id: object
    status: str
    sent_at: datetime
    first_answer_at: datetime | None


@dataclass
class Counts:
    """Referrals sent, answered, and by where they stand now."""

    sent: int = 0
    answered: int = 0
    statuses: Counter = field(default_factory=Counter)

    def add(self, referral: Referral) -> None:
        self.sent += 1
        if referral.status != Status.SENT:
            self.answered += 1
        self.statuses[referral.status] += 1

    @property
    def waiting(self) -> int:
        return self.statuses[Status.SENT]


@dataclass(frozen=True)
class Timing:
    answered: int
    median_days: float | None
    within: int  # answered within 5 working days

    @property
    def share_within(self) -> Fraction | None:
        return share(self.within, self.answered)


def timing(referrals: Iterable[Referral]) -> Timing:
    """The time to first answer of the referrals answered: the median in working days, and how many came within 5
    working days."""
    answered = [r for r in referrals if r.first_answer_at is not None]
    return Timing(
        answered=len(answered),
        median_days=median_days(working_days_between(r.sent_at, r.first_answer_at) for r in answered),  # type: ignore[arg-type]
        within=sum(answered_in_time(r.sent_at, r.first_answer_at) for r in answered),  # type: ignore[arg-type]
    )


def by_service(referrals: Iterable[Referral]) -> dict[object, Counts]:
    found: dict[object, Counts] = {}
    for referral in referrals:
        found.setdefault(referral.service_id, Counts()).add(referral)
    return found


NO_NEED = None  # the key of referrals to services that name no need


def by_need(referrals: Iterable[Referral], service_needs: Mapping[object, Iterable], parents: Mapping) -> dict:
    """Counts by top-level need: a referral counts once under each broadest need its service meets (so the rows
    can add up to more than the referrals sent), or under NO_NEED when the service names none."""
    tops = {
        service: {top_level(term, parents) for term in terms} or {NO_NEED} for service, terms in service_needs.items()
    }
    found: dict = {}
    for referral in referrals:
        for need in tops.get(referral.service_id, {NO_NEED}):
            found.setdefault(need, Counts()).add(referral)
    return found


def overall(referrals: Iterable[Referral]) -> Counts:
    counts = Counts()
    for referral in referrals:
        counts.add(referral)
    return counts


@dataclass(frozen=True)
class Silence:
    """A service that has not answered: how many referrals it was sent in the period, how many are still waiting
    after 5 working days, and when the oldest of those was sent."""

    service_id: object
    sent: int
    answered: int
    overdue: int
    oldest_overdue: datetime | None

    @property
    def never_answered(self) -> bool:
        return self.answered == 0


def silences(referrals: Iterable[Referral], now: datetime) -> list[Silence]:
    """The services sent referrals that never answered any of them, and those with a referral still waiting after
    5 working days; the most overdue first."""
    rows: dict[object, list[Referral]] = {}
    for referral in referrals:
        rows.setdefault(referral.service_id, []).append(referral)
    found = []
    for service_id, sent in rows.items():
        answered = sum(r.status != Status.SENT for r in sent)
        overdue = [
            r.sent_at for r in sent if r.status == Status.SENT and now >= add_working_days(r.sent_at, WAIT_WORKING_DAYS)
        ]
        if answered == 0 or overdue:
            found.append(Silence(service_id, len(sent), answered, len(overdue), min(overdue) if overdue else None))
    return sorted(found, key=lambda s: (not s.never_answered, -s.overdue, s.oldest_overdue or now, str(s.service_id)))
