"""Scores and change (issue 15, item 5): totals, subscales, reversed items, the missing-answer rule, bands, and
reliable change. Pure: no Django, no database; an instrument is what `instruments.load` read from its file.

Answers are `{linkId: number}`, the number being the answer option's ordinal value (PHQ-9: 0 to 3; ONS4: 0 to
10); an unanswered question is absent or None. A reversed item is scored as `min + max - answer`.

Reliable change follows Jacobson and Truax (1991): a change is reliable when it is at least the instrument's
threshold (published, such as PHQ-9's 6 points, or 1.96 x SD x sqrt(2) x sqrt(1 - r) from its SD and reliability).
Whether that change is an improvement depends on the direction: lower is better on PHQ-9, GAD-7 and ONS anxiety,
higher on the other ONS questions and on goals. A first measure has no change (None), nor has a measure whose
instrument publishes no threshold (ONS4).

`score_totals` and `reliable_changes` do the same for many responses at once, with numpy, for team reports.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from alongside.outcomes.instruments import Band, Instrument, MissingRule

type Change = Literal["improved", "no_reliable_change", "deteriorated"]
type Answers = Mapping[str, float | None]

IMPROVED: Change = "improved"
NO_RELIABLE_CHANGE: Change = "no_reliable_change"
DETERIORATED: Change = "deteriorated"

# The batch functions' codes for a change, one small integer per response.
CHANGE_CODES: dict[int, Change | None] = {1: IMPROVED, 0: NO_RELIABLE_CHANGE, -1: DETERIORATED, -2: None}
NOT_JUDGED = -2


class AnswerError(ValueError):
    """Answers that do not fit the instrument: a question it does not have, or a value off its scale."""


@dataclass(frozen=True)
class Score:
    """One response, scored. `total` and `band` are None where the instrument has no total or too much is missing;
    `items` holds each answered question's scored value (after reversal) and `item_bands` its band, if any."""

    total: float | None
    band: str | None
    subscales: dict[str, float | None]
    items: dict[str, float]
    item_bands: dict[str, str | None]
    missing: int


def reverse(value: float, low: float, high: float) -> float:
    """A reversed item's score: the answer mirrored within its scale."""
    return low + high - value


def round_half_up(value: float) -> float:
    return float(math.floor(value + 0.5))


def combine(values: Sequence[float | None], rule: MissingRule) -> float | None:
    """The total of some item scores under the missing-answer rule, or None where too many are unanswered."""
    answered = [value for value in values if value is not None]
    missing = len(values) - len(answered)
    if not answered or missing > rule.max_missing:
        return None
    if rule.prorate and missing:
        return round_half_up(sum(answered) * len(values) / len(answered))
    return float(sum(answered))


def band_of(bands: Sequence[Band], value: float | None) -> str | None:
    """The label of the band a score falls in: the last band starting at or below it."""
    if value is None:
        return None
    label = None
    for band in bands:
        if band.low <= value:
            label = band.label
    return label


def score(instrument: Instrument, answers: Answers) -> Score:
    values = _checked(instrument, answers)
    scored = {
        link_id: reverse(value, instrument.scale_min, instrument.scale_max) if link_id in instrument.reversed else value
        for link_id, value in values.items()
    }
    if instrument.method == "per_item":
        item_bands = {}
        for link_id, value in scored.items():
            how = instrument.item_scoring(link_id)
            item_bands[link_id] = band_of(how.bands, value) if how is not None else None
        missing = _missing(instrument, scored)
        return Score(total=None, band=None, subscales={}, items=scored, item_bands=item_bands, missing=missing)
    total = combine([scored.get(link_id) for link_id in instrument.items], instrument.missing)
    subscales = {
        subscale.code: combine([scored.get(link_id) for link_id in subscale.items], instrument.missing)
        for subscale in instrument.subscales
    }
    return Score(
        total=total,
        band=band_of(instrument.bands, total),
        subscales=subscales,
        items=scored,
        item_bands={},
        missing=_missing(instrument, scored),
    )


def _missing(instrument: Instrument, scored: Mapping[str, float]) -> int:
    return sum(1 for link_id in instrument.items if link_id not in scored)


def _checked(instrument: Instrument, answers: Answers) -> dict[str, float]:
    if instrument.items_per_person and len(answers) > instrument.max_person_items:
        raise AnswerError(f"{instrument.title} takes at most {instrument.max_person_items} answers")
    values: dict[str, float] = {}
    for link_id, value in answers.items():
        if not instrument.items_per_person and link_id not in instrument.items:
            raise AnswerError(f'{instrument.title} has no question "{link_id}"')
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise AnswerError(f'the answer to "{link_id}" must be a number')
        if not float(value).is_integer():  # every answer option's value is a whole number on the scale
            raise AnswerError(f'the answer to "{link_id}" must be a whole number, not {value:g}')
        if not instrument.scale_min <= value <= instrument.scale_max:
            low, high = instrument.scale_min, instrument.scale_max
            raise AnswerError(f'the answer to "{link_id}" must be from {low} to {high}, not {value:g}')
        values[link_id] = float(value)
    return values


def classify(
    before: float | None, after: float | None, threshold: float | None, lower_is_better: bool
) -> Change | None:
    """Reliable change between two scores: None for a first measure (no before) or where no threshold is known."""
    if before is None or after is None or threshold is None:
        return None
    better = (before - after) if lower_is_better else (after - before)
    if better >= threshold:
        return IMPROVED
    if -better >= threshold:
        return DETERIORATED
    return NO_RELIABLE_CHANGE


def reliable_change(instrument: Instrument, before: Score | None, after: Score) -> Change | None:
    """The change in the total since the person's previous measure (None for a first measure)."""
    threshold = instrument.reliable_change.threshold if instrument.reliable_change is not None else None
    return classify(before.total if before else None, after.total, threshold, instrument.lower_is_better)


def item_changes(instrument: Instrument, before: Score | None, after: Score) -> dict[str, Change | None]:
    """For instruments read item by item (ONS4, goals): the change in each answered item, judged on its own."""
    changes: dict[str, Change | None] = {}
    for link_id, value in after.items.items():
        how = instrument.item_scoring(link_id)
        if how is None:
            changes[link_id] = None
            continue
        threshold = how.reliable_change.threshold if how.reliable_change is not None else None
        earlier = before.items.get(link_id) if before is not None else None
        changes[link_id] = classify(earlier, value, threshold, how.lower_is_better)
    return changes


def mean_item_change(instrument: Instrument, before: Score | None, after: Score) -> Change | None:
    """For instruments read item by item whose items share one scoring (goal-based outcomes): the change in the mean
    of the items answered both times, judged by that scoring's threshold. None for a first measure, where no item was
    answered both times, or where the instrument publishes no threshold (ONS4)."""
    how = instrument.per_item_default
    if before is None or how is None or how.reliable_change is None:
        return None
    shared = [link_id for link_id in after.items if link_id in before.items]
    if not shared:
        return None
    earlier = sum(before.items[link_id] for link_id in shared) / len(shared)
    later = sum(after.items[link_id] for link_id in shared) / len(shared)
    return classify(earlier, later, how.reliable_change.threshold, how.lower_is_better)


# Many responses at once. Each row of `answers` is one response, each column one of `instrument.items` in order;
# an unanswered question is NaN.


def score_totals(instrument: Instrument, answers: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each response's total under the missing-answer rule (NaN where there is none), as `score` would give it."""
    if instrument.method != "total":
        raise ValueError(f"{instrument.title} has no total")
    if answers.ndim != 2 or answers.shape[1] != len(instrument.items):
        raise ValueError(f"expected one column per scored question ({len(instrument.items)})")
    flipped = np.array([link_id in instrument.reversed for link_id in instrument.items])
    scored = np.where(flipped, instrument.scale_min + instrument.scale_max - answers, answers)
    blank = np.isnan(scored)
    missing = blank.sum(axis=1)
    answered = scored.shape[1] - missing
    sums = np.where(blank, 0.0, scored).sum(axis=1)
    rule = instrument.missing
    if rule.prorate:
        with np.errstate(divide="ignore", invalid="ignore"):
            prorated = np.floor(sums * scored.shape[1] / answered + 0.5)
        totals = np.where(missing > 0, prorated, sums)
    else:
        totals = sums
    return np.where((missing > rule.max_missing) | (answered == 0), np.nan, totals)


def reliable_changes(
    before: NDArray[np.float64], after: NDArray[np.float64], threshold: float | None, lower_is_better: bool
) -> NDArray[np.int8]:
    """Each pair's change as a code (see CHANGE_CODES): NaN before (a first measure) or after is not judged."""
    codes = np.full(before.shape, NOT_JUDGED, dtype=np.int8)
    if threshold is None:
        return codes
    better = (before - after) if lower_is_better else (after - before)
    known = ~(np.isnan(before) | np.isnan(after))
    codes[known] = 0
    codes[known & (better >= threshold)] = 1
    codes[known & (-better >= threshold)] = -1
    return codes
