"""The virtual ward's honest figures, worked out from plain values: no Django, no database (mypy strict).

Each function takes what the query module read (stays as plain tuples, the beds of each day) and gives one figure.
The methods are written out in plain words beside each number on the figures page (views_figures) and in
docs/guides/virtual-ward-figures.md; ADR 0037 says why they are these.

- Occupancy: bed-days used over bed-days available. A stay uses the hours it overlapped the period, over 24.
- Length of stay: of the stays that ended in the period, in days (mean and median).
- Ended at home: of the step-up stays that ended in the period, those that ended "home" or "died_at_home".
- Admissions avoided: step-up stays that ended "home" (stayed at home and handed to the neighbourhood team),
  compared with the admissions the population would be expected to have over the period (a baseline year's
  emergency admissions, scaled to the period's length), with an exact (Garwood) 95% interval for the count.
"""

import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

HOME = "home"
DIED_AT_HOME = "died_at_home"
ENDED_AT_HOME = frozenset({HOME, DIED_AT_HOME})
AVOIDED = frozenset({HOME})  # the outcomes that count as an admission avoided (see ADR 0037)
DAYS_IN_A_YEAR = 365
PER_POPULATION = 100_000


@dataclass(frozen=True)
class Stay:
    """One episode as the figures need it: when it began and ended (None while open), step-up or down, outcome."""

    admitted_at: datetime
    ended_at: datetime | None
    step_up: bool
    outcome: str  # blank while open


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


# --- capacity ----------------------------------------------------------------------------------------------------


def per_population(beds: int, population: int) -> float | None:
    """Beds per 100,000 people; None when no one is registered (the figure cannot be given)."""
    if population <= 0:
        return None
    return beds * PER_POPULATION / population


def days_of(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def bed_days_available(days: Iterable[date], usual_beds: int, set_beds: dict[date, int]) -> int:
    """The beds of each day (the day's own number where one was set, else the usual), added up."""
    return sum(set_beds.get(day, usual_beds) for day in days)


# --- occupancy ---------------------------------------------------------------------------------------------------


def hours_within(stay: Stay, start: datetime, end: datetime, now: datetime) -> float:
    """The hours the stay overlapped [start, end); a stay still open counts up to `now`."""
    stay_end = stay.ended_at if stay.ended_at is not None else now
    overlap = min(stay_end, end) - max(stay.admitted_at, start)
    return max(overlap.total_seconds() / 3600, 0.0)


def bed_days_used(stays: Iterable[Stay], start: datetime, end: datetime, now: datetime) -> float:
    return math.fsum(hours_within(s, start, end, now) for s in stays) / 24


def share(part: float, whole: float) -> float | None:
    """part / whole, or None when the whole is nothing (the figure cannot be given)."""
    if whole <= 0:
        return None
    return part / whole


def on_the_ward_at(stays: Iterable[Stay], at: datetime) -> int:
    """How many people were on the ward at one moment (a snapshot, as the SitRep counts them)."""
    return sum(1 for s in stays if s.admitted_at <= at and (s.ended_at is None or s.ended_at > at))


# --- the stays that ended ----------------------------------------------------------------------------------------


def ended_within(stays: Iterable[Stay], start: datetime, end: datetime) -> list[Stay]:
    return [s for s in stays if s.ended_at is not None and start <= s.ended_at < end]


def admitted_within(stays: Iterable[Stay], start: datetime, end: datetime) -> list[Stay]:
    return [s for s in stays if start <= s.admitted_at < end]


def length_in_days(stay: Stay) -> float:
    """An ended stay's length in days (never negative, even for a stay recorded as ending before it began)."""
    assert stay.ended_at is not None
    return max((stay.ended_at - stay.admitted_at).total_seconds(), 0.0) / 86400


@dataclass(frozen=True)
class LengthOfStay:
    count: int
    mean: float | None
    median: float | None


def length_of_stay(ended: Sequence[Stay]) -> LengthOfStay:
    lengths = [length_in_days(s) for s in ended]
    if not lengths:
        return LengthOfStay(0, None, None)
    return LengthOfStay(len(lengths), math.fsum(lengths) / len(lengths), statistics.median(lengths))


@dataclass(frozen=True)
class AtHome:
    step_up_ended: int
    stayed_home: int
    died_at_home: int

    @property
    def at_home(self) -> int:
        return self.stayed_home + self.died_at_home

    @property
    def share(self) -> float | None:
        return share(self.at_home, self.step_up_ended)


def ended_at_home(ended: Iterable[Stay]) -> AtHome:
    step_up = [s for s in ended if s.step_up]
    return AtHome(
        step_up_ended=len(step_up),
        stayed_home=sum(1 for s in step_up if s.outcome == HOME),
        died_at_home=sum(1 for s in step_up if s.outcome == DIED_AT_HOME),
    )


def avoided(ended: Iterable[Stay]) -> int:
    """Admissions avoided: step-up stays that ended with the person staying at home (ADR 0037)."""
    return sum(1 for s in ended if s.step_up and s.outcome in AVOIDED)


# --- compared with the baseline, and how uncertain ---------------------------------------------------------------


def expected_admissions(per_year: int | None, days: int) -> float | None:
    """The admissions a baseline year's rate gives over `days` days; None with no baseline (cannot be given)."""
    if per_year is None or per_year <= 0 or days <= 0:
        return None
    return per_year * days / DAYS_IN_A_YEAR


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean), summed in logs from the terms that matter (the rest are below 1e-30)."""
    if k < 0:
        return 0.0
    if mean <= 0:
        return 1.0
    spread = 12 * math.sqrt(mean) + 12
    first = max(0, math.floor(mean - spread))
    if k < first:
        first = max(0, k - math.ceil(spread))
    log_mean = math.log(mean)
    terms = [math.exp(i * log_mean - mean - math.lgamma(i + 1)) for i in range(first, k + 1)]
    return min(math.fsum(terms), 1.0)


def _root(gap: Callable[[float], float], low: float, high: float) -> float:
    """The mean m in [low, high] where gap(m) = 0, gap being monotone with opposite signs at the ends: regula falsi
    (the Illinois variant), which needs a few evaluations of the Poisson distribution where halving needs thirty."""
    gap_low, gap_high = gap(low), gap(high)
    if gap_low == 0:
        return low
    if gap_high == 0:
        return high
    side = 0
    for _ in range(100):
        middle = (low * gap_high - high * gap_low) / (gap_high - gap_low)
        gap_middle = gap(middle)
        if abs(gap_middle) < 1e-12 or high - low <= 1e-9 * max(1.0, high):
            return middle
        if (gap_middle > 0) == (gap_high > 0):
            high, gap_high = middle, gap_middle
            if side == 1:
                gap_low /= 2
            side = 1
        else:
            low, gap_low = middle, gap_middle
            if side == -1:
                gap_high /= 2
            side = -1
    return middle


def poisson_interval(count: int, confidence: float = 0.95) -> Interval:
    """The exact (Garwood) interval for a Poisson count: the means for which seeing `count` or a more extreme
    count has at least (1 - confidence) / 2 chance on each side. Same as chi-squared quantiles / 2."""
    if count < 0:
        raise ValueError("A count is never negative")
    tail = (1 - confidence) / 2
    reach = 6 * math.sqrt(count + 1) + 6  # both ends lie within about 2 standard deviations of the count
    # The upper end: the mean at which P(X <= count) falls to the tail.
    high = _root(lambda m: poisson_cdf(count, m) - tail, float(count), count + reach)
    if count == 0:
        return Interval(0.0, high)
    # The lower end: the mean at which P(X >= count) = 1 - P(X <= count - 1) rises to the tail.
    low = _root(lambda m: tail - (1 - poisson_cdf(count - 1, m)), max(count - reach, 1e-12), float(count))
    return Interval(low, high)


@dataclass(frozen=True)
class Deflection:
    avoided: int
    expected: float
    share: float
    interval: Interval  # of the share, from the count's interval
    target: float

    @property
    def verdict(self) -> str:
        """'above', 'below' or 'unclear': whether the whole interval is above or below the target."""
        if self.interval.low > self.target:
            return "above"
        if self.interval.high < self.target:
            return "below"
        return "unclear"


def deflection(avoided_count: int, expected: float | None, target: float) -> Deflection | None:
    """Admissions avoided as a share of those expected, with its 95% interval; None with no baseline."""
    if expected is None or expected <= 0:
        return None
    count = poisson_interval(avoided_count)
    return Deflection(
        avoided=avoided_count,
        expected=expected,
        share=avoided_count / expected,
        interval=Interval(count.low / expected, count.high / expected),
        target=target,
    )


# --- months, for the export ---------------------------------------------------------------------------------------


def months(first: date, last: date) -> list[tuple[date, date]]:
    """The calendar months the period touches, each cut to the period: (first day, last day)."""
    found = []
    start = first
    while start <= last:
        next_month = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(next_month - timedelta(days=1), last)
        found.append((start, end))
        start = next_month
    return found


def last_thursday(first: date, last: date) -> date | None:
    """The last Thursday from `first` to `last` (the SitRep's snapshot day), or None if there is none."""
    day = last - timedelta(days=(last.weekday() - 3) % 7)
    return day if day >= first else None
