"""Phone numbers as people type them: kept in their usual written form, letters refused rather than read as a
keypad's digits, and mobiles told apart, since only a mobile can take a text message."""

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.validators import clean_uk_phone, is_mobile


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
