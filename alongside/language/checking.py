"""Words that carry hope: free text checked for stigmatising or deficit terms, each with a person-first suggestion
and a short reason. Pure: no Django, no database. Never blocks anything; it only offers.

SKELETON (issue 16): the interface is fixed here; the curated list and the fast matcher come next.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    start: int  # offsets into the text checked, end exclusive
    end: int
    term: str  # the words as written in the text
    suggestion: str  # what to write instead
    why: str  # a short reason, in plain words


def suggestions(text: str) -> list[Suggestion]:
    """Every stigmatising or deficit term in `text`, in order, with its suggestion. Clinical senses are not flagged."""
    return []
