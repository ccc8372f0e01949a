"""Finding who can help: what a search asks for, read from the search form, and the words the results are shown in.
Plain Python: no Django here (finding_queries.py asks the database; views_finding.py is the pages).

A search may ask for any of: a need (a taxonomy term, which includes the needs under it), words (each must be
found, a slip or two forgiven), a postcode (nearest first, and perhaps only within a distance), a day of the week
or "open now", an age, and free services only. Nothing is required: with nothing asked, every open service is
listed by name.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from .places import NORTHVALE, Point, tidy, where

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DISTANCES = [1, 2, 5, 10]  # miles, the choices offered
MAX_WORDS = 6
MAX_TEXT = 100
MAX_AGE = 120
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


@dataclass(frozen=True)
class Search:
    need: str = ""  # a taxonomy term's id, as the form sends it
    words: tuple[str, ...] = ()
    postcode: str = ""  # tidied, when one was given and is known
    place: Point | None = None
    within: int | None = None  # miles
    day: int | None = None  # 0 Monday .. 6 Sunday
    now: datetime | None = None  # set when asking what is open now
    age: int | None = None
    free: bool = False
    page: int = 1

    @property
    def asked(self) -> bool:
        """Whether anything at all was asked (a search with nothing asked lists everything)."""
        return bool(self.need or self.words or self.place or self.day is not None or self.age is not None or self.free)


@dataclass(frozen=True)
class Reading:
    """What was made of a filled-in search form: the search, and anything that could not be understood, by field."""

    search: Search
    errors: dict[str, str] = field(default_factory=dict)


def words_of(text: str) -> tuple[str, ...]:
    """The words to look for: lower case, letters and digits, two characters or more, at most MAX_WORDS."""
    found = re.findall(r"[^\W_]{2,}", text[:MAX_TEXT].lower())
    return tuple(dict.fromkeys(found))[:MAX_WORDS]


def read(params: Mapping[str, str], now: datetime, districts: dict[str, Point] = NORTHVALE) -> Reading:
    """Read the search form's fields (as sent, perhaps nonsense) into a Search, and say what could not be read."""
    errors: dict[str, str] = {}

    def get(name: str) -> str:
        return (params.get(name) or "").strip()

    postcode, place = "", None
    typed = get("postcode")
    if typed:
        tidied = tidy(typed)
        place = where(typed, districts)
        if tidied is None:
            errors["postcode"] = "Enter a postcode, like NV3 7QT, or just its first part, like NV3"
        elif place is None:
            errors["postcode"] = f"We do not know where {tidied} is. Try a postcode in Northvale, like NV3 7QT"
        else:
            postcode = tidied

    within = None
    if get("within"):
        try:
            within = int(get("within"))
        except ValueError:
            within = None
        if within not in DISTANCES:
            within = None
        elif not typed:
            errors["postcode"] = "Enter a postcode to find services within a distance of it"

    day, when = None, None
    chosen = get("day")
    if chosen == "now":
        day, when = now.weekday(), now
    elif chosen in [name.lower() for name in DAY_NAMES]:
        day = [name.lower() for name in DAY_NAMES].index(chosen)

    age = None
    if get("age"):
        try:
            age = int(get("age"))
        except ValueError:
            age = -1
        if not 0 <= age <= MAX_AGE:
            errors["age"] = "Enter an age in years, as a number, like 70"
            age = None

    try:
        page = max(1, min(int(get("page") or 1), 10_000))
    except ValueError:
        page = 1

    need = get("need")
    if not re.fullmatch(r"[0-9a-fA-F-]{32,36}", need):
        need = ""
    search = Search(
        need=need.lower(),
        words=words_of(get("words")),
        postcode=postcode,
        place=place,
        within=within if place else None,
        day=day,
        now=when,
        age=age,
        free=get("free") == "yes",
        page=page,
    )
    return Reading(search, errors)


def day_pattern(day: int, on: date | None = None) -> str:
    """A regular expression matching a schedule's `byday` (iCalendar days: "MO,WE", "1TU", "-1FR") when it is open
    on that day of the week: any week of the month, or, given the date `on`, only the weeks of the month it is."""
    code = DAYS[day]
    if on is None:
        return rf"(^|,)(-?[0-9])?{code}(,|$)"
    nth = (on.day - 1) // 7 + 1
    last = on.day + 7 > _days_in_month(on)
    weeks = [str(nth)] + (["-1"] if last else [])
    return rf"(^|,)({'|'.join(weeks)})?{code}(,|$)"


def _days_in_month(on: date) -> int:
    following = date(on.year + on.month // 12, on.month % 12 + 1, 1)
    return (following - date(on.year, on.month, 1)).days


def open_on(byday: str, day: int, on: date | None = None) -> bool:
    """Whether a schedule's days include this day of the week (or this date's place in its month): the rule
    `day_pattern` gives the database, for the same answer in Python."""
    return re.search(day_pattern(day, on), byday) is not None


def time_words(at: time) -> str:
    """10am, 2:30pm, 12 noon."""
    if at.hour == 12 and at.minute == 0:
        return "12 noon"
    hour = at.hour % 12 or 12
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes}{'am' if at.hour < 12 else 'pm'}"


def days_words(byday: str) -> str:
    """ "MO,WE" as "Mondays and Wednesdays", "1TU" as "The first Tuesday of the month", weekdays as "Monday to
    Friday"."""
    parts = [p for p in byday.split(",") if p]
    if [p for p in parts] == DAYS[:5]:
        return "Monday to Friday"
    if parts == DAYS:
        return "Every day"
    words = []
    for part in parts:
        found = re.fullmatch(r"(-?[0-9])?([A-Z]{2})", part)
        if found is None or found.group(2) not in DAYS:
            continue
        name = DAY_NAMES[DAYS.index(found.group(2))]
        nth = int(found.group(1)) if found.group(1) else None
        words.append(f"the {ORDINALS.get(nth, f'{nth}th')} {name} of the month" if nth else f"{name}s")
    if not words:
        return ""
    said = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return said[0].upper() + said[1:]


def opening_words(byday: str, opens: time | None, closes: time | None, description: str = "") -> str:
    """When a schedule says it is open, in words: "Mondays and Wednesdays, 10am to 2pm"."""
    days = days_words(byday) or description
    hours = f"{time_words(opens)} to {time_words(closes)}" if opens and closes else ""
    return ", ".join(part for part in (days, hours) if part)


def cost_words(amounts: list[tuple[Decimal | None, str]]) -> str:
    """What a service costs from its cost options (amount, words): "Free" when nothing costs more than nothing."""
    paid = [(amount, words) for amount, words in amounts if amount is not None and amount > 0]
    if not paid:
        return "Free"
    amount, words = min(paid, key=lambda pair: pair[0] or 0)
    return words if words and words != "Free" else f"£{amount:.2f}"


def distance_words(miles: float) -> str:
    """How far, in words a searcher reads at a glance."""
    if miles < 0.5:
        return "Less than half a mile away"
    if miles < 1.05:
        return "About 1 mile away"
    return f"About {miles:.1f} miles away"


def ages_words(minimum: int | None, maximum: int | None) -> str:
    """Who it is for by age, or "" when anyone."""
    if minimum is not None and maximum is not None:
        return f"For ages {minimum} to {maximum}"
    if minimum is not None:
        return f"For people aged {minimum} and over"
    if maximum is not None:
        return f"For people aged up to {maximum}"
    return ""


def allows_age(minimum: int | None, maximum: int | None, age: int) -> bool:
    """Whether a service is for someone of this age (the rule the database is given, for the same answer here)."""
    return (minimum is None or minimum <= age) and (maximum is None or age <= maximum)
