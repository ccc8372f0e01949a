"""Words that carry hope: free text checked for stigmatising or deficit terms, each with a person-first suggestion
and a short reason. Pure: no Django, no database. Never blocks anything; it only offers.

The list ships as data/hopeful_words.json (`shipped()`); administrators' changes are folded into it by
`with_changes` (alongside.language.rules does that from the database, for a request). Every phrase of every term
goes into one regular expression, built once per list as a trie (alongside.language.trie) and cached, so that a
note is read once however long the list: `suggestions` finds each term with one scan, then looks at the words
just before and after it for the clinical senses the term lists (`not_after`: "heart" before "failure";
`not_before`: "liver" after "alcoholic"). ADR 30 says why.
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from . import trie

SHIPPED = Path(__file__).parent / "data" / "hopeful_words.json"

# Between the words of a phrase: spaces, tabs or hyphens, any number, but never a new line, so that a term is not
# made of the end of one line and the start of the next ("difficult" / "Patient seen").
_BETWEEN = r"[^\S\n\r]*[-‐‑–][^\S\n\r]*|[^\S\n\r]+"
_APOSTROPHE = "['’]"
_SEPARATORS = re.compile(r"[\s\-‐‑–'’]+")
_WORDS = re.compile(r"\w+(?:['’]\w+)*")
_LOOK = 60  # characters looked at before and after a term for the words that make it clinical
# Only words in the same stretch of a sentence make a term clinical: "Alcoholic, drinks every day" is not
# "alcoholic drinks".
_PAUSE = re.compile(r"[,.;:!?()\[\]\n\r\u2013\u2014]")
# A term stands alone: no letter, digit or hyphen joined to it ("life-threatening" is not "threatening").
_BEFORE = r"(?<![\w\-‐‑])"
_AFTER = r"(?![\w\-‐‑])"


@dataclass(frozen=True)
class Suggestion:
    start: int  # offsets into the text checked, end exclusive
    end: int
    term: str  # the words as written in the text
    suggestion: str  # what to write instead
    why: str  # a short reason, in plain words


@dataclass(frozen=True)
class Rule:
    """One term on the list: the words to look for, what to suggest and why, and the words that make it clinical."""

    id: str
    match: tuple[str, ...]
    suggestion: str
    why: str
    source: str = ""
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    on: bool = True  # an administrator can switch a term off
    shipped: bool = True  # False for a term an administrator added


@dataclass(frozen=True)
class Change:
    """An administrator's change to the list (models.WordingChange, without the database): what = "add",
    "reword", "switch_off" or "switch_on"."""

    term_id: str
    what: str
    match: tuple[str, ...] = ()
    suggestion: str = ""
    why: str = ""
    source: str = ""


@dataclass(frozen=True, eq=False)
class Rules:
    """A list of terms ready to check text with: one pattern for all their words. Build with `rules_from`."""

    rules: tuple[Rule, ...]
    pattern: re.Pattern[str] = field(repr=False)
    by_key: dict[str, Rule] = field(repr=False)
    before: dict[str, tuple[tuple[str, ...], ...]] = field(repr=False)  # rule id -> not_after, as words
    after: dict[str, tuple[tuple[str, ...], ...]] = field(repr=False)  # rule id -> not_before, as words

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)


# ----------------------------------------------------------------------------------------------- the list


def load(data: dict[str, object]) -> tuple[Rule, ...]:
    """The terms in a hopeful_words.json document."""
    entries = data.get("entries", [])
    assert isinstance(entries, list)
    return tuple(
        Rule(
            id=str(entry["id"]),
            match=tuple(str(m) for m in entry["match"]),
            suggestion=str(entry["suggestion"]),
            why=str(entry["why"]),
            source=str(entry.get("source", "")),
            not_after=tuple(str(w) for w in entry.get("not_after", ())),
            not_before=tuple(str(w) for w in entry.get("not_before", ())),
        )
        for entry in entries
    )


@cache
def shipped_rules() -> tuple[Rule, ...]:
    """The terms as the project ships them, read once."""
    return load(json.loads(SHIPPED.read_text(encoding="utf-8")))


def shipped() -> Rules:
    """The shipped list, ready to check with (built once)."""
    return rules_from(shipped_rules())


def with_changes(rules: Iterable[Rule], changes: Iterable[Change]) -> tuple[Rule, ...]:
    """The list with administrators' changes applied in the order given (oldest first): the latest change to a
    term is the one in force. A reword keeps the term's words; an added term is marked `shipped=False`."""
    current = {rule.id: rule for rule in rules}
    for change in changes:
        rule = current.get(change.term_id)
        if change.what == "add":
            current[change.term_id] = Rule(
                id=change.term_id,
                match=tuple(m for m in change.match if m.strip()),
                suggestion=change.suggestion,
                why=change.why,
                source=change.source,
                shipped=rule.shipped if rule is not None else False,
            )
        elif rule is None:
            continue  # a change to a term no longer shipped
        elif change.what == "reword":
            current[change.term_id] = replace(
                rule,
                suggestion=change.suggestion or rule.suggestion,
                why=change.why or rule.why,
                source=change.source or rule.source,
                match=tuple(m for m in change.match if m.strip()) or rule.match,
            )
        elif change.what in ("switch_off", "switch_on"):
            current[change.term_id] = replace(rule, on=change.what == "switch_on")
    return tuple(current.values())


# ----------------------------------------------------------------------------------------------- matching


def key(words: str) -> str:
    """The words as looked up: case folded, without the spaces, hyphens and apostrophes between them."""
    return _SEPARATORS.sub("", words.casefold())


def _piece(character: str) -> trie.Piece:
    if character in "'’":
        return _APOSTROPHE
    return re.escape(character)


def _phrase_pieces(phrase: str) -> tuple[trie.Piece, ...]:
    words = [w for w in re.split(r"[\s\-‐‑–]+", phrase.casefold()) if w]
    out: list[trie.Piece] = []
    for number, word in enumerate(words):
        if number:
            out.append(f"(?:{_BETWEEN})")
        out.extend(trie.pieces(word, _piece))
    return tuple(out)


def _as_words(phrases: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_WORDS.findall(p.casefold())) for p in phrases if _WORDS.search(p))


@lru_cache(maxsize=32)
def rules_from(rules: tuple[Rule, ...]) -> Rules:
    """The terms switched on, as one pattern, built once for each list (the list is cached by its value)."""
    by_key: dict[str, Rule] = {}
    for rule in rules:
        if rule.on:
            for phrase in rule.match:
                by_key.setdefault(key(phrase), rule)  # a phrase two terms share belongs to the first
    phrases = {_phrase_pieces(phrase) for rule in rules if rule.on for phrase in rule.match if key(phrase)}
    compiled = re.compile(_BEFORE + "(?:" + trie.pattern(phrases) + ")" + _AFTER, re.IGNORECASE)
    return Rules(
        rules=rules,
        pattern=compiled,
        by_key=by_key,
        before={rule.id: _as_words(rule.not_after) for rule in rules if rule.not_after},
        after={rule.id: _as_words(rule.not_before) for rule in rules if rule.not_before},
    )


def suggestions(text: str, rules: Rules | None = None) -> list[Suggestion]:
    """Every stigmatising or deficit term in `text`, in order, with its suggestion. Clinical senses are not flagged.

    `rules` is the list to check against (alongside.language.rules.in_force() for the list with administrators'
    changes); the shipped list when None. Spans never overlap: where terms share words, the longest wins.
    """
    rules = rules or shipped()
    found: list[Suggestion] = []
    for match in rules.pattern.finditer(text):
        term = match.group()
        rule = rules.by_key.get(key(term))
        if rule is None or _clinical(rules, rule, text, match.start(), match.end()):
            continue
        found.append(Suggestion(match.start(), match.end(), term, rule.suggestion, rule.why))
    return found


def _clinical(rules: Rules, rule: Rule, text: str, start: int, end: int) -> bool:
    """Do the words just before or just after the term make it a clinical (or ordinary) sense of it?"""
    before = rules.before.get(rule.id)
    if before:
        words = _WORDS.findall(_PAUSE.split(text[max(0, start - _LOOK) : start])[-1].casefold())
        if any(words[-len(phrase) :] == list(phrase) for phrase in before if len(phrase) <= len(words)):
            return True
    after = rules.after.get(rule.id)
    if after:
        words = _WORDS.findall(_PAUSE.split(text[end : end + _LOOK], maxsplit=1)[0].casefold())
        if any(words[: len(phrase)] == list(phrase) for phrase in after if len(phrase) <= len(words)):
            return True
    return False
