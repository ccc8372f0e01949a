"""One regular expression for many phrases, shaped as a trie, for the checker and the expander. Pure.

An alternation of hundreds of phrases ("addict|addicts|alcoholic|...") makes the regular expression engine try
each phrase in turn at every place in the text. Written as a trie ("a(?:ddicts?|lcoholic)"), each character of
the text is compared once per level and a place that starts no phrase is left after one comparison: the whole
list is matched in one pass, however long it grows. Where one phrase is a prefix of another, the longer is tried
first, so the longest phrase at a place wins.
"""

import re
from collections.abc import Callable, Iterable

type Node = dict[str, Node]
Piece = str  # one step of a phrase, already written as a regular expression: "a", "\\&", "[\\s-]+"
_END = ""  # marks the end of a phrase in a trie node


def pattern(phrases: Iterable[tuple[Piece, ...]]) -> str:
    """A regular expression matching any of `phrases` (each a sequence of pieces), longest first at a place."""
    root: Node = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for piece in phrase:
            node = node.setdefault(piece, {})
        node[_END] = {}
    return _written(root) if root else "(?!)"  # no phrases: a pattern that matches nothing


def _written(node: Node) -> str:
    ends_here = _END in node
    branches = [piece + _written(child) for piece, child in sorted(node.items(), reverse=True) if piece != _END]
    if not branches:
        return ""
    if len(branches) == 1 and not ends_here:
        return branches[0]
    # single characters side by side become one character class
    single = [b for b in branches if len(b) == 1 and b.isalnum()]
    if len(single) > 1 and len(single) == len(branches):
        alternation = "[" + "".join(sorted(single)) + "]"
    else:
        alternation = "(?:" + "|".join(branches) + ")"
    return alternation + "?" if ends_here else alternation


def pieces(phrase: str, piece: Callable[[str], Piece] = re.escape) -> tuple[Piece, ...]:
    """A phrase as pieces, one for each character, each written by `piece`."""
    return tuple(piece(character) for character in phrase)
