"""The representation forms, each with its own messages; nothing typed is lost."""

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm

from .actions import NOTE_LONGEST, REASON_LONGEST
from .models import Event

NOBODY = "nobody"


def by_last_name(member) -> tuple[str, str]:
    """Sorts people by last name, then by whole name: the names are "First Last"."""
    return (member.name.rsplit(" ", 1)[-1].casefold(), member.name.casefold())


class EventForm(OnceForm):
    name = forms.CharField(
        label="Name of the event",
        max_length=200,
        error_messages={
            "required": "Enter the name of the event",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of event is it?",
        choices=Event.Kind.choices,
        error_messages={"required": "Select what kind of event it is"},
    )
    date = DateInputField(
        label="Date", named="Date of the event", example="14 3 2027", help_text="For example, 14 3 2027"
    )
    place = forms.CharField(
        label="Where is it?",
        max_length=200,
        error_messages={"required": "Enter where the event is", "max_length": "Place must be 200 characters or fewer"},
    )
    teams = forms.MultipleChoiceField(
        label="Which teams send two people?",
        error_messages={"required": "Select at least one team"},
        help_text="Select all that apply",
    )

    organisation = forms.TypedChoiceField(
        label="Which of your organisations is planning it?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the organisation planning the event",
            "invalid_choice": "Select one of your organisations",
        },
        help_text="Its administrators can change or cancel the event",
    )

    def __init__(self, *args, teams=(), organisations=(), **kwargs):
        """`organisations`: those the administrator administers; asked only when there is more than one."""
        super().__init__(*args, **kwargs)
        self.fields["teams"].choices = [(str(t.pk), t.name) for t in teams]
        self.organisations = list(organisations)
        if len(self.organisations) > 1:
            self.fields["organisation"].choices = [(o.pk, o.name) for o in self.organisations]
        else:
            del self.fields["organisation"]

    @property
    def planner(self):
        """The organisation planning the event: the one chosen, or the administrator's only one."""
        chosen = self.cleaned_data.get("organisation", self.organisations[0].pk if self.organisations else None)
        return next(o for o in self.organisations if o.pk == chosen)

    def clean_date(self):
        on = self.cleaned_data["date"]
        if on is not None and on < timezone.localdate():
            raise forms.ValidationError("Date of the event must be today or in the future")
        return on


class EditEventForm(VersionedForm):
    """An event's name, kind, date and place, changed from the version the page started from."""

    name = EventForm.base_fields["name"]
    kind = EventForm.base_fields["kind"]
    date = EventForm.base_fields["date"]
    place = EventForm.base_fields["place"]
    clean_date = EventForm.clean_date


class ChooseForm(VersionedForm):
    """Who takes each of a team's two places: anyone in the team, or nobody."""

    first = forms.ChoiceField(label="", error_messages={"required": "Select who takes this place"})
    second = forms.ChoiceField(label="", error_messages={"required": "Select who takes this place"})

    def __init__(self, *args, members=(), labels=("", ""), cannot_go=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.names = {str(m.id): m.name for m in members}
        self.cannot_go = {str(m) for m in cannot_go}
        choices = [
            (str(m.id), f"{m.name} (cannot go)" if str(m.id) in self.cannot_go else m.name)
            for m in sorted(members, key=by_last_name)
        ] + [(NOBODY, "Nobody")]
        for name, label in zip(("first", "second"), labels, strict=True):
            self.fields[name].choices = choices
            self.fields[name].label = label

    def clean(self):
        data = super().clean()
        first, second = data.get("first"), data.get("second")
        for name in ("first", "second"):
            if data.get(name) in self.cannot_go:
                self.add_error(name, f"{self.names[data[name]]} said they cannot go to this event. Choose someone else")
        if first and first == second and first != NOBODY:
            self.add_error("second", f"{self.names[first]} already has the other place. Choose someone else")
        return data


WENT = [("went", "Went"), ("did_not_go", "Did not go")]


class AttendanceForm(VersionedForm):
    first = forms.ChoiceField(choices=WENT, widget=forms.RadioSelect)
    second = forms.ChoiceField(choices=WENT, widget=forms.RadioSelect)

    def __init__(self, *args, names=("", ""), **kwargs):
        super().__init__(*args, **kwargs)
        for field, name in zip(("first", "second"), names, strict=True):
            if name:
                self.fields[field].label = f"Did {name} go?"
                self.fields[field].error_messages = {"required": f"Select whether {name} went"}
            else:
                del self.fields[field]


class NoteForm(VersionedForm):
    note = forms.CharField(
        label="What was talked about, and what should the team know?",
        widget=forms.Textarea,
        max_length=NOTE_LONGEST,
        error_messages={
            "required": "Write a note for the team",
            "max_length": f"Note must be {NOTE_LONGEST} characters or fewer",
        },
    )


class CancelForm(VersionedForm):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="The teams asked to it will read this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_LONGEST,
        error_messages={
            "required": "Enter why the event is cancelled",
            "max_length": f"Reason must be {REASON_LONGEST} characters or fewer",
        },
    )
