"""The board part's forms: a day's beds, and a visit or call recorded as done (and when it happened)."""

import re
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField

MOST_BEDS = 200


class BedsForm(forms.Form):
    """The ward's beds on one day: today up to a year ahead."""

    day = DateInputField(named="The date", example="8 12 2026", label="Date", help_text="For example, 8 12 2026")
    beds = forms.IntegerField(
        label="Beds on that day",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        min_value=0,
        max_value=MOST_BEDS,
        error_messages={
            "required": "Enter how many beds the ward has that day",
            "invalid": "Enter the number of beds as a whole number, like 18",
            "min_value": "The number of beds cannot be less than 0",
            "max_value": f"The number of beds must be {MOST_BEDS} or fewer",
        },
    )
    reason = forms.CharField(
        label="Why it is different (optional)",
        help_text="For example: 2 nurses off sick, or extra winter beds",
        max_length=300,
        required=False,
        error_messages={"max_length": "Keep the reason to 300 characters or fewer"},
    )

    def clean_day(self):
        day = self.cleaned_data.get("day")
        today = timezone.localdate()
        if day is not None and day < today:
            raise forms.ValidationError("The date must be today or in the future")
        if day is not None and day > today + timedelta(days=366):
            raise forms.ValidationError("The date must be within the next year")
        return day


CLOCK = re.compile(r"\s*([0-9]{1,2})\s*[:.]\s*([0-9]{2})\s*")
DAYS = {"today": 0, "yesterday": 1}
EARLY = timedelta(hours=2)  # done more than this before its planned time: allowed (visits move), and said so


def happened_at(day: str, typed: str, now: datetime) -> datetime | None:
    """The moment a visit or call happened, from "today" or "yesterday" and a time like "14:30" (or 14.30), in UK
    time; None when the time is not a real one."""
    found = CLOCK.fullmatch(typed or "")
    if found is None or day not in DAYS:
        return None
    hours, minutes = int(found[1]), int(found[2])
    if hours > 23 or minutes > 59:
        return None
    on = timezone.localtime(now).date() - timedelta(days=DAYS[day])
    return timezone.make_aware(datetime.combine(on, time(hours, minutes)))


def done_early(at: datetime, due_at: datetime) -> bool:
    """Done more than 2 hours before it was planned."""
    return at < due_at - EARLY


class DoneForm(forms.Form):
    """When a visit or call happened (nothing filled in for the nurse: they say it), and what happened, in a few
    words."""

    day = forms.ChoiceField(
        label="When did it happen?",
        choices=[("today", "Today"), ("yesterday", "Yesterday")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it happened today or yesterday"},
    )
    time = forms.CharField(
        label="Time",
        help_text="Use the 24-hour clock. For example, 14:30",
        max_length=10,
        error_messages={"required": "Enter the time it happened, for example, 14:30"},
    )

    minutes = forms.IntegerField(
        label="How many minutes it took",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        min_value=1,
        max_value=600,
        error_messages={
            "required": "Enter how many minutes it took",
            "invalid": "Enter the minutes as a whole number, like 30",
            "min_value": "It must have taken at least 1 minute",
            "max_value": "Enter 600 minutes or fewer (10 hours)",
        },
    )
    note = forms.CharField(
        label="What happened",
        help_text="A few words: how they are and anything the next nurse should know",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Write a few words about what happened",
            "max_length": "Keep the note to 2000 characters or fewer",
        },
    )

    def __init__(self, *args, now: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def clean(self):
        data = super().clean()
        if "day" not in data or "time" not in data:
            return data
        at = happened_at(data["day"], data["time"], self.now)
        if at is None:
            self.add_error("time", "Enter a real time on the 24-hour clock, for example, 14:30 or 09:05")
        elif at > self.now:
            self.add_error(
                "time",
                f"The time cannot be in the future: it is {timezone.localtime(self.now):%H:%M} now. "
                "Record a visit or call once it has happened",
            )
        else:
            data["at"] = at
        return data
