"""Booking forms: a session of slots, an appointment for one person, and booking a week's plan."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm
from alongside.core.numbers import whole_number

from .forms import TIME
from .models import Contact

PLAN = "plan"  # the appointment form's choice for "leave it to the week's plan"


def clean_time(text: str) -> time:
    found = TIME.match(text)
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise forms.ValidationError("Enter the time as hours and minutes, like 09:00")
    return time(int(found[1]), int(found[2]))


class SessionForm(OnceForm):
    """Back-to-back slots for one practitioner on one day."""

    practitioner = forms.ChoiceField(
        label="Whose session is it?",
        error_messages={
            "required": "Select whose session it is",
            "invalid_choice": "Select someone from the list: only people in the team who see people can have a session",
        },
    )
    day = DateInputField(named="The day", example="24 11 2026", label="Which day?", help_text="For example, 24 11 2026")
    start = forms.CharField(
        max_length=5,
        label="When does the first appointment start?",
        help_text="For example, 09:00",
        error_messages={"required": "Enter when the first appointment starts, like 09:00"},
    )
    count = forms.IntegerField(
        min_value=1,
        max_value=20,
        label="How many appointments?",
        help_text="From 1 to 20, one after another",
        error_messages={
            "required": "Enter how many appointments, from 1 to 20",
            "invalid": "Enter how many appointments as a whole number, like 6",
            "min_value": "Enter how many appointments: at least 1",
            "max_value": "A session can have at most 20 appointments. Add a second session for more",
        },
    )
    minutes = forms.IntegerField(
        min_value=5,
        max_value=240,
        label="How long is each appointment, in minutes?",
        error_messages={
            "required": "Enter how long each appointment is, in minutes",
            "invalid": "Enter how long in whole minutes, like 20",
            "min_value": "Each appointment must be at least 5 minutes",
            "max_value": "Each appointment can be at most 240 minutes (4 hours)",
        },
    )
    kind = forms.ChoiceField(
        choices=Contact.Kind.choices,
        label="What kind of appointments?",
        error_messages={"required": "Select what kind of appointments"},
    )

    def __init__(self, *args, practitioners: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(pk), name) for pk, name in practitioners]
        self.fields["practitioner"].choices = [("", "Select someone"), *choices] if len(choices) > 1 else choices

    def clean_start(self):
        return clean_time(self.cleaned_data["start"])

    def clean(self):
        data = super().clean()
        day, start = data.get("day"), data.get("start")
        if day and day < timezone.localdate():
            self.add_error("day", "The day must be today or in the future")
        elif day and start:
            first = timezone.make_aware(datetime.combine(day, start))
            if first < timezone.now():
                self.add_error("start", "That time has already passed today. Enter a later time")
            elif data.get("count") and data.get("minutes"):
                end = first + timedelta(minutes=data["count"] * data["minutes"])
                if end > timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)):
                    self.add_error("count", "The session must end by midnight. Make it shorter, or start earlier")
            data["first_start"] = first
        return data


class AppointmentForm(OnceForm):
    """Someone needs to be seen between two days: leave it to the week's plan, or take a named worker's time now."""

    team = forms.ChoiceField(
        label="Which team will see them?",
        error_messages={"required": "Select the team", "invalid_choice": "Select one of your teams"},
    )
    what_for = forms.CharField(
        max_length=200,
        label="What is the appointment for?",
        help_text="A few words, for example: dressing change, medicines review",
        error_messages={
            "required": "Enter what the appointment is for",
            "max_length": "Say what the appointment is for in 200 characters or fewer",
        },
    )
    earliest = DateInputField(
        named="The earliest day", example="24 11 2026", label="Earliest day", help_text="For example, 24 11 2026"
    )
    latest = DateInputField(
        named="The latest day", example="1 12 2026", label="Latest day", help_text="For example, 1 12 2026"
    )
    slot = forms.CharField(required=False, label="When?")

    def __init__(self, *args, teams: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [(str(pk), name) for pk, name in teams]
        self.only_team = str(teams[0][0]) if len(teams) == 1 else None
        if self.only_team:
            self.fields["team"].widget = forms.HiddenInput()
            self.fields["team"].required = False
        self.offer([])

    def clean(self):
        data = super().clean()
        if self.only_team and not data.get("team"):
            data["team"] = self.only_team
        earliest, latest = data.get("earliest"), data.get("latest")
        if earliest and earliest < timezone.localdate():
            self.add_error("earliest", "The earliest day must be today or in the future")
        if earliest and latest and latest < earliest:
            self.add_error("latest", "The latest day must be the same as the earliest day or after it")
        if earliest and latest and "earliest" not in self.errors and "latest" not in self.errors:
            data["window"] = window(earliest, latest)
        data["slot"] = data.get("slot") or PLAN
        return data

    def offer(self, slots: list[tuple[int, str]], named_worker: str = "") -> None:
        """The named worker's free times to choose from, with the week's plan as the last choice."""
        self.fields["slot"].choices = [(str(pk), text) for pk, text in slots] + [
            (PLAN, "None of these: add it to the week's plan")
        ]
        if named_worker:
            self.fields["slot"].label = self["slot"].label = f"Book a time with {named_worker} now?"

    def chosen_slot(self) -> int | None:
        """The chosen slot's id, or None for the week's plan. Whether it is still free is for the booking to say."""
        chosen = self.cleaned_data.get("slot", PLAN)
        if chosen == PLAN:
            return None
        if (slot_id := whole_number(chosen)) is not None:
            return slot_id
        self.add_error("slot", "Choose one of the times, or add it to the week's plan")
        return None


def window(earliest, latest) -> tuple[datetime, datetime]:
    """From the start of the earliest day to 23:59 on the latest day, local time."""
    return (
        timezone.make_aware(datetime.combine(earliest, time.min)),
        timezone.make_aware(datetime.combine(latest, time(23, 59))),
    )


class BookWeekForm(OnceForm):
    """The week's plan as the team leader saw it: booking it again, or after a change, books nothing twice."""

    team = forms.IntegerField(widget=forms.HiddenInput)
    week = forms.DateField(widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)


class AskForSessionForm(forms.Form):
    """The team leader asks the named worker of someone waiting to add a session (from the week's page)."""

    appointment = forms.IntegerField(widget=forms.HiddenInput)
    team = forms.IntegerField(widget=forms.HiddenInput)
    week = forms.DateField(widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
