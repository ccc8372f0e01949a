"""Peer support's forms, with kind messages that say how to put things right. Writing shared with the hub is
checked for names in the view (naming.py, with names from the one access policy), after these checks pass."""

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm

from .models import Idea, PeerSession

THEMES_MAX = 2000
IDEA_MAX = 1000


def _too_long(what: str, limit: int) -> str:
    return f"{what} must be {limit:,} characters or fewer"


class NoOneNamed(forms.Form):
    """Asked only after the check found words that may be a name: the writer may say they name no one."""

    no_one_named = forms.BooleanField(
        required=False,
        label="I have checked: these words do not name anyone",
    )


class SessionForm(NoOneNamed):
    kind = forms.ChoiceField(
        choices=PeerSession.Kind.choices,
        label="What kind of session?",
        error_messages={"required": "Choose what kind of session it was"},
    )
    held_on = DateInputField(
        named="The date", example="14 11 2026", label="When was it?", help_text="For example, 14 11 2026"
    )
    place = forms.CharField(
        max_length=200,
        label="Where was it?",
        help_text="For example, the Willow Café, or the community centre on Mill Lane",
        error_messages={"required": "Enter where the session was", "max_length": _too_long("The place", 200)},
    )
    attended = forms.MultipleChoiceField(
        required=False,
        label="Who came?",
        help_text="Tick each volunteer who came. Leave them all empty for a session that has not happened yet",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only volunteers from this hub"},
    )
    themes = forms.CharField(
        required=False,
        max_length=THEMES_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What did you talk about?",
        help_text="The themes, with no one named. For example: getting to know a new client, coping with loneliness "
        "at Christmas, what to do when someone seems confused",
        error_messages={"max_length": _too_long("What you talked about", THEMES_MAX)},
    )

    def __init__(self, *args, volunteers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(v.pk), v.display_name) for v in volunteers]

    def clean(self):
        data = super().clean()
        held_on = data.get("held_on")
        if held_on and held_on > timezone.localdate() and data.get("attended"):
            self.add_error("attended", "This session has not happened yet: tick who came once it has")
        if held_on and held_on.year < 2000:
            self.add_error("held_on", "The date must be this century, for example 14 11 2026")
        return data


class NewSessionForm(OnceForm, SessionForm):
    pass


class EditSessionForm(VersionedForm, SessionForm):
    pass


class IdeaForm(OnceForm, NoOneNamed):
    about = forms.ChoiceField(
        choices=Idea.About.choices,
        label="What is your idea about?",
        error_messages={"required": "Choose what your idea is about"},
    )
    words = forms.CharField(
        max_length=IDEA_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your idea",
        help_text="A few lines is plenty. Please do not name the people you visit",
        error_messages={"required": "Write your idea", "max_length": _too_long("Your idea", IDEA_MAX)},
    )


class AnswerForm(VersionedForm, NoOneNamed):
    answer = forms.ChoiceField(
        choices=Idea.Answer.choices,
        label="What is your answer?",
        error_messages={"required": "Choose “We did”, “We will” or “Not now”"},
    )
    words = forms.CharField(
        max_length=IDEA_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Say what you did, what you will do and when, or why not now",
        help_text="Every volunteer in the hub will read this",
        error_messages={
            "required": "Write your answer in a few words",
            "max_length": _too_long("The answer", IDEA_MAX),
        },
    )
