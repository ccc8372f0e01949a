"""The best times to visit: which times fit, putting them first, and the words for them."""

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.continuity.visit_times import PARTS, Preferred, describe, fits, fits_text, part_of_day, ranges, rank

MONDAY = datetime(2026, 12, 7)
preferences = st.builds(
    Preferred,
    days=st.frozensets(st.integers(0, 6)),
    parts=st.frozensets(st.sampled_from(["morning", "afternoon", "evening"])),
)
times = st.lists(
    st.integers(0, 14 * 24 * 4 - 1).map(lambda quarter_hours: MONDAY + timedelta(minutes=15 * quarter_hours)),
    max_size=40,
)


@given(preferences, times)
def test_ranking_keeps_every_time_once_fitting_ones_first_each_group_in_the_order_given(preferred, offered):
    ranked = rank(offered, preferred, lambda t: t)
    assert sorted(ranked) == sorted(offered)
    fitting = [fits(preferred, t) for t in ranked]
    if preferred.stated:
        assert fitting == sorted(fitting, reverse=True)  # every fitting time before every other
        assert [t for t in ranked if fits(preferred, t)] == [t for t in offered if fits(preferred, t)]
        assert [t for t in ranked if not fits(preferred, t)] == [t for t in offered if not fits(preferred, t)]
    else:
        assert ranked == offered  # nothing stated: the order is left alone


@given(preferences, st.integers(0, 14 * 24 - 1))
def test_a_time_fits_when_its_day_and_its_part_of_the_day_were_chosen_or_left_open(preferred, hours):
    moment = MONDAY + timedelta(hours=hours)
    expected = (not preferred.days or moment.weekday() in preferred.days) and (
        not preferred.parts or part_of_day(moment) in preferred.parts
    )
    assert fits(preferred, moment) == expected


@given(preferences)
def test_every_choice_has_words_and_no_choice_has_none(preferred):
    words = describe(preferred)
    everything = preferred.days in (frozenset(), frozenset(range(7))) and len(preferred.parts) in (0, 3)
    assert (words == "") == everything
    assert "  " not in words and not words.endswith(" ")


def test_the_words_read_as_people_say_them():
    weekday_mornings = Preferred(days=frozenset(range(5)), parts=frozenset({"morning"}))
    assert describe(weekday_mornings) == "Weekday mornings"
    assert fits_text("Ada", weekday_mornings) == "Fits Ada's preferred times: weekday mornings"
    assert describe(Preferred(days=frozenset({0, 3}))) == "Mondays and Thursdays"
    assert describe(Preferred(parts=frozenset({"afternoon", "morning"}))) == "Mornings and afternoons"
    both = Preferred(days=frozenset({0, 1, 2, 3, 4, 5}), parts=frozenset({"evening"}))
    assert describe(both) == "Evenings on weekdays and Saturdays"
    assert fits_text("Ada", Preferred(days=frozenset({1}))) == "Fits Ada's preferred times: Tuesdays"


def test_the_parts_of_the_day_meet_at_noon_and_five():
    assert part_of_day(MONDAY.replace(hour=11, minute=59)) == "morning"
    assert part_of_day(MONDAY.replace(hour=12)) == "afternoon"
    assert part_of_day(MONDAY.replace(hour=17)) == "evening"


@given(
    st.frozensets(st.integers(0, 6)),
    st.frozensets(st.sampled_from(sorted(PARTS))),
    st.datetimes(min_value=datetime(2026, 1, 5), max_value=datetime(2026, 1, 11, 23, 59)),
)
def test_the_weeks_preferred_ranges_hold_exactly_the_times_that_fit(days, parts, moment):
    preferred = Preferred(days=days, parts=parts)
    inside = any(start <= moment < until for start, until in ranges(preferred, date(2026, 1, 5)))
    assert inside == (preferred.stated and fits(preferred, moment))
