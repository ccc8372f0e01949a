"""Telling it once: is the person a referral describes someone we already know?

An NHS number that matches, with the date of birth or family name agreeing, is the same person. Anything else
is evidence, not proof: candidates are ranked by how much of name, date of birth and postcode agree, and a triage
officer decides. What the officer sees of a candidate is how each detail compares ("Same date of birth", "Postcode
differs"), never the detail itself (ADR 0016). Nothing here merges or creates anyone.
Pure functions: no database.
"""

import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from enum import StrEnum
from typing import cast

# Points for each kind of agreement. A candidate needs LISTED points to be shown at all.
SAME_NHS_NUMBER = 50
SAME_BIRTH_DATE = 40
CLOSE_BIRTH_DATE = 15
SAME_FAMILY_NAME = 25
SIMILAR_FAMILY_NAME = 15
SAME_GIVEN_NAME = 15
SIMILAR_GIVEN_NAME = 8
SAME_INITIAL = 3
SAME_POSTCODE = 20
SAME_POSTCODE_DISTRICT = 5
LISTED = 40
SIMILAR = 0.8  # how alike two names must be (difflib ratio) to count as similar


@dataclass(frozen=True)
class Details:
    """Who someone is, as far as matching goes: from a referral, or from a person record (with `person_id`)."""

    given_name: str
    family_name: str
    birth_date: date | None
    postcode: str = ""
    nhs_number: str = ""
    person_id: int | None = None


class Agreement(StrEnum):
    SAME = "same"
    CLOSE = "close"  # nearly the same date of birth, a similar name or the same first initial, the postcode area
    DIFFERENT = "different"
    NOT_KNOWN = "not known"  # missing from the referral or from the record


@dataclass(frozen=True)
class Comparison:
    """How one detail of a known person compares with the referral. `words` come from a fixed list
    (`VOCABULARY`), so they say whether the detail agrees without ever giving the person's own value."""

    detail: str
    agreement: Agreement
    words: str
    points: int = 0


@dataclass(frozen=True)
class Candidate:
    person_id: int
    score: int
    comparisons: tuple[Comparison, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        """What agrees, in words: the comparisons that earned points."""
        return tuple(c.words for c in self.comparisons if c.points)


def name_key(name: str) -> str:
    """A name compared without case, accents, spaces, hyphens or apostrophes: "O'Brien-Smith" is "obriensmith"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalpha())


def postcode_key(postcode: str) -> str:
    return "".join(postcode.upper().split())


def district(postcode: str) -> str:
    """The outward code ("NV1" of "NV1 2AB"); empty if the postcode is too short to tell."""
    key = postcode_key(postcode)
    return key[:-3] if len(key) >= 5 else ""


def close_birth_dates(day: date) -> list[date]:
    """Dates a slip of the pen away: day and month swapped, or the year one out."""
    close = set()
    if day.day <= 12 and day.day != day.month:
        close.add(date(day.year, day.day, day.month))
    for year in (day.year - 1, day.year + 1):
        with suppress(ValueError):  # 29 February in a year without one
            close.add(day.replace(year=year))
    return sorted(close)


def is_exact(sought: Details, known: Details) -> bool:
    """The same NHS number, and the date of birth or family name agrees: this is the same person."""
    if not sought.nhs_number or sought.nhs_number != known.nhs_number:
        return False
    same_birth = sought.birth_date is not None and sought.birth_date == known.birth_date
    return same_birth or name_key(sought.family_name) == name_key(known.family_name)


def _alike(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


NHS_NUMBER, BIRTH_DATE, FAMILY_NAME, GIVEN_NAME, POSTCODE = (
    "NHS number",
    "date of birth",
    "family name",
    "first name",
    "postcode",
)
DETAILS = (NHS_NUMBER, BIRTH_DATE, FAMILY_NAME, GIVEN_NAME, POSTCODE)  # in the order they are shown

# Every phrase a comparison can use. None holds a value from anyone's record.
PHRASES: dict[tuple[str, Agreement], str] = {
    (NHS_NUMBER, Agreement.SAME): "NHS number matches",
    (BIRTH_DATE, Agreement.SAME): "Same date of birth",
    (BIRTH_DATE, Agreement.CLOSE): "Date of birth nearly the same",
    (FAMILY_NAME, Agreement.SAME): "Same family name",
    (FAMILY_NAME, Agreement.CLOSE): "Similar family name",
    (GIVEN_NAME, Agreement.SAME): "Same first name",
    (GIVEN_NAME, Agreement.CLOSE): "Similar first name",
    (POSTCODE, Agreement.SAME): "Same postcode",
    (POSTCODE, Agreement.CLOSE): "Same postcode area",
    **{(d, Agreement.DIFFERENT): f"{d[0].upper()}{d[1:]} differs" for d in DETAILS},
    **{(d, Agreement.NOT_KNOWN): f"{d[0].upper()}{d[1:]} not known" for d in DETAILS},
}
SAME_INITIAL_WORDS = "Same first initial"  # the weaker kind of close first name
VOCABULARY = frozenset(PHRASES.values()) | {SAME_INITIAL_WORDS}


def _compared(detail: str, agreement: Agreement, points: int = 0, words: str = "") -> Comparison:
    return Comparison(detail, agreement, words or PHRASES[detail, agreement], points)


def _nhs_number(sought: Details, known: Details) -> Comparison:
    if not sought.nhs_number or not known.nhs_number:
        return _compared(NHS_NUMBER, Agreement.NOT_KNOWN)
    if sought.nhs_number == known.nhs_number:
        return _compared(NHS_NUMBER, Agreement.SAME, SAME_NHS_NUMBER)
    return _compared(NHS_NUMBER, Agreement.DIFFERENT)


def _birth_date(sought: Details, known: Details) -> Comparison:
    if not sought.birth_date or not known.birth_date:
        return _compared(BIRTH_DATE, Agreement.NOT_KNOWN)
    if sought.birth_date == known.birth_date:
        return _compared(BIRTH_DATE, Agreement.SAME, SAME_BIRTH_DATE)
    if known.birth_date in close_birth_dates(sought.birth_date):
        return _compared(BIRTH_DATE, Agreement.CLOSE, CLOSE_BIRTH_DATE)
    return _compared(BIRTH_DATE, Agreement.DIFFERENT)


def _family_name(sought: Details, known: Details) -> Comparison:
    a, b = name_key(sought.family_name), name_key(known.family_name)
    if not a or not b:
        return _compared(FAMILY_NAME, Agreement.NOT_KNOWN)
    if a == b:
        return _compared(FAMILY_NAME, Agreement.SAME, SAME_FAMILY_NAME)
    if _alike(a, b) >= SIMILAR:
        return _compared(FAMILY_NAME, Agreement.CLOSE, SIMILAR_FAMILY_NAME)
    return _compared(FAMILY_NAME, Agreement.DIFFERENT)


def _given_name(sought: Details, known: Details) -> Comparison:
    a, b = name_key(sought.given_name), name_key(known.given_name)
    if not a or not b:
        return _compared(GIVEN_NAME, Agreement.NOT_KNOWN)
    if a == b:
        return _compared(GIVEN_NAME, Agreement.SAME, SAME_GIVEN_NAME)
    if _alike(a, b) >= SIMILAR or b.startswith(a):
        return _compared(GIVEN_NAME, Agreement.CLOSE, SIMILAR_GIVEN_NAME)
    if a[0] == b[0]:
        return _compared(GIVEN_NAME, Agreement.CLOSE, SAME_INITIAL, SAME_INITIAL_WORDS)
    return _compared(GIVEN_NAME, Agreement.DIFFERENT)


def _postcode(sought: Details, known: Details) -> Comparison:
    a, b = postcode_key(sought.postcode), postcode_key(known.postcode)
    if not a or not b:
        return _compared(POSTCODE, Agreement.NOT_KNOWN)
    if a == b:
        return _compared(POSTCODE, Agreement.SAME, SAME_POSTCODE)
    if district(a) and district(a) == district(b):
        return _compared(POSTCODE, Agreement.CLOSE, SAME_POSTCODE_DISTRICT)
    return _compared(POSTCODE, Agreement.DIFFERENT)


def compare(sought: Details, known: Details) -> tuple[Comparison, ...]:
    """Each detail of a known person against the referral, in the order they are shown."""
    return tuple(check(sought, known) for check in (_nhs_number, _birth_date, _family_name, _given_name, _postcode))


def score(sought: Details, known: Details) -> Candidate:
    comparisons = compare(sought, known)
    person_id = cast(int, known.person_id)  # a person record's details carry its id (tests may score details alone)
    return Candidate(person_id, sum(c.points for c in comparisons), comparisons)


def rank(sought: Details, known: list[Details], limit: int = 5) -> list[Candidate]:
    """The people worth a triage officer's look, best first (ties by person id, so the order is stable)."""
    scored = [score(sought, k) for k in known]
    listed = [c for c in scored if c.score >= LISTED]
    return sorted(listed, key=lambda c: (-c.score, c.person_id))[:limit]
