"""The board part's forms: a day's beds, and a visit or call recorded as done."""

from datetime import timedelta

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


class DoneForm(forms.Form):
    """What happened on a visit or call, in a few words."""

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
