"""The three-box date field used across the service: a day or month too big for any date gets the field's own
message, never an error page."""

import pytest
from django import forms

from alongside.consent.forms import DateInputField


@pytest.mark.parametrize("parts", [["9999999999999999999999", "1", "2025"], ["1", "99999999999999999999", "2025"]])
def test_a_day_or_month_too_big_for_any_date_gets_the_fields_message(parts):
    field = DateInputField(named="The date", example="14 3 2025")
    with pytest.raises(forms.ValidationError, match="The date must be a real date"):
        field.clean(parts)
