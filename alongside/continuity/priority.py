"""Continuity priority: how much a familiar worker matters for this person now, from recorded facts. Pure.

The attachment research in the care model found that continuity matters most to people who are ill, frail or
frightened, and to those who say it matters to them. Each recorded fact adds points, with its reason shown;
staff may adjust the total with a note, for what the facts miss.
"""

from dataclasses import dataclass
from datetime import date, timedelta

FRAILTY_POINTS = {"": 0, "mild": 1, "moderate": 2, "severe": 3}
RECENT_CRISIS = timedelta(days=90)
HIGH, MEDIUM = 5, 2  # a total at or above HIGH is high priority; at or above MEDIUM, medium


@dataclass(frozen=True)
class Facts:
    frailty: str = ""  # "", mild, moderate, severe
    long_term_condition: bool = False
    incurable_illness: bool = False
    lives_alone: bool = False
    wants_continuity: bool = False
    last_crisis_on: date | None = None
    adjustment: int = 0
    adjustment_note: str = ""


@dataclass(frozen=True)
class Priority:
    score: int
    level: str  # High, Medium, Low
    reasons: tuple[str, ...]


def priority(facts: Facts, today: date) -> Priority:
    found: list[tuple[int, str]] = []
    if facts.wants_continuity:
        found.append((3, "they want to see the same person"))
    if facts.incurable_illness:
        found.append((3, "an illness that cannot be cured"))
    if FRAILTY_POINTS.get(facts.frailty):
        found.append((FRAILTY_POINTS[facts.frailty], f"{facts.frailty} frailty"))
    if facts.last_crisis_on and today - facts.last_crisis_on <= RECENT_CRISIS:
        found.append((2, f"a crisis on {facts.last_crisis_on:%-d %B %Y}"))
    if facts.long_term_condition:
        found.append((1, "a long-term condition"))
    if facts.lives_alone:
        found.append((1, "lives alone"))
    score = sum(points for points, _ in found)
    reasons = [reason for _, reason in found]
    if facts.adjustment:
        score += facts.adjustment
        sign = "raised" if facts.adjustment > 0 else "lowered"
        reasons.append(f"{sign} by {abs(facts.adjustment)} by staff: {facts.adjustment_note}")
    score = max(score, 0)
    level = "High" if score >= HIGH else "Medium" if score >= MEDIUM else "Low"
    return Priority(score, level, tuple(reasons))
