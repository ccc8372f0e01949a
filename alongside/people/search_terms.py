"""Reading a search query into its parts: names and initials, an NHS number whole or begun, dates and years of
birth, and postcodes whole or in part, in any order (see `alongside.people.search` for how they are matched).

Pure: no Django and no database, so it can be tested on any text. Each part found is taken out of the text before
the next is looked for; what cannot be used is said kindly in `Terms.problems`.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import nhs_number

from alongside.core.numbers import ascii_digits

MAX_QUERY = 200

TOO_SHORT = "Enter at least 2 letters of a name, a date of birth (for example 12/03/1941), an NHS number or a postcode"

MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
NHS_NUMBER = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
DATES = [  # (pattern, order of day, month and year in its groups)
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), (3, 2, 1)),
    (re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)"), (1, 2, 3)),
    (re.compile(r"(?<!\d)(\d{1,2}) (\d{1,2}) (\d{4})(?!\d)"), (1, 2, 3)),
    (
        re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)? ((?:{'|'.join(MONTHS)})[a-z]*)\.?,? (\d{{4}})(?!\d)", re.I),
        (1, 2, 3),
    ),
    (re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)"), (1, 2, 3)),
]
POSTCODE = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?) ?(\d[a-z]{2})\b", re.I)
POSTCODE_SECTOR = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?) (\d)(?![\w/.-])", re.I)
POSTCODE_OUTWARD = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?)\b", re.I)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
DIGITS = re.compile(r"\d+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class Terms:
    """What a query asks for, read from the words typed."""

    names: list[str] = field(default_factory=list)  # lower case, two letters or more
    initials: list[str] = field(default_factory=list)
    nhs_number: str | None = None  # all ten digits
    nhs_prefix: str | None = None  # the start of one
    birth_dates: list[date] = field(default_factory=list)
    birth_years: list[int] = field(default_factory=list)
    postcodes: list[tuple[str, int | None]] = field(default_factory=list)  # start, and the whole length if known
    problems: list[str] = field(default_factory=list)  # parts that could not be used, said kindly

    @property
    def selective(self) -> bool:
        """Enough to search on: anything but initials alone."""
        return bool(
            self.names or self.nhs_number or self.nhs_prefix or self.birth_dates or self.birth_years or self.postcodes
        )

    @property
    def uses_identity(self) -> bool:
        return bool(self.nhs_number or self.nhs_prefix or self.birth_dates or self.birth_years)


def _a_date(day: str, month: str, year: str, today: date) -> date | None:
    if not month.isdigit():
        month = str(MONTHS.index(month[:3].lower()) + 1)
    number = int(year)
    if len(year) == 2:  # 12/03/41 is 1941; 12/03/19 is 2019
        number += 2000 if 2000 + number <= today.year else 1900
    try:
        found = date(number, int(month), int(day))
    except ValueError:
        return None
    return found if date(1880, 1, 1) <= found <= today else None


def tidy(query: str) -> str:
    """The query as it is searched and shown: spaces collapsed, at most MAX_QUERY characters."""
    return " ".join(query.split())[:MAX_QUERY]


def parse(query: str, today: date) -> Terms:
    """Read a query into its parts, as of `today` (no date of birth after it). Each part found is taken out of the
    text before the next is looked for."""
    terms = Terms()
    text = f" {ascii_digits(tidy(query))} "  # an NHS number or date typed on any keyboard, read as 0-9

    def take(match: re.Match[str]) -> str:
        nonlocal text
        text = text[: match.start()] + " " + text[match.end() :]
        return match.group(0).strip()

    while match := NHS_NUMBER.search(text):
        typed = take(match)
        number = "".join(match.groups())
        if terms.nhs_number and terms.nhs_number != number:
            terms.problems.append("Enter only one NHS number")
        terms.nhs_number = number
        if not valid_nhs_number(number):
            terms.problems.append(f"{typed} is not a valid NHS number: check the digits")
    for pattern, (d, m, y) in DATES:
        while match := pattern.search(text):
            typed = take(match)
            found = _a_date(match.group(d), match.group(m), match.group(y), today)
            if found:
                terms.birth_dates.append(found)
            else:
                terms.problems.append(f"{typed} is not a date of birth: enter it as day, month and year")
    while match := POSTCODE.search(text):
        take(match)
        terms.postcodes.append(((match.group(1) + match.group(2)).upper(), None))
    while match := POSTCODE_SECTOR.search(text):
        take(match)
        outward, sector = match.group(1).upper(), match.group(2)
        terms.postcodes.append((outward + sector, len(outward) + 3))
    while match := POSTCODE_OUTWARD.search(text):
        if not any(c.isdigit() for c in match.group(1)):
            break
        take(match)
        outward = match.group(1).upper()
        terms.postcodes.append((outward, len(outward) + 3))
    while match := YEAR.search(text):
        take(match)
        year = int(match.group(1))
        if year <= today.year:
            terms.birth_years.append(year)
    digits = "".join(DIGITS.findall(text))
    text = DIGITS.sub(" ", text)
    if len(digits) == 10 and not terms.nhs_number:
        terms.nhs_number = digits
    elif 4 <= len(digits) < 10 and not terms.nhs_number:
        terms.nhs_prefix = digits
    elif digits:
        terms.problems.append(f"{digits} is not a date of birth or an NHS number, so it was left out")
    for word in WORD.findall(text.lower()):
        (terms.initials if len(word) == 1 else terms.names).append(word)
    return terms


def valid_nhs_number(digits: str) -> bool:
    """The NHS number's check digit is right (the nhs_number library's answer)."""
    return bool(nhs_number.is_valid(digits))  # type: ignore[attr-defined]  # the library exports it untyped
