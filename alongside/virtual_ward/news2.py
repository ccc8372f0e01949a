"""NEWS2, the National Early Warning Score 2, from one set of observations. Pure logic: no Django.

Each of the seven parameters scores 0 to 3 by the Royal College of Physicians' chart (NEWS2, 2017), and the score
is their total. The clinical response follows from the total and from any single parameter scoring 3:

- 0 to 4, with no parameter scoring 3: low (keep up the usual observations);
- 0 to 4 with one parameter scoring 3: low-medium (an urgent review by a clinician);
- 5 or 6: medium (an urgent review by a clinician who can recognise and treat acute illness);
- 7 or more: high (an emergency response).

SpO2 has two scales. Scale 1 is for most people. Scale 2 is only for people whose target saturation is 88 to 92%
(hypercapnic respiratory failure, set by a clinician): on scale 2, 93% or more on air scores 0, but on oxygen it
scores 1 to 3, because oxygen should then be turned down.

A missing observation is never scored as normal: the score is then incomplete, with the missing parameters named
and the total of those that were taken shown only as "at least".
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Consciousness(StrEnum):
    ALERT = "alert"
    NEW_CONFUSION = "new_confusion"
    VOICE = "voice"
    PAIN = "pain"
    UNRESPONSIVE = "unresponsive"


class Response(StrEnum):
    LOW = "low"
    LOW_MEDIUM = "low_medium"
    MEDIUM = "medium"
    HIGH = "high"


# What each parameter may be, as (lowest, highest): a value outside is refused as not a real reading.
RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "respiration_rate": (Decimal(3), Decimal(70)),
    "spo2": (Decimal(50), Decimal(100)),
    "systolic_bp": (Decimal(40), Decimal(300)),
    "pulse": (Decimal(20), Decimal(250)),
    "temperature": (Decimal("25.0"), Decimal("45.0")),
}
PARAMETERS = (
    "respiration_rate",
    "spo2",
    "on_oxygen",
    "systolic_bp",
    "pulse",
    "consciousness",
    "temperature",
)


@dataclass(frozen=True)
class Observations:
    """One set of observations. None means it was not taken."""

    respiration_rate: int | None = None  # breaths per minute
    spo2: int | None = None  # oxygen saturation, %
    spo2_scale: int = 1  # 1, or 2 for a target of 88 to 92% set by a clinician
    on_oxygen: bool | None = None  # breathing supplemental oxygen (False: air)
    systolic_bp: int | None = None  # mmHg
    pulse: int | None = None  # beats per minute
    consciousness: Consciousness | None = None
    temperature: Decimal | None = None  # degrees Celsius, to one decimal place


@dataclass(frozen=True)
class Score:
    parts: dict[str, int]  # each parameter taken, and what it scored
    missing: tuple[str, ...]  # the parameters not taken, in the chart's order

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def total(self) -> int | None:
        """The NEWS2 score, or None when an observation is missing."""
        return sum(self.parts.values()) if self.complete else None

    @property
    def at_least(self) -> int:
        """The total of the parameters that were taken: the score is this or more."""
        return sum(self.parts.values())

    @property
    def any_three(self) -> bool:
        """Some single parameter scored 3 (a red score)."""
        return 3 in self.parts.values()

    @property
    def response(self) -> Response | None:
        """The clinical response the score calls for; None when incomplete unless what was taken already calls for
        medium or high (a missing reading can only add to the score)."""
        known = response_for(self.at_least, self.any_three)
        if self.complete or known in (Response.MEDIUM, Response.HIGH):
            return known
        return None


def response_for(total: int, any_three: bool) -> Response:
    if total >= 7:
        return Response.HIGH
    if total >= 5:
        return Response.MEDIUM
    return Response.LOW_MEDIUM if any_three else Response.LOW


def respiration_rate(rate: int) -> int:
    if rate <= 8:
        return 3
    if rate <= 11:
        return 1
    if rate <= 20:
        return 0
    if rate <= 24:
        return 2
    return 3


def spo2_scale_1(spo2: int) -> int:
    if spo2 <= 91:
        return 3
    if spo2 <= 93:
        return 2
    if spo2 <= 95:
        return 1
    return 0


def spo2_scale_2(spo2: int, on_oxygen: bool) -> int:
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not on_oxygen:
        return 0
    if spo2 <= 94:
        return 1
    if spo2 <= 96:
        return 2
    return 3


def systolic_bp(pressure: int) -> int:
    if pressure <= 90:
        return 3
    if pressure <= 100:
        return 2
    if pressure <= 110:
        return 1
    if pressure <= 219:
        return 0
    return 3


def pulse(rate: int) -> int:
    if rate <= 40:
        return 3
    if rate <= 50:
        return 1
    if rate <= 90:
        return 0
    if rate <= 110:
        return 1
    if rate <= 130:
        return 2
    return 3


def temperature(celsius: Decimal) -> int:
    # The chart's bands are in tenths of a degree: a finer reading is rounded to the nearest tenth, half up.
    tenths = int((celsius * 10).to_integral_value(rounding=ROUND_HALF_UP))
    if tenths <= 350:
        return 3
    if tenths <= 360:
        return 1
    if tenths <= 380:
        return 0
    if tenths <= 390:
        return 1
    return 2


def consciousness(level: Consciousness) -> int:
    return 0 if level == Consciousness.ALERT else 3


def score(obs: Observations) -> Score:
    """The NEWS2 of these observations. ValueError for an SpO2 scale other than 1 or 2."""
    if obs.spo2_scale not in (1, 2):
        raise ValueError("the SpO2 scale is 1 or 2")
    parts: dict[str, int] = {}
    if obs.respiration_rate is not None:
        parts["respiration_rate"] = respiration_rate(obs.respiration_rate)
    if obs.spo2 is not None:
        if obs.spo2_scale == 1:
            parts["spo2"] = spo2_scale_1(obs.spo2)
        elif obs.on_oxygen is not None or obs.spo2 <= 92:  # from 93% on scale 2, air or oxygen decides
            parts["spo2"] = spo2_scale_2(obs.spo2, bool(obs.on_oxygen))
    if obs.on_oxygen is not None:
        parts["on_oxygen"] = 2 if obs.on_oxygen else 0
    if obs.systolic_bp is not None:
        parts["systolic_bp"] = systolic_bp(obs.systolic_bp)
    if obs.pulse is not None:
        parts["pulse"] = pulse(obs.pulse)
    if obs.consciousness is not None:
        parts["consciousness"] = consciousness(obs.consciousness)
    if obs.temperature is not None:
        parts["temperature"] = temperature(obs.temperature)
    return Score(parts, tuple(p for p in PARAMETERS if p not in parts))


def out_of_range(name: str, value: int | Decimal) -> bool:
    """Is this value of a parameter outside what a living person's reading can be?"""
    low, high = RANGES[name]
    return not low <= value <= high
