"""Does a piece of writing name someone? A simple, honest check, before anything is saved.

A session's themes and a volunteer's idea are shared with the whole hub, so they must not name the people
volunteers visit. Two signs that a text names someone:

- a title before a name or an initial: "Mrs Patel", "mr p", "Dr. Okafor", "Auntie May";
- a name of one of the hub's clients (given to this module by the one access policy, never read here): their
  full name in any case ("mabel okafor"), or either part of it written as a name, with a capital letter
  ("Mabel", "Okafor").

It is a heuristic: it can miss a name ("the lady at number 4" is fine; "Bob's fall" is missed unless Bob is a
client) and it can be wrong ("Grace" as a word). The page says which words it found and lets the writer change
them or say plainly that no one is named. Pure: no database, no request.
"""

import re
from collections.abc import Iterable

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TITLES = frozenset(
    """mr mrs ms miss mx dr doctor nurse sister father rev revd reverend sir dame lady lord auntie aunty aunt uncle
    nan nana nanna gran granny grandma grandad grandpa prof professor cllr councillor""".split()
)


POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


class _Word:
    """A word of the text, without a possessive "'s" ("Patel's" is "Patel"), and where it is."""

    def __init__(self, match: re.Match):
        self.text = POSSESSIVE.sub("", match[0])
        self.start = match.start()
        self.end = match.start() + len(self.text)
        self.next = match.end()  # where the text after the word, possessive and all, begins


def _words(text: str) -> list[_Word]:
    return [_Word(m) for m in WORD.finditer(text)]


def _is_name_like(word: str) -> bool:
    """Written as a name: a capital first letter (an initial counts)."""
    return word[:1].isupper()


def titled_names(text: str) -> list[str]:
    """Each title followed by a name or an initial, as written: "Mrs Patel", "mr P"."""
    found = []
    words = _words(text)
    for this, after in zip(words, words[1:], strict=False):
        between = text[this.next : after.start]
        if this.text.lower() in TITLES and between in (" ", ". ", ".") and _is_name_like(after.text):
            found.append(text[this.start : after.end])
    return found


def client_names(text: str, names: Iterable[tuple[str, str]]) -> list[str]:
    """The words of the text that are one of these (given name, family name): a whole name in any case, or
    either part written with a capital letter. Each as written, once, in the order they come."""
    given = {g.lower() for g, _ in names if g}
    family = {f.lower() for _, f in names if f}
    whole = {(g.lower(), f.lower()) for g, f in names if g and f}
    words = _words(text)
    found: list[str] = []
    skip = -1
    for index, word in enumerate(words):
        if index <= skip:
            continue
        low = word.text.lower()
        after = words[index + 1] if index + 1 < len(words) else None
        if after is not None and (low, after.text.lower()) in whole and text[word.next : after.start].isspace():
            found.append(text[word.start : after.end])
            skip = index + 1
        elif _is_name_like(word.text) and (low in given or low in family):
            found.append(word.text)
    return list(dict.fromkeys(found))


def names_in(text: str, names: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Everything in the text that looks like it names someone, as written, each once: titled names first."""
    titled = titled_names(text)
    clients = [found for found in client_names(text, list(names)) if not any(found in t for t in titled)]
    return list(dict.fromkeys([*titled, *clients]))


def words_of(text: str) -> set[str]:
    """The text's words in lower case: what the access policy is asked about (never the other way round)."""
    return {w.text.lower() for w in _words(text)}


def warning(found: list[str]) -> str:
    """The kind message the page shows."""
    quoted = ", ".join(f"“{f}”" for f in found)
    return f"{quoted} may name someone. Everyone in the hub reads this, so please write it without a name"
