"""Stand-ins for the check of words while its list is being written (alongside.language.checking, .expanding): a
few terms found by plain search, so that the writing widget and the counts can be tested on their own."""

import re

import pytest

from alongside.language import checking, expanding, writing

TERMS = {
    "refuses": ("declines", "It says what the person chose, not that they are difficult."),
    "non-compliant": ("has not taken", "It describes what happened, without blame."),
    "frequent flyer": ("often needs our help", "It is about their needs, not a label."),
}
AMBIGUOUS = {"MS": ("multiple sclerosis", "mitral stenosis")}


def fake_suggestions(text: str, rules=None) -> list[checking.Suggestion]:
    found = []
    for term, (instead, why) in TERMS.items():
        for match in re.finditer(re.escape(term), text, re.IGNORECASE):
            found.append(checking.Suggestion(match.start(), match.end(), match.group(), instead, why))
    return sorted(found, key=lambda s: s.start)


def fake_ambiguous(text: str, local_terms=None) -> list[expanding.Ambiguous]:
    return [
        expanding.Ambiguous(m.start(), m.end(), m.group(), AMBIGUOUS[m.group()])
        for m in re.finditer(r"\b(?:" + "|".join(AMBIGUOUS) + r")\b", text)
    ]


@pytest.fixture
def words_checked(monkeypatch):
    """The check finds TERMS and AMBIGUOUS, wherever it is called from."""
    monkeypatch.setattr(writing, "suggestions", fake_suggestions)
    monkeypatch.setattr(writing, "ambiguous", fake_ambiguous)
