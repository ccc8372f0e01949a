"""Whole numbers from what is typed or in a link: never an error, whatever comes."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from alongside.core.numbers import whole_number


@given(st.text())
@example("²")
@example("①")
@example("٣")
@example("9" * 5000)
def test_any_text_gives_a_whole_number_or_none_and_never_an_error(text):
    found = whole_number(text)
    assert found is None or (found >= 0 and str(found) == text.strip().lstrip("0").rjust(1, "0"))


@given(st.integers(min_value=0, max_value=10**30), st.sampled_from(["", " ", "  ", "\t"]))
def test_a_whole_number_written_out_is_read_back(number, space):
    assert whole_number(f"{space}{number}{space}") == number
    assert whole_number(f"00{number}") == number


@given(st.integers(), st.integers(), st.integers())
def test_bounds_keep_a_number_in_range_and_refuse_the_rest(number, low, high):
    found = whole_number(str(number), low=low, high=high)
    if number >= 0 and low <= number <= high:
        assert found == number
    else:
        assert found is None


@given(st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1))
def test_digits_other_than_0_to_9_are_refused(text):
    if not text.isascii():
        assert whole_number(text) is None


@pytest.mark.parametrize("text", ["", " ", "-1", "+1", "1.0", "1e3", "1_000", "1 000", "0x10", "²", "①", "١٢"])
def test_what_is_not_a_whole_number_of_plain_digits_is_none(text):
    assert whole_number(text) is None


def test_not_text_is_none():
    assert whole_number(None) is None  # type: ignore[arg-type]
