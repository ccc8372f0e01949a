"""The climate forms: the pulse (one choice on the scale for each statement, none chosen at first, no free text),
the questions a team answers, planning a reflective dialogue session, and recording that it happened."""

import re
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm

from .definitions import Definition

TIME = re.compile(r"([0-9]{1,2})[:.]?([0-9]{2})")
THEMES_LONGEST = 2000


class PulseForm(forms.Form):
    """One radio group per statement. Its fields are named by statement key, so a definition's keys come back."""

    definition = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, definition: Definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.fields["definition"].initial = definition.code
        choices = [(str(value), label) for value, label in definition.points]
        for statement in definition.statements:
            self.fields[statement.key] = forms.TypedChoiceField(
                label=statement.text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose how much you agree: {statement.text}",
                    "invalid_choice": f"Choose one of the answers for: {statement.text}",
                },
            )

    def values(self) -> dict[str, int]:
        return {s.key: self.cleaned_data[s.key] for s in self.definition.statements}

    def chosen_labels(self) -> list[tuple[str, str]]:
        """(statement, the answer chosen) for the check page."""
        labels = dict(self.definition.points)
        return [(s.text, labels[self.cleaned_data[s.key]]) for s in self.definition.statements]


class QuestionsForm(forms.Form):
    definition = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="Which questions should your team answer?",
        error_messages={"required": "Choose the questions your team should answer"},
    )

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)  # the team's choice as the leader saw it

    def __init__(self, *args, available: dict[str, Definition], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].choices = [(code, d.title) for code, d in available.items()]
        self.fields["definition"].error_messages["invalid_choice"] = "Choose one of the sets of questions listed"


class PlanForm(OnceForm):
    day = DateInputField(named="The date", example="14 1 2027", label="Date", help_text="For example, 14 1 2027")
    start = forms.CharField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 14:00",
        max_length=10,
        error_messages={
            "required": "Enter the time the session starts",
            "max_length": "Enter a real time, using the 24-hour clock, for example 14:00",
        },
    )
    minutes = forms.IntegerField(
        label="How long, in minutes",
        help_text="For example, 60",
        min_value=15,
        max_value=240,
        error_messages={
            "required": "Enter how long the session is, in minutes",
            "invalid": "Enter how long the session is as a number of minutes, for example 60",
            "min_value": "A session must be at least 15 minutes long",
            "max_value": "A session must be 240 minutes (4 hours) or shorter",
        },
    )
    place = forms.CharField(
        label="Where",
        help_text="A room, or a video call link",
        max_length=200,
        error_messages={
            "required": "Enter where the session is",
            "max_length": "Where the session is must be 200 characters or fewer",
        },
    )
    areas = forms.MultipleChoiceField(
        label="What will you talk about?",
        help_text="Choose one or more areas from the results",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one area to talk about",
            "invalid_choice": "Choose only from the areas listed",
        },
    )
    facilitator = forms.CharField(
        label="Who will lead the conversation?",
        help_text="Someone from outside the team can help everyone speak freely",
        max_length=120,
        error_messages={
            "required": "Enter who will lead the conversation",
            "max_length": "Who leads it must be 120 characters or fewer",
        },
    )

    def __init__(self, *args, definition: Definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [(area.key, area.name) for area in definition.areas]

    def clean_day(self):
        day = self.cleaned_data.get("day")
        today = timezone.localdate()
        if day is not None and day < today:
            raise forms.ValidationError("The date must be today or in the future")
        if day is not None and day > today + timedelta(days=365):
            raise forms.ValidationError("The date must be within the next year")
        return day

    def clean_start(self):
        typed = self.cleaned_data.get("start", "").strip()
        found = TIME.fullmatch(typed)
        if not found or int(found[1]) > 23 or int(found[2]) > 59:
            raise forms.ValidationError("Enter a real time, using the 24-hour clock, for example 14:00")
        hours, minutes = found[1], found[2]
        return time(int(hours), int(minutes))

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("day"), cleaned.get("start")
        if day is not None and at is not None:
            starts = timezone.make_aware(datetime.combine(day, at))
            if starts < timezone.now():
                self.add_error("start", "The session must start later than now")
            cleaned["starts_at"] = starts
        return cleaned


class ChangeForm(VersionedForm, PlanForm):
    """The plan of a session, changed before it starts: the same fields, and the version it started from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["form_key"]


REASON_LONGEST = 500


class CancelForm(VersionedForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_LONGEST,
        label="Why is the session cancelled?",
        help_text="Your team will see this. Do not name anyone.",
        error_messages={
            "required": "Enter why the session is cancelled",
            "max_length": f"Why it is cancelled must be {REASON_LONGEST} characters or fewer",
        },
    )


class RecordForm(forms.Form):
    happened = forms.TypedChoiceField(
        label="Did the session happen?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if the session happened"},
    )
    themes = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=THEMES_LONGEST,
        label="What themes came up?",
        help_text="Write themes, not names. Do not say who said what.",
        error_messages={"max_length": f"The themes must be {THEMES_LONGEST} characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("happened") is True and not cleaned.get("themes", "").strip():
            self.add_error("themes", "Enter the themes that came up")
        return cleaned
