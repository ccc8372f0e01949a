"""The team's outcomes, counted: shares of each group that sum to one, no group under five shown, nothing of a
small group's size leaking out, and change judged in the right direction for each instrument."""

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from alongside.outcomes import team
from alongside.outcomes.instruments import shipped

SHIPPED = shipped()
counts = st.builds(
    team.Counts,
    improved=st.integers(0, 400),
    unchanged=st.integers(0, 400),
    worse=st.integers(0, 400),
)


@given(counts)
def test_no_group_under_five_is_shown(c):
    row = team.row("phq-9", "PHQ-9", c)
    assert row.shown == (c.people >= team.SMALLEST_SHOWN)
    if row.shown:
        assert row.people is not None and row.people >= team.SMALLEST_SHOWN


@given(counts)
def test_shown_shares_sum_to_one_and_percentages_to_a_hundred(c):
    row = team.row("phq-9", "PHQ-9", c)
    if row.shown:
        assert row.shares is not None and sum(row.shares) == 1
        assert row.percents is not None and sum(row.percents) == 100
        for share, percent in zip(row.shares, row.percents, strict=True):
            assert abs(share * 100 - percent) < 1


@given(counts, counts)
def test_suppression_never_leaks_a_count(one, other):
    """Two small groups read exactly alike: nothing shown says how many people, or how they did."""
    small_one = team.Counts(*(min(v, 1) for v in (one.improved, one.unchanged, one.worse)))
    small_other = team.Counts(*(min(v, 1) for v in (other.improved, other.unchanged, other.worse)))
    a, b = team.row("phq-9", "PHQ-9", small_one), team.row("phq-9", "PHQ-9", small_other)
    assert a == b and not a.shown
    assert a.people is None and a.shares is None and a.percents is None
    assert not any(ch.isdigit() for ch in a.sentence.replace("PHQ-9", ""))


@given(
    st.lists(st.tuples(st.integers(0, 27), st.integers(0, 27)), min_size=0, max_size=60),
)
def test_the_sign_of_change_follows_the_instruments_direction(pairs):
    """PHQ-9: lower is better, so a fall of at least its threshold is an improvement; goals: higher is better."""
    before = np.array([p[0] for p in pairs], dtype=np.float64)
    after = np.array([p[1] for p in pairs], dtype=np.float64)
    phq9 = SHIPPED["phq-9"]
    threshold = phq9.reliable_change.threshold
    got = team.counted(before, after, threshold, lower_is_better=True)
    assert got.improved == sum(1 for b, a in pairs if b - a >= threshold)
    assert got.worse == sum(1 for b, a in pairs if a - b >= threshold)
    assert got.people == len(pairs)
    mirrored = team.counted(before, after, threshold, lower_is_better=False)
    assert (mirrored.improved, mirrored.worse) == (got.worse, got.improved)


def test_a_missing_score_is_not_counted():
    got = team.counted(np.array([20.0, np.nan]), np.array([5.0, 5.0]), 6, lower_is_better=True)
    assert got == team.Counts(improved=1, unchanged=0, worse=0)


def test_percentages_go_to_the_largest_remainders():
    assert team.percentages((Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))) == (34, 33, 33)
    assert team.percentages((Fraction(1, 6), Fraction(2, 3), Fraction(1, 6))) == (17, 67, 16)  # ties go to the first


def test_each_instrument_has_a_line_saying_why_when_it_is_not_counted():
    instruments = [SHIPPED[code] for code in ("phq-9", "ons4", "gbo")]
    pairs = {"phq-9": (np.array([20.0] * 6), np.array([8.0] * 5 + [19.0]))}
    phq9, ons4, gbo = team.report(instruments, pairs)
    assert phq9.shown and phq9.people == 6 and phq9.percents == (83, 17, 0)
    assert not ons4.shown and "no published measure" in ons4.sentence
    assert not gbo.shown and "Too few people" in gbo.sentence


answers = st.lists(
    st.tuples(
        st.integers(1, 6),  # person
        st.integers(1, 2),  # instrument
        st.integers(0, 5),  # when (ties happen)
        st.one_of(st.none(), st.integers(0, 27)),  # value, or none
    ),
    max_size=40,
)


@given(answers)
def test_each_persons_first_and_latest_are_theirs_in_time_order(rows):
    """As grouping the answers by hand: for each person and instrument with two or more valued answers, the value
    of the earliest (ties: the lower id) and of the latest (ties: the higher id)."""
    ids = np.arange(len(rows), dtype=np.int64)
    person = np.array([r[0] for r in rows], dtype=np.int64)
    kind = np.array([r[1] for r in rows], dtype=np.int32)
    at = np.array([r[2] for r in rows], dtype=np.float64)
    value = np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=np.float64)
    got = team.first_and_latest(person, kind, at, ids, value, ["phq-9", "gad-7"])
    for place, code in ((1, "phq-9"), (2, "gad-7")):
        by_person: dict[int, list] = {}
        for i, (who, k, when, v) in enumerate(rows):
            if k == place and v is not None:
                by_person.setdefault(who, []).append((when, i, v))
        expected = sorted((min(found)[2], max(found)[2]) for found in by_person.values() if len(found) >= 2)
        before, after = got.get(code, (np.empty(0), np.empty(0)))
        assert sorted(zip(before.tolist(), after.tolist(), strict=True)) == expected
