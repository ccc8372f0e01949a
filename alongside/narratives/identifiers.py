"""A simple check of a de-identified story for words that may still say who someone is: names (capitalised words
inside a sentence), phone numbers, postcodes, email addresses, dates and NHS numbers. Phone numbers, NHS numbers,
postcodes and email addresses always say who someone is, so they BLOCK saving until taken out; names and dates it
only warns about, and a person decides. Pure: it reads no person record, so it knows no names; it looks at the
shape of words."""

import re
from dataclasses import dataclass

# Capitalised words that are not names, so are not flagged when they start no sentence.
COMMON = frozenset(
    """I I'm I've I'd I'll OK NHS GP A&E Mum Dad Nan Grandad Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Christmas Easter English British God Mr Mrs Ms Dr""".split()
)
NAMED_KIND = {
    "name": "a name",
    "phone": "a phone number",
    "postcode": "a postcode",
    "date": "a date",
    "nhs_number": "an NHS number",
    "email": "an email address",
}
# Kinds no tick overrides: they must be taken out.
BLOCKING = frozenset({"phone", "nhs_number", "postcode", "email"})
MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
PATTERNS = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("nhs_number", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
    ("phone", re.compile(r"(?<![\w+])(?:\+44\s?|0)\d(?:[ -]?\d){8,9}\b")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)),
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})[a-z]*\b",
            re.IGNORECASE,
        ),
    ),
)
WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")
SENTENCE_END = re.compile(r"[.!?:\n\"“]\s*$")


@dataclass(frozen=True)
class Found:
    kind: str  # a key of NAMED_KIND
    text: str  # the words as written
    start: int  # where in the text

    @property
    def described(self) -> str:
        return NAMED_KIND[self.kind]

    @property
    def blocks(self) -> bool:
        return self.kind in BLOCKING


def blocking(found: list[Found]) -> list[Found]:
    return [f for f in found if f.blocks]


def warning(found: list[Found]) -> list[Found]:
    return [f for f in found if not f.blocks]


def possible_identifiers(text: str) -> list[Found]:
    """Everything in the text that may say who someone is, in the order it appears, each once."""
    found: list[Found] = []
    taken: list[range] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if not any(_overlaps(span, other) for other in taken):
                taken.append(span)
                found.append(Found(kind, match.group(), match.start()))
    for match in WORD.finditer(text):
        word = match.group()
        if word[0].isupper() and word not in COMMON and not _starts_sentence(text, match.start()):
            span = range(match.start(), match.end())
            if not any(_overlaps(span, other) for other in taken):
                found.append(Found("name", word, match.start()))
    return sorted(found, key=lambda f: f.start)


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at]
    return not before.strip() or bool(SENTENCE_END.search(before))


def _overlaps(a: range, b: range) -> bool:
    return a.start < b.stop and b.start < a.stop
