"""Recording a contact in a few seconds: everything has a sensible default except what only the user knows."""

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm

from .models import Contact
from .visit_times import DAY_NAMES

TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class ContactForm(OnceForm):
    kind = forms.ChoiceField(
        choices=Contact.Kind.choices,
        label="What kind of contact?",
        error_messages={"required": "Select what kind of contact it was"},
    )
    practitioner = forms.ChoiceField(label="Who had the contact?")
    day = DateInputField(named="The date", example="21 11 2026", label="When?", help_text="For example, 21 11 2026")
    at_time = forms.CharField(
        max_length=5, label="Time", help_text="For example, 14:30", error_messages={"required": "Enter the time"}
    )
    minutes = forms.IntegerField(
        min_value=1,
        max_value=720,
        label="How long, in minutes?",
        error_messages={
            "required": "Enter how long the contact took, in minutes",
            "invalid": "Enter how long in whole minutes, like 30",
            "min_value": "Enter how long in minutes: at least 1",
            "max_value": "A contact can be at most 720 minutes (12 hours)",
        },
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        label="A short note (optional)",
        help_text="What happened, in a line or two. Longer notes belong on the timeline",
    )

    def __init__(self, *args, colleagues: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].choices = [(str(pk), name) for pk, name in colleagues]

    def clean_at_time(self):
        found = TIME.match(self.cleaned_data["at_time"])
        if not found or int(found[1]) > 23 or int(found[2]) > 59:
            raise forms.ValidationError("Enter the time as hours and minutes, like 14:30")
        return time(int(found[1]), int(found[2]))

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("at_time"):
            when = timezone.make_aware(datetime.combine(data["day"], data["at_time"]))
            if when > timezone.now() + timezone.timedelta(minutes=5):
                self.add_error("day", "A contact that has not happened yet cannot be recorded: check the date and time")
            data["at"] = when
        return data


class AskForChangeForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        label="Why would a different named worker be better?",
        help_text="Say as much or as little as you like. The named worker you have now does not see this",
        error_messages={"required": "Tell us a little about why, so the team leader can find the right person"},
    )


class AnswerForm(forms.Form):
    changed = forms.ChoiceField(
        choices=[("yes", "Change their named worker"), ("no", "Keep their named worker, and say why")],
        label="What have you decided?",
        error_messages={"required": "Select what you have decided"},
    )
    new_worker = forms.ChoiceField(required=False, label="New named worker")
    answer = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        label="Your answer",
        help_text="Whoever asked will read this",
        error_messages={"required": "Write your answer for whoever asked"},
    )

    def __init__(self, *args, workers: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_worker"].choices = [("", "Select a member of the team"), *((str(k), v) for k, v in workers)]

    def clean(self):
        data = super().clean()
        if data.get("changed") == "yes" and not data.get("new_worker"):
            self.add_error("new_worker", "Select the new named worker")
        return data


class FactsForm(forms.Form):
    frailty = forms.ChoiceField(
        choices=[("", "Not frail, or not known"), ("mild", "Mild"), ("moderate", "Moderate"), ("severe", "Severe")],
        required=False,
        label="Frailty",
    )
    long_term_condition = forms.BooleanField(required=False, label="A long-term condition")
    incurable_illness = forms.BooleanField(required=False, label="An illness that cannot be cured")
    lives_alone = forms.BooleanField(required=False, label="Lives alone")
    wants_continuity = forms.BooleanField(required=False, label="They have said seeing the same person matters to them")
    last_crisis_on = DateInputField(
        named="The date of the last crisis",
        example="3 10 2026",
        required=False,
        label="Date of their last crisis (optional)",
        help_text="A fall, an admission, a breakdown at home. For example, 3 10 2026",
    )
    adjustment = forms.IntegerField(
        min_value=-5,
        max_value=5,
        required=False,
        label="Adjust the priority (optional)",
        help_text="From -5 to 5, for what these facts miss",
        error_messages={
            "min_value": "Adjust by at most 5 either way",
            "max_value": "Adjust by at most 5 either way",
            "invalid": "Enter a whole number from -5 to 5",
        },
    )
    adjustment_note = forms.CharField(max_length=300, required=False, label="Why adjust it?")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        data["adjustment"] = data.get("adjustment") or 0
        if data["adjustment"] and not (data.get("adjustment_note") or "").strip():
            self.add_error("adjustment_note", "Say why you are adjusting the priority, so others can follow it")
        if not data["adjustment"]:
            data["adjustment_note"] = ""
        if data.get("last_crisis_on") and data["last_crisis_on"] > timezone.localdate():
            self.add_error("last_crisis_on", "The date of the last crisis must be today or in the past")
        return data


class VisitTimesForm(VersionedForm):
    """The best times to visit or see the person: days, parts of the day, and their own words."""

    days = forms.MultipleChoiceField(
        label="Which days are best?",
        help_text="Select all that apply. Leave them all clear if any day is fine",
        required=False,
        choices=[(str(n), name) for n, name in enumerate(DAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select days from the list"},
    )
    parts = forms.MultipleChoiceField(
        label="Which times of day are best?",
        help_text="Select all that apply. Leave them all clear if any time is fine",
        required=False,
        choices=[
            ("morning", "Mornings (before 12 noon)"),
            ("afternoon", "Afternoons (12 noon to 5pm)"),
            ("evening", "Evenings (after 5pm)"),
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select times of day from the list"},
    )
    words = forms.CharField(
        label="Anything else about when to visit?",
        help_text="For example, not before 10am, or not on the days of the lunch club",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Say it in 500 characters or fewer"},
    )
