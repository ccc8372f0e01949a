"""The forms of the meeting pages: adding a person with a reason, an item's minutes, inviting someone for an item,
notes and a decision, an action with an owner and a due date. Each problem has its own message; nothing typed is
lost."""

import re
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm
from alongside.core.numbers import whole_number

from . import agenda

REASON_LONGEST = 1000
TEXT_LONGEST = 5000


class HiddenProblems:
    """A problem with a hidden field (a page kept too long) is told at the top: the user cannot mend it."""

    def full_clean(self):
        super().full_clean()  # type: ignore[misc]
        hidden = [bound.name for bound in self.hidden_fields() if bound.name in self.errors]  # type: ignore[attr-defined]
        for name in hidden:
            del self.errors[name]  # type: ignore[attr-defined]
        if hidden:
            self.add_error(None, "This page was out of date. Check it and send it again")  # type: ignore[attr-defined]


class FindForm(forms.Form):
    words = forms.CharField(
        label="Name of the person",
        help_text="Type the start of their first name or last name",
        max_length=100,
        error_messages={"required": "Enter the start of the person's name"},
    )


class AddForm(HiddenProblems, OnceForm):
    person = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why should the team talk about them?",
        help_text="In plain words, for example: two falls this month and lives alone",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_LONGEST,
        error_messages={
            "required": "Enter why the team should talk about this person",
            "max_length": f"The reason must be {REASON_LONGEST} characters or fewer",
        },
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label="Minutes", max_length=4, required=False)

    def clean_minutes(self):
        typed = self.cleaned_data.get("minutes", "")
        problem = agenda.minutes_problem(typed)
        if problem:
            raise forms.ValidationError(problem)
        return whole_number(typed)


class InviteForm(HiddenProblems, forms.Form):
    user = forms.TypedChoiceField(
        label="Who should join for this item?",
        coerce=int,
        error_messages={
            "required": "Choose who should join for this item",
            "invalid_choice": "Choose someone from the list",
        },
    )
    agreed = forms.BooleanField(required=False)

    def __init__(self, *args, volunteers=(), staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer_ids = {u.pk for u in volunteers}
        choices = [(u.pk, f"{u.display_name} (volunteer who visits them)") for u in volunteers]
        choices += [
            (u.pk, f"{u.display_name}, {u.role_and_team}" if getattr(u, "role_and_team", "") else u.display_name)
            for u in staff
            if u.pk not in self.volunteer_ids
        ]
        self.fields["user"].choices = [("", "Choose someone"), *choices]
        self.names = {pk: text for pk, text in choices}
        self.display_names = {u.pk: u.display_name for u in [*volunteers, *staff]}

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if user in self.volunteer_ids and not cleaned.get("agreed"):
            self.add_error(
                "agreed",
                "Tick to say the person has agreed that their volunteer joins for this part. If they have not "
                "agreed, the volunteer cannot be invited",
            )
        return cleaned


class ItemNotesForm(HiddenProblems, VersionedForm):
    notes = forms.CharField(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LONGEST,
        error_messages={"max_length": f"Notes must be {TEXT_LONGEST} characters or fewer"},
    )
    decision = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEXT_LONGEST,
        error_messages={"max_length": f"The decision must be {TEXT_LONGEST} characters or fewer"},
    )
    discussed = forms.BooleanField(label="Discussed", required=False)


class ActionForm(HiddenProblems, OnceForm):
    what = forms.CharField(
        label="What needs doing",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={
            "required": "Enter what needs doing",
            "max_length": "What needs doing must be 1000 characters or fewer",
        },
    )
    owner = forms.TypedChoiceField(
        label="Who will do it",
        coerce=int,
        error_messages={"required": "Choose who will do it", "invalid_choice": "Choose who will do it from the list"},
    )
    due = DateInputField(
        named="The due date", example="18 12 2026", label="Due by", help_text="For example, 18 12 2026"
    )

    def __init__(self, *args, owners: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Choose someone"), *owners.items()]

    def clean_due(self):
        due = self.cleaned_data.get("due")
        today = timezone.localdate()
        if due is not None and due < today:
            raise forms.ValidationError("The due date must be today or in the future")
        if due is not None and due > today + timedelta(days=730):
            raise forms.ValidationError("The due date must be within the next 2 years")
        return due


class FinishForm(HiddenProblems, VersionedForm):
    pass


TIME = re.compile(r"([0-9]{1,2})[:.]?([0-9]{2})")


class PlanForm(HiddenProblems, OnceForm):
    """The next meeting: a day (today or later, within 2 years) and a time, 24-hour."""

    day = DateInputField(
        named="The date of the meeting", example="8 12 2026", label="Date", help_text="For example, 8 12 2026"
    )
    time = forms.CharField(
        label="Time",
        help_text="Use the 24-hour clock, for example 12:30 or 14:00",
        max_length=10,
        error_messages={"required": "Enter the time the meeting starts"},
    )

    def clean_day(self):
        day = self.cleaned_data.get("day")
        today = timezone.localdate()
        if day is not None and day < today:
            raise forms.ValidationError("The date of the meeting must be today or in the future")
        if day is not None and day > today + timedelta(days=730):
            raise forms.ValidationError("The date of the meeting must be within the next 2 years")
        return day

    def clean_time(self):
        typed = self.cleaned_data.get("time", "").strip()
        found = TIME.fullmatch(typed)
        if not found or int(found[1]) > 23 or int(found[2]) > 59:
            raise forms.ValidationError("Enter a real time, using the 24-hour clock, for example 12:30")
        return time(int(found[1]), int(found[2]))

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("day"), cleaned.get("time")
        if day is not None and at is not None:
            starts = timezone.make_aware(datetime.combine(day, at))
            if starts < timezone.now():
                self.add_error("time", "The meeting must start later than now")
            cleaned["starts_at"] = starts
        return cleaned
