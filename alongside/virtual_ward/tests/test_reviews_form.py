"""The review form as a property: any reading inside its range is taken as typed; any outside it, or not a number,
is refused with the reading's own message; an empty one is never scored. No database."""

import uuid
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from alongside.virtual_ward import news2
from alongside.virtual_ward.forms_reviews import NOT_A_NUMBER, ReviewForm
from alongside.virtual_ward.words_reviews import READINGS

WHOLE = ("respiration_rate", "spo2", "systolic_bp", "pulse")


def bound(**typed) -> ReviewForm:
    return ReviewForm({"form_key": str(uuid.uuid4()), **typed})


@given(st.sampled_from(WHOLE), st.integers(0, 9999))
def test_a_whole_reading_is_taken_inside_its_range_and_refused_outside_it(name, value):
    form = bound(**{name: str(value)})
    if news2.out_of_range(name, value):
        assert not form.is_valid()
        assert form.errors[name] == [READINGS[name].refused]
    else:
        assert form.is_valid(), form.errors
        assert getattr(form.observations(), name) == value


ZEROS = st.sampled_from(
    ["0", "\u0660", "\u06f0", "\u0966", "\uff10"]
)  # 0-9, Arabic-Indic, Persian, Devanagari, full-width


def in_script(text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(ch)) if ch.isdigit() else ch for ch in text)


@given(st.sampled_from(WHOLE), st.integers(0, 999), ZEROS)
def test_a_reading_typed_with_another_scripts_digits_is_read_as_that_number(name, value, zero):
    form = bound(**{name: in_script(str(value), zero)}, temperature=in_script("37.2", zero))
    if not news2.out_of_range(name, value):
        assert form.is_valid(), form.errors
        assert getattr(form.observations(), name) == value
        assert form.observations().temperature == Decimal("37.2")


@given(st.integers(0, 999))
def test_a_temperature_is_taken_to_one_decimal_place_inside_its_range(tenths):
    value = Decimal(tenths) / 10
    form = bound(temperature=f"{value:.1f}")
    if news2.out_of_range("temperature", value):
        assert form.errors["temperature"] == [READINGS["temperature"].refused]
    else:
        assert form.is_valid(), form.errors
        assert form.observations().temperature == value


@given(st.sampled_from([*WHOLE, "temperature"]), st.sampled_from(["fast", "1e3", "-5", "12.5.1", "²", "3 7", "37,2"]))
def test_what_is_not_a_number_is_refused_with_what_to_type(name, typed):
    form = bound(**{name: typed})
    assert not form.is_valid()
    assert form.errors[name] == [NOT_A_NUMBER[name]]


def test_nothing_typed_is_nothing_taken_never_normal():
    form = bound()
    assert form.is_valid()
    scored = news2.score(form.observations())
    assert scored.total is None and scored.missing == news2.PARAMETERS


def test_scale_2_only_when_ticked():
    plain = bound(spo2="90")
    assert plain.is_valid() and plain.observations().spo2_scale == 1
    ticked = bound(spo2="90", spo2_scale_2="on")
    assert ticked.is_valid() and ticked.observations().spo2_scale == 2
