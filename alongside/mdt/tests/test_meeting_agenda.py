"""The agenda's arithmetic, as properties: times follow from the start and the minutes, moves swap neighbours,
volunteers first keeps each group's order, and the words an invitee reads."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.mdt import agenda

START = datetime(2026, 12, 8, 12, 30, tzinfo=UTC)
minutes_lists = st.lists(st.integers(min_value=agenda.SHORTEST, max_value=agenda.LONGEST), max_size=40)


@given(minutes_lists)
def test_each_item_starts_when_the_one_before_it_ends(minutes):
    times = agenda.starts(START, minutes)
    assert len(times) == len(minutes)
    if minutes:
        assert times[0] == START
    for i in range(1, len(minutes)):
        assert times[i] - times[i - 1] == timedelta(minutes=minutes[i - 1])
    assert agenda.ends(START, minutes) == START + timedelta(minutes=sum(minutes))


@given(
    st.lists(st.integers(), unique=True, max_size=30), st.integers(-2, 32), st.sampled_from([agenda.UP, agenda.DOWN])
)
def test_a_move_swaps_an_item_with_its_neighbour_and_loses_nothing(order, index, direction):
    result = agenda.moved(order, index, direction)
    assert sorted(result) == sorted(order)
    other = index - 1 if direction == agenda.UP else index + 1
    if 0 <= index < len(order) and 0 <= other < len(order):
        assert result[other] == order[index] and result[index] == order[other]
        assert agenda.moved(result, other, agenda.DOWN if direction == agenda.UP else agenda.UP) == order
    else:
        assert result == order


@given(st.lists(st.tuples(st.integers(), st.booleans()), max_size=30))
def test_volunteers_first_keeps_each_groups_order(pairs):
    order, flags = [p for p, _ in pairs], [f for _, f in pairs]
    result = agenda.invited_first(order, flags)
    with_volunteer = [p for p, f in pairs if f]
    assert result == with_volunteer + [p for p, f in pairs if not f]
    assert (
        agenda.invited_first(result, [True] * len(with_volunteer) + [False] * (len(pairs) - len(with_volunteer)))
        == result
    )


@given(st.text(max_size=6))
def test_minutes_typed_are_a_whole_number_in_range_or_a_message(typed):
    problem = agenda.minutes_problem(typed)
    text = typed.strip()
    ok = text.isdecimal() and agenda.SHORTEST <= int(text) <= agenda.LONGEST  # decimal digits of any script
    assert (problem is None) == ok


@given(st.integers(agenda.SHORTEST, agenda.LONGEST), st.sampled_from(["0", "\u0660", "\u06f0", "\u0966", "\uff10"]))
def test_minutes_typed_with_another_scripts_digits_are_that_number(minutes, zero):
    typed = "".join(chr(ord(zero) + int(digit)) for digit in str(minutes))  # "١٠" is 10 in Arabic-Indic digits
    assert agenda.minutes_problem(typed) is None
    assert (
        agenda.minutes_problem("\u00b2") == "Minutes must be a whole number, like 10"
    )  # "²" is not a digit people type


def test_the_words_an_invitee_reads():
    at = datetime(2026, 12, 8, 12, 40)
    assert agenda.join_words(at, "Harold Hart", 10) == "Tuesday 8 December, join at 12:40 for Harold Hart (10 minutes)"


def test_a_phone_number_in_the_place_is_split_out_to_be_tapped():
    assert agenda.place_parts("Phone in on 01632 960 001, code 4411") == agenda.Place(
        "Phone in on ", "01632 960 001", ", code 4411"
    )
    assert agenda.place_parts("Meeting room 2") == agenda.Place("Meeting room 2")
