"""The best times to visit or see someone, as they said: days of the week and parts of the day. Which offered
times fit them, putting those first, and saying so in words. Plain functions; nothing here reads the database.

Nothing chosen means any: a person who chose mornings only is happy any day of the week, in the morning.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})
# Parts of the day by the hour a time starts: mornings until noon, afternoons until 5pm, evenings after.
PARTS = {"morning": (0, 12), "afternoon": (12, 17), "evening": (17, 24)}
PART_NAMES = {"morning": "mornings", "afternoon": "afternoons", "evening": "evenings"}


@dataclass(frozen=True)
class Preferred:
    days: frozenset[int] = frozenset()  # 0 Monday to 6 Sunday; empty: any day
    parts: frozenset[str] = frozenset()  # "morning", "afternoon", "evening"; empty: any time of day
    words: str = ""

    @property
    def stated(self) -> bool:
        """Whether there is a day or a part of the day to go by (words alone cannot rank times)."""
        return bool(self.days or self.parts)


def part_of_day(moment: datetime) -> str:
    return next(name for name, (start, end) in PARTS.items() if start <= moment.hour < end)


def fits(preferred: Preferred, moment: datetime) -> bool:
    """Whether a time (as the clock on the wall reads it) is on a preferred day and in a preferred part of it."""
    day_ok = not preferred.days or moment.weekday() in preferred.days
    part_ok = not preferred.parts or part_of_day(moment) in preferred.parts
    return day_ok and part_ok


def rank[T](items: Iterable[T], preferred: Preferred, when: Callable[[T], datetime]) -> list[T]:
    """The items whose time fits first, then the rest; each group in the order given (soonest first, usually)."""
    items = list(items)
    if not preferred.stated:
        return items
    return [i for i in items if fits(preferred, when(i))] + [i for i in items if not fits(preferred, when(i))]


def ranges(preferred: Preferred, first_day: date, days: int = 7) -> tuple[tuple[datetime, datetime], ...]:
    """The preferred times over `days` days from `first_day`, as (start, until) clock times, until excluded: what
    the week's plan weighs. Nothing when no day or part of the day was chosen (then every time is alike)."""
    if not preferred.stated:
        return ()
    parts = [PARTS[p] for p in PARTS if p in preferred.parts] or [(0, 24)]
    out = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if preferred.days and day.weekday() not in preferred.days:
            continue
        midnight = datetime.combine(day, time.min)
        out += [(midnight + timedelta(hours=start), midnight + timedelta(hours=end)) for start, end in parts]
    return tuple(out)


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def days_text(days: frozenset[int]) -> str:
    """'weekdays', 'weekends', 'Mondays and Thursdays', 'weekdays and Saturdays'."""
    if not days or days == WEEKDAYS | WEEKEND:
        return ""
    parts = []
    rest = set(days)
    if rest >= WEEKDAYS:
        parts.append("weekdays")
        rest -= WEEKDAYS
    if rest >= WEEKEND:
        parts.append("weekends")
        rest -= WEEKEND
    parts += [f"{DAY_NAMES[d]}s" for d in sorted(rest)]
    return _join(parts)


def phrase(preferred: Preferred) -> str:
    """In words, within a sentence: 'weekday mornings', 'mornings and afternoons on Mondays and Fridays',
    'evenings', 'Tuesdays'; '' when nothing is chosen."""
    day_words = days_text(preferred.days)
    part_words = [PART_NAMES[p] for p in PARTS if p in preferred.parts]
    if len(part_words) == len(PARTS):
        part_words = []
    if not part_words:
        return day_words
    parts_text = _join(part_words)
    if not day_words:
        return parts_text
    if day_words in ("weekdays", "weekends") and len(part_words) == 1:
        return f"{day_words[:-1]} {part_words[0]}"  # "weekday mornings"
    return f"{parts_text} on {day_words}"


def describe(preferred: Preferred) -> str:
    """The phrase as a sentence starts: 'Weekday mornings'."""
    text = phrase(preferred)
    return text[:1].upper() + text[1:]


def fits_text(name: str, preferred: Preferred) -> str:
    """'Fits Ada's preferred times: weekday mornings'."""
    return f"Fits {name}'s preferred times: {phrase(preferred)}"


def outside_text(name: str, preferred: Preferred) -> str:
    """'Outside Ada's preferred times (weekday mornings)'."""
    return f"Outside {name}'s preferred times ({phrase(preferred)})"
