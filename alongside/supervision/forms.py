"""Supervision's forms, with kind messages that say how to put things right. Nothing is chosen before the user
chooses it."""

import re
from datetime import time, timedelta

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm

from . import themes as theme_check
from .models import SupervisionSession

REASON_MAX = 200
THEMES_MAX = 1000
LENGTHS = [("30", "30 minutes"), ("45", "45 minutes"), ("60", "1 hour"), ("90", "1 and a half hours")]
CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class TimeField(forms.CharField):
    """A time of day typed as 10:30 (24-hour clock); keeps what was typed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("error_messages", {}).update(
            {"required": "Enter a start time, for example 10:30", "max_length": "Enter a time like 10:30"}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        found = CLOCK.match(text or "")
        if not found or int(found[1]) > 23 or int(found[2]) > 59:
            raise forms.ValidationError("Enter the start time as hours and minutes, for example 10:30 or 14:00")
        return time(int(found[1]), int(found[2]))


def _too_long(what: str, limit: int) -> str:
    return f"{what} must be {limit:,} characters or fewer"


class BookForm(OnceForm):
    kind = forms.ChoiceField(
        choices=SupervisionSession.Kind.choices,
        label="Who is it for?",
        error_messages={"required": "Choose whether the session is for one person or a group"},
    )
    supervisor = forms.ChoiceField(
        label="Who will supervise?",
        error_messages={"required": "Choose who will supervise", "invalid_choice": "Choose someone from the team"},
    )
    supervisees = forms.MultipleChoiceField(
        label="Who will be supervised?",
        help_text="Tick one person, or everyone in the group",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick who will be supervised",
            "invalid_choice": "Choose only people from this team",
        },
    )
    held_on = DateInputField(
        named="The date", example="14 1 2027", label="What day?", help_text="For example, 14 1 2027"
    )
    starts_at = TimeField(
        label="What time does it start?", help_text="Use the 24-hour clock, for example 10:30 or 14:00"
    )
    minutes = forms.ChoiceField(
        choices=LENGTHS, label="How long?", error_messages={"required": "Choose how long the session is"}
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(m.user_id), m.user.display_name) for m in members]
        self.fields["supervisor"].choices = [("", "Choose someone"), *choices]
        self.fields["supervisees"].choices = choices

    def clean(self):
        data = super().clean()
        kind, chosen = data.get("kind"), data.get("supervisees") or []
        if kind == SupervisionSession.Kind.ONE and len(chosen) > 1:
            self.add_error("supervisees", "Tick one person, or choose “A group” above")
        if kind == SupervisionSession.Kind.GROUP and len(chosen) == 1:
            self.add_error("supervisees", "Tick at least 2 people for a group, or choose “One person” above")
        if data.get("supervisor") and data["supervisor"] in chosen:
            self.add_error("supervisees", "The supervisor cannot also be supervised in the same session")
        held_on, today = data.get("held_on"), timezone.localdate()
        if held_on and held_on < today:
            self.add_error("held_on", "The date must be today or later: supervision is booked ahead")
        elif held_on and held_on > today + timedelta(days=366):
            self.add_error("held_on", "The date must be within the next year")
        return data


class RecordForm(VersionedForm):
    happened = forms.ChoiceField(
        choices=[("yes", "Yes, it happened"), ("no", "No, it did not happen")],
        label="Did this session happen?",
        error_messages={"required": "Choose whether the session happened"},
    )
    why_not = forms.CharField(
        required=False,
        max_length=REASON_MAX,
        label="Why not, in a few words?",
        help_text="For example, the supervisor was off sick. Do not write what would have been talked about",
        error_messages={"max_length": _too_long("The reason", REASON_MAX)},
    )

    def clean(self):
        data = super().clean()
        if data.get("happened") == "no" and not data.get("why_not", "").strip():
            self.add_error("why_not", "Say in a few words why it did not happen")
        return data


class MoveForm(VersionedForm):
    held_on = DateInputField(
        named="The new date", example="14 1 2027", label="New day", help_text="For example, 14 1 2027"
    )
    starts_at = TimeField(label="New start time", help_text="Use the 24-hour clock, for example 10:30 or 14:00")
    because = forms.CharField(
        max_length=REASON_MAX,
        label="Why does it need to move?",
        help_text="This is protected time, so it moves only when it must. A few words is enough",
        error_messages={
            "required": "Say why the session needs to move",
            "max_length": _too_long("The reason", REASON_MAX),
        },
    )

    def clean(self):
        data = super().clean()
        held_on = data.get("held_on")
        if held_on and held_on < timezone.localdate():
            self.add_error("held_on", "The new date must be today or later")
        return data


class ReflectiveFields(forms.Form):
    """A reflective practice session's fields, as recorded (ReflectiveForm) and as changed (ReflectiveEditForm)."""

    held_on = DateInputField(
        named="The date", example="14 11 2026", label="When was it?", help_text="For example, 14 11 2026"
    )
    facilitator = forms.CharField(
        max_length=120,
        label="Who led it?",
        help_text="Their name, for example the team's psychologist or a visiting facilitator",
        error_messages={"required": "Enter who led the session", "max_length": _too_long("The name", 120)},
    )
    themes = forms.CharField(
        max_length=THEMES_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What did the team talk about?",
        help_text="The themes in a few words, with no one you support named. For example: a hard week of "
        "discharges, feeling stuck with someone, how we share out home visits",
        error_messages={
            "required": "Write the themes in a few words",
            "max_length": _too_long("The themes", THEMES_MAX),
        },
    )
    attended = forms.MultipleChoiceField(
        required=False,
        label="Who came?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only people from this team"},
    )

    def __init__(self, *args, members, came=(), **kwargs):
        """`came`: who is recorded as having come already; someone who has left the team since stays a choice, so
        that changing the session does not drop them."""
        super().__init__(*args, **kwargs)
        choices = [(str(m.user_id), m.user.display_name) for m in members]
        staying = {m.user_id for m in members}
        left = [(str(u.pk), f"{u.display_name} (no longer in the team)") for u in came if u.pk not in staying]
        self.fields["attended"].choices = choices + left

    def clean(self):
        data = super().clean()
        held_on = data.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error("held_on", "The date must be today or in the past: record a session once it has happened")
        named = theme_check.titled_names(data.get("themes") or "")
        if named:
            found = ", ".join(f"“{n}”" for n in named)
            self.add_error(
                "themes", f"{found} may name someone. Write it without the name, for example “a man we visit”"
            )
        return data


class ReflectiveForm(OnceForm, ReflectiveFields):
    """Recording a session: once, however often the button is pressed."""


class ReflectiveEditForm(VersionedForm, ReflectiveFields):
    """Changing a session: from the version the leader started from, so that two changes never cross unseen."""
