"""Plain words: health and social care abbreviations expanded for readers who are not clinicians (volunteers, the
person, their family), as "the words (ABBR)". Pure: no Django, no database.

SKELETON (issue 16): the interface is fixed here; the glossary and the fast expander come next.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Ambiguous:
    start: int
    end: int
    abbreviation: str
    meanings: tuple[str, ...]  # what it could mean, for a writer nudged to write it out


def expand(text: str, local_terms: dict[str, str] | None = None) -> str:
    """`text` with each known abbreviation written out as "the words (ABBR)"; ambiguous ones are left as written.
    `local_terms` (abbreviation -> words) are an area's own, added by its administrators, and win over the glossary."""
    return text


def ambiguous(text: str) -> list[Ambiguous]:
    """The abbreviations in `text` that could mean more than one thing, for nudging the writer to spell them out."""
    return []
