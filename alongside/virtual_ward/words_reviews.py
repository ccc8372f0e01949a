"""NEWS2 in words: what each reading is called, its unit and range, the clinical response, and what the page says
must be done. Pure: no Django, no database.

Staff read the clinical words ("NEWS2 7: high"); the person and their proxy read the same facts in plain words,
with no clinical jargon. A colour never says anything alone: every tag carries its words.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from . import news2
from .news2 import Response


@dataclass(frozen=True)
class Reading:
    name: str  # the news2 parameter
    label: str  # what staff read: "Breathing rate"
    plain: str  # what the person and their proxy read: "Heart rate"
    unit: str  # after the number: "breaths a minute"
    refused: str  # the message for a value outside its range


def _range(name: str) -> tuple[Decimal, Decimal]:
    return news2.RANGES[name]


def _between(name: str, what: str, unit: str) -> str:
    low, high = _range(name)
    return f"Enter {what} between {low} and {high} {unit}".rstrip()


READINGS: dict[str, Reading] = {
    r.name: r
    for r in (
        Reading(
            "respiration_rate",
            "Breathing rate",
            "Breathing rate",
            "breaths a minute",
            _between("respiration_rate", "a breathing rate", "breaths a minute"),
        ),
        Reading(
            "spo2",
            "Oxygen saturation",
            "Oxygen in the blood",
            "%",
            _between("spo2", "an oxygen saturation", "%").replace(" %", "%"),
        ),
        Reading("on_oxygen", "Air or oxygen", "Breathing air or extra oxygen", "", ""),
        Reading(
            "systolic_bp",
            "Systolic blood pressure",
            "Blood pressure (the top number)",
            "mmHg",
            _between("systolic_bp", "a systolic blood pressure", "mmHg"),
        ),
        Reading("pulse", "Pulse", "Heart rate", "beats a minute", _between("pulse", "a pulse", "beats a minute")),
        Reading("consciousness", "Alertness (ACVPU)", "How awake and clear", "", ""),
        Reading(
            "temperature",
            "Temperature",
            "Temperature",
            "°C",
            _between("temperature", "a temperature", "°C").replace(" °C", "°C"),
        ),
    )
}

CONSCIOUSNESS = {
    news2.Consciousness.ALERT: "Alert: awake and talking as usual",
    news2.Consciousness.NEW_CONFUSION: "New confusion: more muddled than usual, or newly so",
    news2.Consciousness.VOICE: "Voice: only responds when spoken to",
    news2.Consciousness.PAIN: "Pain: only responds to a painful touch",
    news2.Consciousness.UNRESPONSIVE: "Unresponsive: does not respond at all",
}
CONSCIOUSNESS_PLAIN = {
    news2.Consciousness.ALERT: "Awake and clear",
    news2.Consciousness.NEW_CONFUSION: "More muddled than usual",
    news2.Consciousness.VOICE: "Only answered when spoken to",
    news2.Consciousness.PAIN: "Only answered to a touch that hurt",
    news2.Consciousness.UNRESPONSIVE: "Did not answer",
}


class Escalation(StrEnum):
    NONE = "none"
    URGENT = "urgent"  # NEWS2 5 or 6, or a 3 in one reading: an urgent review by a clinician
    EMERGENCY = "emergency"  # NEWS2 7 or more: an emergency response now


def escalation(at_least: int, any_three: bool) -> Escalation:
    """What the page must prompt. From what was taken: a missing reading can only add to the score."""
    if at_least >= 7:
        return Escalation.EMERGENCY
    if at_least >= 5 or any_three:
        return Escalation.URGENT
    return Escalation.NONE


RESPONSE = {
    Response.LOW: "Low: carry on with the usual checks",
    Response.LOW_MEDIUM: "Low to medium: one reading scored 3; a clinician should review them urgently",
    Response.MEDIUM: "Medium: a clinician should review them urgently",
    Response.HIGH: "High: they need an emergency response now",
}
RESPONSE_PLAIN = {
    Response.LOW: "The readings were fine",
    Response.LOW_MEDIUM: "One reading needed a nurse or doctor to check again soon",
    Response.MEDIUM: "The readings needed a nurse or doctor to check again soon",
    Response.HIGH: "The readings needed urgent help straight away",
}
UNKNOWN = "Not known: some readings were not taken"
UNKNOWN_PLAIN = "Some readings were not taken, so we cannot say"

# An NHS.UK tag colour for each response; the tag's words always say the same.
TAG = {
    Response.LOW: "nhsuk-tag--green",
    Response.LOW_MEDIUM: "nhsuk-tag--yellow",
    Response.MEDIUM: "nhsuk-tag--orange",
    Response.HIGH: "nhsuk-tag--red",
    None: "nhsuk-tag--grey",
}
TAG_WORDS = {
    Response.LOW: "Low",
    Response.LOW_MEDIUM: "Low to medium",
    Response.MEDIUM: "Medium",
    Response.HIGH: "High",
    None: "Not known",
}


def joined(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def missing_words(missing: tuple[str, ...] | list[str], plain: bool = False) -> str:
    """'pulse and temperature': the readings not taken, in the chart's order, lower case."""
    return joined([(READINGS[name].plain if plain else READINGS[name].label).lower() for name in missing])


def total_words(total: int | None, at_least: int, missing: tuple[str, ...] | list[str], plain: bool = False) -> str:
    """'7', or 'Incomplete: at least 3; pulse and temperature were not taken'."""
    if total is not None:
        return str(total)
    verb = "was" if len(missing) == 1 else "were"
    if plain:
        return f"At least {at_least}: {missing_words(missing, plain)} not checked"
    return f"Incomplete: at least {at_least}; {missing_words(missing)} {verb} not taken"


def response_of(value: str) -> Response | None:
    return Response(value) if value else None


def reading_text(name: str, value: object, spo2_scale: int = 1, plain: bool = False) -> str:
    """One reading as a page shows it: '16 breaths a minute', 'Oxygen', 'Alert', 'Not taken'."""
    if value is None or value == "":
        return "Not taken"
    if name == "on_oxygen":
        return "Extra oxygen" if value else "Air"
    if name == "consciousness":
        level = news2.Consciousness(str(value))
        return CONSCIOUSNESS_PLAIN[level] if plain else CONSCIOUSNESS[level].split(":")[0]
    unit = READINGS[name].unit
    text = f"{value}{unit}" if unit in ("%", "°C") else f"{value} {unit}"
    if name == "spo2" and spo2_scale == 2 and not plain:
        text += " (scale 2: target 88 to 92%)"
    return text
