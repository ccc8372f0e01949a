"""Plain words: health and social care abbreviations expanded for readers who are not clinicians (volunteers, the
person, their family), as "the words (ABBR)". Pure: no Django, no database.

The glossary ships as data/glossary.json (`shipped()`); an area's administrators add local terms, which win over
it. Every abbreviation goes into one regular expression, built as a trie (alongside.language.trie) once for each
glossary and set of local terms and cached, so a note is read once. Abbreviations match as written (case matters:
"MS" is not "ms") and only as whole tokens: "A&E", "SpO2" and "NEWS2" are tokens, and so is "COPD" in
"(COPD)" or "COPD.", but not in "COPDX", "pre-COPD", a web address or an email address. An abbreviation already
written out ("chronic obstructive pulmonary disease (COPD)") is left alone, so expanding twice changes nothing more.
"""

import json
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from . import trie

SHIPPED = Path(__file__).parent / "data" / "glossary.json"

# A token stands alone: no letter, digit, "&", "@" or hyphen joined to it, and no "." just before it (a domain
# name). A "." after it is the end of a sentence; a "/" between two joins them ("GP/DN").
_BEFORE = r"(?<![\w&@\-‐.])"
_AFTER = r"(?![\w&@\-‐])"
_ADDRESSES = re.compile(r"(?:https?://|www\.)\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Ambiguous:
    start: int
    end: int
    abbreviation: str
    meanings: tuple[str, ...]  # what it could mean, for a writer nudged to write it out


@dataclass(frozen=True)
class Entry:
    abbreviation: str
    words: str = ""  # empty for an ambiguous one
    meanings: tuple[str, ...] = ()  # what an ambiguous one could mean
    source: str = ""

    @property
    def is_ambiguous(self) -> bool:
        return bool(self.meanings) and not self.words


@dataclass(frozen=True, eq=False)
class Glossary:
    """The abbreviations known, by abbreviation as written. Compared by identity: build one and keep it."""

    entries: Mapping[str, Entry]

    def words(self, abbreviation: str) -> str:
        entry = self.entries.get(abbreviation)
        return entry.words if entry is not None else ""


# ----------------------------------------------------------------------------------------------- the glossary


def load(data: Mapping[str, object]) -> Glossary:
    """A glossary from a glossary.json document. An entry with "ambiguous": true lists its "meanings"."""
    entries: dict[str, Entry] = {}
    raw = data.get("entries", [])
    assert isinstance(raw, list)
    for item in raw:
        abbreviation = str(item["abbreviation"]).strip()
        if not abbreviation or abbreviation in entries:
            continue  # the first entry for an abbreviation is the one used
        if item.get("ambiguous"):
            meanings = tuple(str(m) for m in item.get("meanings", ()))
            entries[abbreviation] = Entry(abbreviation, "", meanings, str(item.get("source", "")))
        else:
            entries[abbreviation] = Entry(abbreviation, str(item["words"]), (), str(item.get("source", "")))
    return Glossary(entries)


@cache
def shipped() -> Glossary:
    """The glossary the project ships, read once (empty where the file is missing, so nothing is expanded)."""
    if not SHIPPED.exists():
        return Glossary({})
    return load(json.loads(SHIPPED.read_text(encoding="utf-8")))


# ----------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, eq=False)
class _Known:
    pattern: re.Pattern[str]
    words: dict[str, str]  # abbreviation -> words, local terms over the glossary
    ambiguous: dict[str, tuple[str, ...]]


@lru_cache(maxsize=128)
def _known(glossary: Glossary, local: tuple[tuple[str, str], ...]) -> _Known:
    words = {a: e.words for a, e in glossary.entries.items() if e.words}
    ambiguous_ones = {a: e.meanings for a, e in glossary.entries.items() if e.is_ambiguous}
    for abbreviation, local_words in local:
        words[abbreviation] = local_words
        ambiguous_ones.pop(abbreviation, None)  # an area's own meaning settles it there
    every = {trie.pieces(a) for a in (*words, *ambiguous_ones)}
    return _Known(re.compile(_BEFORE + "(?:" + trie.pattern(every) + ")" + _AFTER), words, ambiguous_ones)


def _known_for(glossary: Glossary | None, local_terms: Mapping[str, str] | None) -> _Known:
    local = tuple(sorted((a.strip(), w.strip()) for a, w in (local_terms or {}).items() if a.strip() and w.strip()))
    return _known(glossary or shipped(), local)


def _matches(text: str, known: _Known) -> list[re.Match[str]]:
    """Each known abbreviation in `text`, outside web and email addresses."""
    found = list(known.pattern.finditer(text))
    if found and ("@" in text or "://" in text or "www." in text.casefold()):
        addresses = [(m.start(), m.end()) for m in _ADDRESSES.finditer(text)]
        found = [m for m in found if not _inside(addresses, m.start())]
    return found


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect_right(spans, (at, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _written_out_before(text: str, start: int, end: int, words: str) -> int | None:
    """Where "words (ABBR)" begins, when the abbreviation at start:end is already written out; else None."""
    if start == 0 or text[start - 1] != "(" or text[end : end + 1] != ")":
        return None
    before = text[: start - 1].rstrip()
    wanted = _SPACES.sub(" ", words.strip()).casefold()
    tail = _SPACES.sub(" ", before[-(len(words) * 2 + 10) :]).casefold()
    if not wanted or not tail.endswith(wanted):
        return None
    # where the words begin in the original text: walk back over as many non-space characters as they have
    need = len(wanted.replace(" ", ""))
    at = len(before)
    while need and at:
        at -= 1
        if not before[at].isspace():
            need -= 1
    return at


_ARTICLE = re.compile(r"(?<![\w'’])(an?)(\s+)$", re.IGNORECASE)


# Letters whose names begin with a vowel sound, for words that start with an initialism: "an NHS ...", "an MRI ..."
_SAID_WITH_A_VOWEL = frozenset("AEFHILMNORSX")
# Words spelt with a vowel but said with a "y" or "w" first: "a urinary ...", "a one-off ..."
_SAID_WITH_A_CONSONANT = ("uni", "uri", "use", "usu", "ure", "eu", "one")


def _an_before(words: str) -> bool:
    """Whether "an" (not "a") goes before these words, as they are said."""
    first = words.split(maxsplit=1)[0] if words.strip() else ""
    if len(first) > 1 and first.isupper():
        return first[0] in _SAID_WITH_A_VOWEL
    lower = first.casefold()
    return lower[:1] in ("a", "e", "i", "o", "u") and not lower.startswith(_SAID_WITH_A_CONSONANT)


_SENTENCE_ENDS = re.compile(r"(?:[.!?]\s+|\n\s*)$")


def _as_in_sentence(text: str, start: int, words: str) -> str:
    """The words with a capital first letter where they begin a sentence in `text` at `start` ("SOB on exertion."
    at the start, or after a full stop)."""
    if start == 0 or _SENTENCE_ENDS.search(text, max(0, start - 4), start):
        return words[:1].upper() + words[1:]
    return words


def _article_for(before: str, words: str) -> str:
    """`before`, with a last "a" or "an" put right for the words now following it ("an MI" is "a heart attack")."""
    found = _ARTICLE.search(before[-5:])
    if found is None:
        return before
    article = found.group(1)
    wanted = "an" if _an_before(words) else "a"
    if article.casefold() == wanted:
        return before
    written = wanted if article.islower() else wanted.capitalize()
    return before[: len(before) - len(found.group(0))] + written + found.group(2)


def expand(text: str, local_terms: Mapping[str, str] | None = None, *, glossary: Glossary | None = None) -> str:
    """`text` with each known abbreviation written out as "the words (ABBR)"; ambiguous ones are left as written.
    `local_terms` (abbreviation -> words) are an area's own, added by its administrators, and win over the glossary.
    `glossary` is the shipped one unless given."""
    known = _known_for(glossary, local_terms)
    found = _matches(text, known)
    if not found:
        return text
    written_out: list[tuple[int, int]] = []  # "words (ABBR)" already in the text: nothing inside them is expanded
    for match in found:
        words = known.words.get(match.group())
        if words and (begins := _written_out_before(text, match.start(), match.end(), words)) is not None:
            written_out.append((begins, match.end() + 1))
    out: list[str] = []
    last = 0
    for match in found:
        abbreviation = match.group()
        words = known.words.get(abbreviation)
        if not words or (written_out and _inside(written_out, match.start())):
            continue
        out.append(_article_for(text[last : match.start()], words))
        out.append(f"{_as_in_sentence(text, match.start(), words)} ({abbreviation})")
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def ambiguous(
    text: str, local_terms: Mapping[str, str] | None = None, *, glossary: Glossary | None = None
) -> list[Ambiguous]:
    """The abbreviations in `text` that could mean more than one thing, for nudging the writer to spell them out.
    One that an area's local terms give a meaning to is not ambiguous there."""
    known = _known_for(glossary, local_terms)
    return [
        Ambiguous(m.start(), m.end(), m.group(), known.ambiguous[m.group()])
        for m in _matches(text, known)
        if m.group() in known.ambiguous
    ]
