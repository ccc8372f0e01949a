"""The virtual ward's figures: the period (two dates, in the NHS.UK date pattern, or as 2026-04-01 in a link) and
the ward, from the page's address (GET). Whatever is not given is the default (the last 12 months up to today, the
user's first ward), so the form is always bound and checked, and keeps exactly what was typed."""

from datetime import date, timedelta

from django import forms

from alongside.consent.forms import DateInputField
from alongside.core.numbers import whole_number

EARLIEST_YEAR = 2000
PARTS = ("day", "month", "year")


def last_twelve_months(today: date) -> tuple[date, date]:
    return today - timedelta(days=364), today


class FiguresForm(forms.Form):
    ward = forms.ChoiceField(
        label="Ward", error_messages={"invalid_choice": "Select one of your wards", "required": "Select a ward"}
    )

    def __init__(self, query, *, today: date, wards: list[tuple[int, str]]):
        self.today = today
        first, last = last_twelve_months(today)
        data = {**_parts("from", first), **_parts("to", last), "ward": str(wards[0][0]) if wards else ""}
        for name in ("from", "to"):
            given = query.get(name, "")
            if given:  # a simple date in a link: 2026-04-01
                data.update(_simple(name, given))
        keys = {f"{name}_{part}" for name in ("from", "to") for part in PARTS} | {"ward"}
        data.update({key: query.get(key, "") for key in query if key in keys and (key != "ward" or query.get(key))})
        super().__init__(data)
        self.fields["from"] = DateInputField(
            named="The start date", example="1 4 2026", label="From", help_text="For example, 1 4 2026"
        )
        self.fields["to"] = DateInputField(
            named="The end date", example="31 3 2026", label="To", help_text="For example, 31 3 2026"
        )
        self.fields["ward"].choices = [(str(pk), name) for pk, name in wards]

    def clean(self):
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first and first.year < EARLIEST_YEAR:
            self.add_error("from", f"The start date must be in {EARLIEST_YEAR} or later")
        if last and last > self.today:
            self.add_error("to", "The end date must be today or in the past")
        if first and last and last < first and not self.has_error("to"):
            self.add_error("to", "The end date must be the same as or after the start date")
        return data

    @property
    def period(self) -> tuple[date, date] | None:
        """The chosen first and last days, or None while the dates have a problem."""
        if self.errors:
            return None
        return self.cleaned_data["from"], self.cleaned_data["to"]


def _parts(name: str, day: date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _simple(name: str, given: str) -> dict:
    """'2026-04-01' as the three boxes; anything else goes in the day box, so the message says what is wrong."""
    pieces = given.strip().split("-")
    if len(pieces) == 3:
        year, month, day = (p if (n := whole_number(p)) is None else str(n) for p in pieces)
        return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
    return {f"{name}_day": given, f"{name}_month": "", f"{name}_year": ""}
