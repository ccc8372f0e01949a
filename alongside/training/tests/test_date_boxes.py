"""The three boxes for the day a course was finished: whatever is typed gives a date or one message, never an error
page, and a date only from digits (whole_number decides which scripts' digits it reads)."""

from datetime import date

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alongside.training.forms import _completed

boxes = st.one_of(st.text(max_size=12), st.integers(min_value=-(10**12), max_value=10**12).map(str))


class Collects:
    def __init__(self):
        self.errors = []

    def add_error(self, field, message):
        self.errors.append((field, message))


@given(day=boxes, month=boxes, year=boxes)
def test_any_boxes_give_a_date_or_one_message(day, month, year):
    form = Collects()
    found = _completed(form, {"completed_day": day, "completed_month": month, "completed_year": year})
    assert (found is None) == (len(form.errors) == 1)
    if found is not None:
        assert isinstance(found, date) and found <= timezone.localdate()
        assert all(p.strip().isdecimal() for p in (day, month, year))  # no sign, point or underscore
        assert (found.day, found.month, found.year) == (int(day), int(month), int(year))
