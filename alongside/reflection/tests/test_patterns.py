"""The team's patterns (patterns.py): no month shown with fewer than five reflections, shares between 0 and 1 and
hardest first, and a held-back month that says nothing of how many it had."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from alongside.reflection.patterns import AT_LEAST, Month, Written, monthly, months_back
from alongside.reflection.tips import KEYS

MONTHS = months_back(date(2026, 12, 4), 6)

reflections = st.lists(
    st.builds(Written, month=st.sampled_from(MONTHS), hard=st.frozensets(st.sampled_from(KEYS))), max_size=60
)


@given(reflections, st.integers(min_value=0, max_value=8))
def test_no_month_is_shown_with_fewer_than_the_threshold(written, at_least):
    for month in monthly(written, MONTHS, KEYS, at_least):
        in_it = sum(1 for w in written if w.month == month.month)
        if month.shown:
            assert month.count == in_it >= max(at_least, 1)
        else:
            assert in_it < max(at_least, 1)


@given(reflections)
def test_shares_are_between_0_and_1_hardest_first_and_true(written):
    for month in monthly(written, MONTHS, KEYS):
        if not month.shown:
            continue
        shares = [s.share for s in month.shares]
        assert all(0 <= s <= 1 for s in shares)
        assert shares == sorted(shares, reverse=True)
        assert sorted(s.key for s in month.shares) == sorted(KEYS)
        in_it = [w for w in written if w.month == month.month]
        for s in month.shares:
            assert s.share == sum(1 for w in in_it if s.key in w.hard) / len(in_it)


@given(reflections, reflections)
def test_a_held_back_month_looks_the_same_whatever_it_held(written, other):
    """Every month asked for is answered; one held back carries no count and no shares, so none and four look
    alike."""
    ours, theirs = monthly(written, MONTHS, KEYS), monthly(other, MONTHS, KEYS)
    assert [m.month for m in ours] == MONTHS
    for a, b in zip(ours, theirs, strict=True):
        if not a.shown and not b.shown:
            assert a == b == Month(a.month, None, ())


def test_a_month_of_five_is_shown_hardest_first_ties_in_the_order_of_the_ten():
    month = MONTHS[0]
    written = [Written(month, frozenset({"hope"}))] * 3 + [Written(month, frozenset())] * (AT_LEAST - 3)
    shown = monthly(written, [month], KEYS)[0]
    assert shown.count == AT_LEAST
    assert (shown.shares[0].key, shown.shares[0].percent) == ("hope", 60)
    assert [s.key for s in shown.shares[1:]] == [k for k in KEYS if k != "hope"]
    assert not monthly(written[:-1], [month], KEYS)[0].shown


def test_months_back_crosses_the_year():
    assert months_back(date(2027, 2, 14), 4) == [
        date(2027, 2, 1),
        date(2027, 1, 1),
        date(2026, 12, 1),
        date(2026, 11, 1),
    ]


@given(reflections, st.sampled_from(MONTHS))
def test_a_month_not_yet_over_is_never_shown_whatever_its_count(written, open_from):
    """Shown as it grew, a month would tell a colleague who looked before and after what one person ticked."""
    for month in monthly(written, MONTHS, KEYS, open_from=open_from):
        if month.month >= open_from:
            assert month.open and not month.shown and month.shares == ()
        else:
            assert not month.open
