"""Whole numbers from what is typed or in a link: never an error, whatever comes, and a number typed with the digits
of any keyboard (Arabic-Indic, Persian, full-width...) read as the number it is."""

import sys
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from alongside.core.numbers import ascii_digits, whole_number

# The zero of every script's decimal digits (Unicode keeps each script's 0 to 9 together, in order): "0", "٠", "۰",
# "०", "০", "０" and the rest
ZEROS = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isdecimal() and unicodedata.decimal(chr(c)) == 0]


def written_in(zero: str, number: int) -> str:
    """`number` written with the digits that start at `zero`."""
    return "".join(chr(ord(zero) + int(d)) for d in str(number))


def test_the_scripts_include_the_keyboards_people_type_on():
    assert {"0", "٠", "۰", "०", "০", "０"} <= set(ZEROS) and len(ZEROS) > 50


@given(st.text())
@example("²")
@example("①")
@example("٣")
@example("9" * 5000)
def test_any_text_gives_a_whole_number_or_none_and_never_an_error(text):
    found = whole_number(text)
    assert found is None or (found >= 0 and str(found) == ascii_digits(text.strip()).lstrip("0").rjust(1, "0"))


@given(st.integers(min_value=0, max_value=10**30), st.sampled_from(ZEROS), st.sampled_from(["", " ", "  ", "\t"]))
@example(2025, "٠", "")
@example(12, "０", " ")
def test_a_whole_number_written_in_any_script_is_read_back(number, zero, space):
    written = written_in(zero, number)
    assert whole_number(f"{space}{written}{space}") == number
    assert whole_number(f"{zero}{zero}{written}") == number
    assert ascii_digits(written) == str(number)


@given(st.integers(), st.integers(), st.integers(), st.sampled_from(ZEROS))
def test_bounds_keep_a_number_in_range_and_refuse_the_rest(number, low, high, zero):
    written = ("-" if number < 0 else "") + written_in(zero, abs(number))
    found = whole_number(written, low=low, high=high)
    if number >= 0 and low <= number <= high:
        assert found == number
    else:
        assert found is None


@given(st.text(alphabet=st.characters(categories=["No", "Nl"]), min_size=1))
@example("²")
@example("½")
def test_digit_like_characters_that_are_not_decimal_digits_are_refused(text):
    assert whole_number(text) is None


@given(st.integers(min_value=0), st.sampled_from(ZEROS), st.sampled_from(["-", "+", ".5", ".0", " 1", ",000", "²"]))
def test_signs_decimal_points_spaces_inside_and_superscripts_are_refused(number, zero, extra):
    written = written_in(zero, number)
    assert whole_number(extra + written if extra in "-+" else written + extra) is None


@pytest.mark.parametrize(
    "text", ["", " ", "-1", "+1", "1.0", "1e3", "1_000", "1 000", "0x10", "²", "①", "½", "١.٢", "-١٢", "9" * 1001]
)
def test_what_is_not_a_whole_number_of_decimal_digits_is_none(text):
    assert whole_number(text) is None


def test_a_long_number_is_read_up_to_a_thousand_digits():
    assert whole_number("9" * 1000) == 10**1000 - 1


def test_not_text_is_none():
    assert whole_number(None) is None  # type: ignore[arg-type]


@given(st.text())
def test_ascii_digits_changes_only_decimal_digits(text):
    changed = ascii_digits(text)
    assert len(changed) == len(text)
    for before, after in zip(text, changed, strict=True):
        assert after == (str(unicodedata.decimal(before)) if before.isdecimal() else before)
