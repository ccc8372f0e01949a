"""Scoring against the published bands and reliable-change figures, and properties that hold for any answers:
reversal, each instrument's missing-answer rule, the sign of reliable change, and the batch agreeing with the
one-at-a-time scoring."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.outcomes import instruments, scoring
from alongside.outcomes.scoring import AnswerError

SHIPPED = instruments.shipped()
PHQ9, GAD7, ONS4, GBO = SHIPPED["phq-9"], SHIPPED["gad-7"], SHIPPED["ons4"], SHIPPED["gbo"]
EXAMPLE = instruments.load(instruments.DEFINITIONS / "examples" / "example-two-items.json")
TOTALLED = [PHQ9, GAD7]


def answers_totalling(instrument: instruments.Instrument, total: int) -> dict[str, float | None]:
    """Answers whose plain sum is `total`: the highest answer on the first items, the rest on the next one."""
    answers: dict[str, float | None] = {}
    for link_id in instrument.items:
        value = min(instrument.scale_max, total)
        answers[link_id] = value
        total -= value
    return answers


PHQ9_BANDS = [
    (0, "Minimal"),
    (4, "Minimal"),
    (5, "Mild"),
    (9, "Mild"),
    (10, "Moderate"),
    (14, "Moderate"),
    (15, "Moderately severe"),
    (19, "Moderately severe"),
    (20, "Severe"),
    (27, "Severe"),
]
GAD7_BANDS = [
    (0, "Minimal"),
    (4, "Minimal"),
    (5, "Mild"),
    (9, "Mild"),
    (10, "Moderate"),
    (14, "Moderate"),
    (15, "Severe"),
    (21, "Severe"),
]


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_phq9_bands_at_their_published_edges(total: int, band: str) -> None:
    scored = scoring.score(PHQ9, answers_totalling(PHQ9, total))
    assert (scored.total, scored.band) == (total, band)


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_gad7_bands_at_their_published_edges(total: int, band: str) -> None:
    scored = scoring.score(GAD7, answers_totalling(GAD7, total))
    assert (scored.total, scored.band) == (total, band)


def test_a_published_phq9_example_all_several_days_is_nine_and_mild() -> None:
    # Every symptom on "several days" (1): 9 points, the top of "mild" (Kroenke, Spitzer and Williams 2001).
    scored = scoring.score(PHQ9, dict.fromkeys(PHQ9.items, 1))
    assert (scored.total, scored.band, scored.missing) == (9, "Mild", 0)


@pytest.mark.parametrize(
    ("link_id", "value", "band"),
    [
        ("ons4-satisfied", 0, "Low"),
        ("ons4-satisfied", 4, "Low"),
        ("ons4-satisfied", 5, "Medium"),
        ("ons4-worthwhile", 6, "Medium"),
        ("ons4-worthwhile", 7, "High"),
        ("ons4-happy", 8, "High"),
        ("ons4-happy", 9, "Very high"),
        ("ons4-happy", 10, "Very high"),
        ("ons4-anxious", 0, "Very low"),
        ("ons4-anxious", 1, "Very low"),
        ("ons4-anxious", 2, "Low"),
        ("ons4-anxious", 3, "Low"),
        ("ons4-anxious", 4, "Medium"),
        ("ons4-anxious", 5, "Medium"),
        ("ons4-anxious", 6, "High"),
        ("ons4-anxious", 10, "High"),
    ],
)
def test_ons4_each_question_has_its_own_published_thresholds(link_id: str, value: int, band: str) -> None:
    scored = scoring.score(ONS4, {link_id: value})
    assert scored.items[link_id] == value
    assert scored.item_bands[link_id] == band


def test_ons4_has_no_total() -> None:
    scored = scoring.score(ONS4, dict.fromkeys(ONS4.items, 7))
    assert scored.total is None and scored.band is None and len(scored.items) == 4


@pytest.mark.parametrize(
    ("instrument", "before", "after", "change"),
    [
        (PHQ9, 18, 12, "improved"),  # down 6: the IAPT threshold
        (PHQ9, 18, 13, "no_reliable_change"),
        (PHQ9, 12, 18, "deteriorated"),
        (GAD7, 15, 11, "improved"),  # down 4
        (GAD7, 15, 12, "no_reliable_change"),
        (GAD7, 10, 14, "deteriorated"),
    ],
)
def test_reliable_change_on_the_iapt_thresholds(
    instrument: instruments.Instrument, before: int, after: int, change: str
) -> None:
    first = scoring.score(instrument, answers_totalling(instrument, before))
    second = scoring.score(instrument, answers_totalling(instrument, after))
    assert scoring.reliable_change(instrument, first, second) == change


def test_a_first_measure_has_no_change() -> None:
    assert scoring.reliable_change(PHQ9, None, scoring.score(PHQ9, answers_totalling(PHQ9, 20))) is None


def test_goals_are_judged_one_by_one_higher_is_better_by_2_45_points() -> None:
    before = scoring.score(GBO, {"goal-a": 3, "goal-b": 3, "goal-c": 6})
    after = scoring.score(GBO, {"goal-a": 6, "goal-b": 5, "goal-c": 3})
    assert scoring.item_changes(GBO, before, after) == {
        "goal-a": "improved",  # up 3
        "goal-b": "no_reliable_change",  # up 2
        "goal-c": "deteriorated",  # down 3
    }
    replaced = scoring.score(GBO, {"goal-a": 8, "goal-new": 4})
    assert scoring.item_changes(GBO, after, replaced) == {"goal-a": "no_reliable_change", "goal-new": None}


def test_goals_take_at_most_three_answers() -> None:
    with pytest.raises(AnswerError, match="at most 3 answers"):
        scoring.score(GBO, dict.fromkeys(["a", "b", "c", "d"], 5))


def test_ons4_publishes_no_reliable_change_so_none_is_judged() -> None:
    before = scoring.score(ONS4, dict.fromkeys(ONS4.items, 2))
    after = scoring.score(ONS4, dict.fromkeys(ONS4.items, 9))
    assert set(scoring.item_changes(ONS4, before, after).values()) == {None}


def test_answers_that_do_not_fit_are_refused_plainly() -> None:
    with pytest.raises(AnswerError, match='has no question "phq9-10"'):
        scoring.score(PHQ9, {"phq9-10": 1})
    with pytest.raises(AnswerError, match='the answer to "phq9-1" must be from 0 to 3, not 4'):
        scoring.score(PHQ9, {"phq9-1": 4})
    with pytest.raises(AnswerError, match="must be a number"):
        scoring.score(PHQ9, {"phq9-1": True})


# Properties.

scale = st.integers(min_value=0, max_value=3)


@given(st.integers(min_value=0, max_value=10), st.integers(min_value=0, max_value=10))
def test_reversing_twice_is_the_identity(value: int, low: int) -> None:
    high = low + 10
    value += low
    assert scoring.reverse(scoring.reverse(value, low, high), low, high) == value


@given(scale, scale)
def test_a_reversed_item_mirrors_its_answer(out: int, stayed_in: int) -> None:
    scored = scoring.score(EXAMPLE, {"ex-1": out, "ex-2": stayed_in})
    assert scored.items["ex-2"] == 3 - stayed_in
    assert scored.total == out + 3 - stayed_in
    assert scored.subscales == {"out": out}
    # Answering the reversed question at the other end of the scale mirrors its score.
    mirrored = scoring.score(EXAMPLE, {"ex-1": out, "ex-2": 3 - stayed_in})
    assert mirrored.items["ex-2"] == stayed_in


@pytest.mark.parametrize("instrument", TOTALLED, ids=lambda i: i.code)
@given(data=st.data())
def test_phq9_and_gad7_prorate_up_to_two_missing_answers_and_give_no_total_beyond(
    instrument: instruments.Instrument, data: st.DataObject
) -> None:
    answers = data.draw(st.fixed_dictionaries({link_id: st.one_of(st.none(), scale) for link_id in instrument.items}))
    answered = [value for value in answers.values() if value is not None]
    missing = len(instrument.items) - len(answered)
    scored = scoring.score(instrument, answers)
    assert scored.missing == missing
    if missing > 2:
        assert scored.total is None and scored.band is None
    elif missing == 0:
        assert scored.total == sum(answered)
    else:
        exact = sum(answered) * len(instrument.items) / len(answered)
        assert scored.total == math.floor(exact + 0.5)
        assert scored.band is not None


@given(st.fixed_dictionaries({link_id: st.one_of(st.none(), st.integers(0, 10)) for link_id in ONS4.items}))
def test_ons4_scores_each_answered_question_and_skips_the_rest(answers: dict[str, int | None]) -> None:
    scored = scoring.score(ONS4, answers)
    assert scored.items == {link_id: value for link_id, value in answers.items() if value is not None}
    assert scored.missing == sum(1 for value in answers.values() if value is None)


@given(st.one_of(st.none(), scale), st.one_of(st.none(), scale))
def test_the_example_needs_both_answers(out: int | None, stayed_in: int | None) -> None:
    scored = scoring.score(EXAMPLE, {"ex-1": out, "ex-2": stayed_in})
    assert (scored.total is None) == (out is None or stayed_in is None)


points = st.integers(min_value=0, max_value=27)


@given(points, points, st.sampled_from([2.45, 4, 6, 1.8594]), st.booleans())
def test_swapping_before_and_after_flips_the_change(
    before: int, after: int, threshold: float, lower_is_better: bool
) -> None:
    forwards = scoring.classify(before, after, threshold, lower_is_better)
    backwards = scoring.classify(after, before, threshold, lower_is_better)
    flipped = {"improved": "deteriorated", "deteriorated": "improved", "no_reliable_change": "no_reliable_change"}
    assert backwards == flipped[forwards]
    # The direction decides the sign: what is better on one scale is worse on its mirror.
    assert scoring.classify(before, after, threshold, not lower_is_better) == backwards


@given(points, points, st.sampled_from([2.45, 4, 6]), st.booleans())
def test_within_the_threshold_is_no_reliable_change(
    before: int, after: int, threshold: float, lower_is_better: bool
) -> None:
    change = scoring.classify(before, after, threshold, lower_is_better)
    assert (change == "no_reliable_change") == (abs(after - before) < threshold)
    if change == "improved":
        assert (after < before) == lower_is_better


# The batch, for team reports, agrees with scoring one response at a time.

response = st.lists(st.one_of(st.none(), scale), min_size=9, max_size=9)


@given(st.lists(response, min_size=1, max_size=30))
def test_the_batch_totals_agree_with_one_at_a_time(rows: list[list[int | None]]) -> None:
    matrix = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=np.float64)
    totals = scoring.score_totals(PHQ9, matrix)
    for row, total in zip(rows, totals, strict=True):
        expected = scoring.score(PHQ9, dict(zip(PHQ9.items, row, strict=True))).total
        assert (math.isnan(total) and expected is None) or total == expected


@given(st.lists(scale, min_size=2, max_size=2), st.lists(scale, min_size=2, max_size=2))
def test_the_batch_totals_apply_reversed_items(first: list[int], second: list[int]) -> None:
    totals = scoring.score_totals(EXAMPLE, np.array([first, second], dtype=np.float64))
    assert list(totals) == [first[0] + 3 - first[1], second[0] + 3 - second[1]]


@given(st.lists(st.tuples(st.one_of(st.none(), points), points), min_size=1, max_size=30), st.booleans())
def test_the_batch_changes_agree_with_one_at_a_time(pairs: list[tuple[int | None, int]], lower: bool) -> None:
    before = np.array([np.nan if b is None else b for b, _ in pairs], dtype=np.float64)
    after = np.array([a for _, a in pairs], dtype=np.float64)
    codes = scoring.reliable_changes(before, after, 6, lower)
    assert [scoring.CHANGE_CODES[int(code)] for code in codes] == [scoring.classify(b, a, 6, lower) for b, a in pairs]


def test_the_batch_judges_nothing_without_a_threshold() -> None:
    codes = scoring.reliable_changes(np.array([1.0, 9.0]), np.array([9.0, 1.0]), None, False)
    assert [scoring.CHANGE_CODES[int(code)] for code in codes] == [None, None]


def test_the_batch_refuses_instruments_without_a_total() -> None:
    with pytest.raises(ValueError, match="has no total"):
        scoring.score_totals(ONS4, np.zeros((1, 4)))


def test_each_instrument_knows_which_way_is_better() -> None:
    assert PHQ9.lower_is_better and GAD7.lower_is_better
    directions = {link_id: ONS4.per_item[link_id].lower_is_better for link_id in ONS4.items}
    assert directions == {
        "ons4-satisfied": False,
        "ons4-worthwhile": False,
        "ons4-happy": False,
        "ons4-anxious": True,  # less anxiety is better
    }
    assert GBO.per_item_default is not None and not GBO.per_item_default.lower_is_better


goal_ratings = st.dictionaries(st.sampled_from(["goal-1", "goal-2", "goal-3"]), st.integers(0, 10), min_size=1)


@given(goal_ratings, goal_ratings)
def test_goals_overall_change_flips_when_before_and_after_swap(before: dict, after: dict) -> None:
    earlier, later = scoring.score(GBO, before), scoring.score(GBO, after)
    forward = scoring.mean_item_change(GBO, earlier, later)
    backward = scoring.mean_item_change(GBO, later, earlier)
    flipped = {"improved": "deteriorated", "deteriorated": "improved", "no_reliable_change": "no_reliable_change"}
    assert backward == (flipped[forward] if forward else None)
    if not set(before) & set(after):
        assert forward is None  # no goal rated both times: nothing to compare


@given(goal_ratings)
def test_goals_overall_change_needs_an_earlier_rating_and_ons4_has_none(after: dict) -> None:
    assert scoring.mean_item_change(GBO, None, scoring.score(GBO, after)) is None
    ons = {link_id: 5 for link_id in ONS4.items}
    assert scoring.mean_item_change(ONS4, scoring.score(ONS4, ons), scoring.score(ONS4, ons)) is None


@given(st.floats(min_value=0, max_value=3, allow_nan=False).filter(lambda value: not value.is_integer()))
def test_an_answer_between_two_options_is_refused(value: float) -> None:
    with pytest.raises(AnswerError, match="whole number"):
        scoring.score(PHQ9, {"phq9-1": value})
