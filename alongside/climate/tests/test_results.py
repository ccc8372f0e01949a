"""The results' rules as properties: a month under five answers is held back whole and looks the same whatever
it held; shown months count every answer and give shares between 0 and 1; movements follow the two latest shown
months and turn round with the answers."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from alongside.climate import definitions, results
from alongside.climate.results import AT_LEAST, Answered, Direction, Month

DEFINITION = definitions.shipped()[definitions.DEFAULT]
KEYS = [s.key for s in DEFINITION.statements]
MONTHS = results.months_back(date(2026, 12, 5), 6)

values = st.fixed_dictionaries({key: st.integers(1, 5) for key in KEYS})
month = st.sampled_from(MONTHS)
answers = st.lists(st.builds(Answered, month, values), max_size=60)


@given(st.lists(values, max_size=AT_LEAST - 1), st.lists(values, max_size=AT_LEAST - 1))
def test_a_month_under_five_is_held_back_and_looks_the_same_whatever_it_held(few, other):
    one = results.monthly([Answered(MONTHS[0], v) for v in few], MONTHS, DEFINITION)
    two = results.monthly([Answered(MONTHS[0], v) for v in other], MONTHS, DEFINITION)
    assert one == two
    assert one[0] == Month(MONTHS[0], None, ())


@given(answers)
def test_every_month_asked_is_answered_in_order_and_shown_only_from_five(given_answers):
    found = results.monthly(given_answers, MONTHS, DEFINITION)
    assert [m.month for m in found] == MONTHS
    for m in found:
        count = sum(1 for a in given_answers if a.month == m.month)
        assert m.shown == (count >= AT_LEAST)
        if m.shown:
            assert m.count == count
            assert [a.key for a in m.areas] == [a.key for a in DEFINITION.areas]
            assert all(0 <= a.share <= 1 and 0 <= a.percent <= 100 for a in m.areas)
        else:
            assert m.count is None and m.areas == ()


@given(answers, st.lists(values, max_size=10))
def test_answers_in_months_not_asked_change_nothing(given_answers, elsewhere):
    outside = [Answered(date(2020, 1, 1), v) for v in elsewhere]
    assert results.monthly(given_answers + outside, MONTHS, DEFINITION) == results.monthly(
        given_answers, MONTHS, DEFINITION
    )


@given(answers)
def test_the_order_of_answers_does_not_matter(given_answers):
    assert results.monthly(list(reversed(given_answers)), MONTHS, DEFINITION) == results.monthly(
        given_answers, MONTHS, DEFINITION
    )


def turned_round(answer: Answered) -> Answered:
    return Answered(answer.month, {key: 6 - value for key, value in answer.values.items()})


@given(answers)
def test_movements_turn_round_when_every_answer_does(given_answers):
    """Answering 5 for 1 swaps good and bad, except the middle point (3), which is neither: so only when no one
    answered 3 does higher become lower exactly."""
    given_answers = [Answered(a.month, {k: (4 if v == 3 else v) for k, v in a.values.items()}) for a in given_answers]
    ups = results.movements(results.monthly(given_answers, MONTHS, DEFINITION), DEFINITION)
    downs = results.movements(results.monthly(list(map(turned_round, given_answers)), MONTHS, DEFINITION), DEFINITION)
    swap = {Direction.HIGHER: Direction.LOWER, Direction.LOWER: Direction.HIGHER, Direction.STEADY: Direction.STEADY}
    assert [(m.key, swap[m.direction]) for m in ups] == [(m.key, m.direction) for m in downs]


@given(answers)
def test_movements_need_two_shown_months_and_compare_the_latest_two(given_answers):
    found = results.monthly(given_answers, MONTHS, DEFINITION)
    shown = sorted((m for m in found if m.shown), key=lambda m: m.month)
    moved = results.movements(found, DEFINITION)
    if len(shown) < 2:
        assert moved == []
        return
    assert len(moved) == len(DEFINITION.areas)
    for m in moved:
        assert m.since == shown[-2].month
        assert m.points == shown[-1].share(m.key).percent - shown[-2].share(m.key).percent
        assert (m.direction == Direction.STEADY) == (abs(m.points) < results.STEADY_WITHIN)


def test_a_reversed_statement_counts_disagreeing_as_good():
    rushed = next(s for s in DEFINITION.statements if s.reversed)
    assert DEFINITION.positive(rushed, 1) and not DEFINITION.positive(rushed, 5) and not DEFINITION.positive(rushed, 3)


def test_shares_are_good_answers_among_the_areas_statements():
    all_agree = {key: 4 for key in KEYS}
    found = results.monthly([Answered(MONTHS[0], all_agree)] * 5, MONTHS, DEFINITION)[0]
    # every statement agreed with: good, except the reversed one in "Time to reflect"
    assert [(a.key, a.percent) for a in found.areas] == [
        ("speak_up", 100),
        ("support", 100),
        ("purpose", 100),
        ("reflect", 50),
    ]


def test_months_back_crosses_the_year():
    assert results.months_back(date(2027, 2, 14), 3) == [date(2027, 2, 1), date(2027, 1, 1), date(2026, 12, 1)]


@given(answers)
def test_a_month_still_open_is_held_back_whatever_it_holds_and_the_others_are_not_touched(given_answers):
    opened = results.monthly(given_answers, MONTHS, DEFINITION, open_from=MONTHS[0])
    closed = results.monthly(given_answers, MONTHS, DEFINITION)
    assert opened[0] == Month(MONTHS[0], None, (), open=True)
    assert opened[1:] == closed[1:]


coded = st.lists(st.builds(results.Coded, month, st.sampled_from(["a", "b", "c"]), values), max_size=40)


@given(coded, st.sampled_from(["a", "b", "c"]))
def test_each_month_has_one_set_this_month_the_current_one_and_runs_keep_every_month_in_order(given_, current):
    codes = results.month_codes(given_, MONTHS, current)
    assert len(codes) == len(MONTHS) and codes[0] == current
    for when, code in zip(MONTHS[1:], codes[1:], strict=True):
        counts = [one.code for one in given_ if one.month == when]
        if counts:  # the set most answered that month: no other set had more answers in it
            assert all(counts.count(code) >= counts.count(other) for other in counts)
    split = results.runs(MONTHS, codes)
    assert [m for _, run in split for m in run] == list(MONTHS)
    assert all(a != b for (a, _), (b, _) in zip(split, split[1:], strict=False))


@given(coded, st.sampled_from(["a", "b", "c"]))
def test_a_month_shown_counts_only_the_answers_to_its_own_set(given_, current):
    """However the sets mix, a shown month had at least five answers to the one set it is shown with."""
    codes = results.month_codes(given_, MONTHS, current)
    for code, run in results.runs(MONTHS, codes):
        mine = [one.answered for one in given_ if one.code == code and one.month in run]
        for shown in (m for m in results.monthly(mine, run, DEFINITION, open_from=MONTHS[0]) if m.shown):
            same = [one for one in given_ if one.month == shown.month and one.code == code]
            assert shown.count == len(same) >= AT_LEAST
