"""What a writer is offered while writing, and what they took: pure, no Django, no database.

Each offer (a suggestion of words that carry hope, or a nudge to write out an ambiguous abbreviation) has a short
key that names the entry it comes from, not the words written: "refuses" and "refused" are one offer. The page
keeps the keys of the offers shown while writing (a hidden input the check fills in); on saving, an offer shown is
taken when it no longer turns up in the words saved. Counts only: the keys name list entries, never the text.
"""

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .checking import Rules, Suggestion, suggestions
from .expanding import Ambiguous, ambiguous

LONGEST = 50_000  # characters checked at once: a longer text is not checked as it is typed
MOST_KEPT = 40  # offers remembered per field: more than any one text needs, so a forged list cannot inflate counts
KEY = re.compile(r"^[0-9a-f]{12}$")


@dataclass(frozen=True)
class Offer:
    """One thing offered to the writer: the words found, what to write instead, and why."""

    key: str
    start: int
    end: int
    found: str
    instead: str
    why: str
    ambiguous: bool = False


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def from_suggestion(s: Suggestion) -> Offer:
    return Offer(_key("hope", s.suggestion, s.why), s.start, s.end, s.term, s.suggestion, s.why)


def from_ambiguous(a: Ambiguous) -> Offer:
    meanings = " or ".join(a.meanings) if len(a.meanings) < 3 else ", ".join(a.meanings[:-1]) + " or " + a.meanings[-1]
    return Offer(
        _key("abbreviation", a.abbreviation.upper()),
        a.start,
        a.end,
        a.abbreviation,
        "the words in full",
        f"‘{a.abbreviation}’ could mean {meanings}: write it out so everyone reads it the same way",
        ambiguous=True,
    )


def offers(text: str, rules: Rules | None = None, local_terms: Mapping[str, str] | None = None) -> list[Offer]:
    """Everything offered for `text`, in the order it is written; nothing for a text too long to check. `rules`: the
    list of words that carry hope in force (the shipped one when None); `local_terms`: the writer's area's own
    abbreviations, which are not ambiguous there."""
    if not text or len(text) > LONGEST:
        return []
    found = [from_suggestion(s) for s in suggestions(text, rules)]
    found += [from_ambiguous(a) for a in ambiguous(text, local_terms)]
    return sorted(found, key=lambda offer: (offer.start, offer.end))


def kept(raw: str | None) -> list[str]:
    """The keys a page kept, as sent back: well-formed ones only, each once, at most MOST_KEPT."""
    seen: list[str] = []
    for key in (raw or "").split():
        if KEY.match(key) and key not in seen:
            seen.append(key)
    return seen[:MOST_KEPT]


def shown_after(previous: list[str], now: list[Offer]) -> list[str]:
    """The keys shown so far: those shown before and those shown now, each once."""
    return kept(" ".join([*previous, *(offer.key for offer in now)]))


@dataclass(frozen=True)
class Tally:
    shown: int
    taken: int


def tally(shown: list[str], saved: list[Offer]) -> Tally:
    """Of the offers shown while writing, how many the writer took: those that no longer turn up in the words
    saved. Taken never exceeds shown."""
    still = {offer.key for offer in saved}
    keys = kept(" ".join(shown))
    return Tally(len(keys), sum(1 for key in keys if key not in still))
