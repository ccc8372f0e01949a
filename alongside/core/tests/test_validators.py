"""Phone numbers as people type them: kept in their usual written form, letters refused rather than read as a
keypad's digits, and mobiles told apart, since only a mobile can take a text message. NHS numbers typed with the
digits of any keyboard, kept as 0 to 9."""

import pytest
from django import forms
from hypothesis import example, given
from hypothesis import strategies as st
from nhs_number import calculate_checksum

from alongside.core.tests.test_numbers import ZEROS, written_in
from alongside.core.validators import clean_nhs_number, clean_uk_phone, is_mobile


@given(
    st.integers(999_000_000, 999_999_999).filter(  # the 999 range, kept for tests
        lambda n: calculate_checksum(f"{n:09d}") != 10
    ),
    st.sampled_from(ZEROS),
)
@example(999_123_451, "٠")  # Arabic-Indic: ٩٩٩ ١٢٣ ٤٥١٩
@example(999_123_451, "۰")  # Persian and Urdu
@example(999_123_451, "０")  # full-width
def test_an_nhs_number_typed_in_any_script_is_valid_and_kept_as_0_to_9(nine, zero):
    number = f"{nine:09d}{calculate_checksum(f'{nine:09d}')}"
    typed = " ".join(
        written_in(zero, int(part)).rjust(len(part), zero) for part in (number[:3], number[3:6], number[6:])
    )
    assert clean_nhs_number(typed) == number and number.isascii()


@pytest.mark.parametrize("typed", ["٩٩٩ ١٢٣ ٤٥١٨", "999 123 451²", "999 123 451½", "٩٩٩١٢٣٤٥١", "-999 123 4519"])
def test_a_wrong_nhs_number_in_any_script_is_refused(typed):
    with pytest.raises(forms.ValidationError):
        clean_nhs_number(typed)


@pytest.mark.parametrize("typed", ["12345abc", "07700 9OO553", "0800 FLOWERS"])
def test_letters_in_a_phone_number_are_refused_not_turned_into_other_digits(typed):
    with pytest.raises(forms.ValidationError, match="Enter a UK phone number, like 07700 900123"):
        clean_uk_phone(typed)


@given(st.integers(0, 999))
def test_a_mobile_in_the_drama_range_is_written_as_usual_and_takes_texts(tail):
    typed = f"07700900{tail:03d}"
    assert clean_uk_phone(typed) == f"07700 900{tail:03d}"
    assert is_mobile(typed)


@pytest.mark.parametrize("landline", ["01632 960801", "020 7946 0000", "0808 157 0000", "", "not a number"])
def test_landlines_and_others_take_no_texts(landline):
    assert not is_mobile(landline)


@pytest.mark.parametrize("typed", ["07700 900123 ext 12", "01632 960123 extension 4", "01632 960123 x7"])
def test_an_extension_is_not_taken_for_letters(typed):
    assert clean_uk_phone(typed).startswith(("07700 900123", "01632 960123"))
