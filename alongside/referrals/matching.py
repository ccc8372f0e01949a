"""Telling it once: is the person a referral describes someone we already know?

An NHS number that matches, with the date of birth or family name agreeing, is the same person. Anything else
is evidence, not proof: candidates are ranked by how much of name, date of birth and postcode agree, with the
reasons shown, and a triage officer decides. Nothing here merges or creates anyone.
Pure functions: no database.
"""

import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

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


@dataclass(frozen=True)
class Candidate:
    person_id: int
    score: int
    reasons: tuple[str, ...]


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


def score(sought: Details, known: Details) -> Candidate:
    points, reasons = 0, []
    if sought.nhs_number and sought.nhs_number == known.nhs_number:
        points += SAME_NHS_NUMBER
        reasons.append("same NHS number")
    if sought.birth_date and known.birth_date:
        if sought.birth_date == known.birth_date:
            points += SAME_BIRTH_DATE
            reasons.append("same date of birth")
        elif known.birth_date in close_birth_dates(sought.birth_date):
            points += CLOSE_BIRTH_DATE
            reasons.append("date of birth nearly the same")
    family_a, family_b = name_key(sought.family_name), name_key(known.family_name)
    if family_a and family_a == family_b:
        points += SAME_FAMILY_NAME
        reasons.append("same family name")
    elif _alike(family_a, family_b) >= SIMILAR:
        points += SIMILAR_FAMILY_NAME
        reasons.append("similar family name")
    given_a, given_b = name_key(sought.given_name), name_key(known.given_name)
    if given_a and given_a == given_b:
        points += SAME_GIVEN_NAME
        reasons.append("same first name")
    elif _alike(given_a, given_b) >= SIMILAR or (given_a and given_b and given_b.startswith(given_a)):
        points += SIMILAR_GIVEN_NAME
        reasons.append("similar first name")
    elif given_a[:1] and given_a[:1] == given_b[:1]:
        points += SAME_INITIAL
        reasons.append("same first initial")
    if sought.postcode and postcode_key(sought.postcode) == postcode_key(known.postcode):
        points += SAME_POSTCODE
        reasons.append("same postcode")
    elif district(sought.postcode) and district(sought.postcode) == district(known.postcode):
        points += SAME_POSTCODE_DISTRICT
        reasons.append("same postcode area")
    return Candidate(known.person_id, points, tuple(reasons))


def rank(sought: Details, known: list[Details], limit: int = 5) -> list[Candidate]:
    """The people worth a triage officer's look, best first (ties by person id, so the order is stable)."""
    scored = [score(sought, k) for k in known]
    listed = [c for c in scored if c.score >= LISTED]
    return sorted(listed, key=lambda c: (-c.score, c.person_id))[:limit]
