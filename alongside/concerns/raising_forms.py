"""The raising part's forms: a concern (by the volunteer, or recorded by a coordinator), a re-route, a hub's route,
and the queue's filters. Every message says what to do; nothing is pre-chosen."""

import uuid

from django import forms

from alongside.core.forms import VersionedForm

from . import routing
from .models import Kind, RouteKind, Urgency

WORDS_MAX = 2000

# The kinds of worry in everyday words, each with examples (the model's labels are for staff lists).
KIND_CHOICES = [
    (Kind.HEALTH.value, "Their health"),
    (Kind.SOCIAL.value, "Their everyday life and the people around them"),
    (Kind.ENVIRONMENTAL.value, "Their home and surroundings"),
]
KIND_EXAMPLES = {
    Kind.HEALTH.value: "For example: more confused than usual, a fall, not eating, new pain, tablets not taken.",
    Kind.SOCIAL.value: "For example: lonely, not going out, worried about money, a carer who is struggling.",
    Kind.ENVIRONMENTAL.value: "For example: a cold or damp home, things to trip on, no smoke alarm, post piling up.",
}
URGENCY_CHOICES = [
    (Urgency.NEXT_MEETING.value, "At the next meeting"),
    (Urgency.FEW_DAYS.value, "In the next few days"),
    (Urgency.TODAY.value, "Today"),
]
URGENCY_HINTS = {
    Urgency.NEXT_MEETING.value: "It can wait for the next meeting or coffee morning.",
    Urgency.FEW_DAYS.value: "Someone should look this week.",
    Urgency.TODAY.value: "It cannot wait: someone will call you back today.",
}
ROUTE_HINTS = {
    RouteKind.TEAM_LEADER_CALL.value: "The team leader you choose is alerted at once and calls back.",
    RouteKind.MONTHLY_MEETING.value: "Talked about at your monthly meeting with the volunteer.",
    RouteKind.COFFEE_MORNING.value: "Talked about at the volunteers' coffee morning.",
    RouteKind.MDT.value: "Waits in a list for the practice's MDT meeting.",
}


class ConcernForm(forms.Form):
    """What the volunteer tells. `form_key` travels from the first page to the check page and the send, so that
    sending twice (a retry after a lost connection, a double tap) makes one concern."""

    person = forms.TypedChoiceField(
        label="Who are you worried about?",
        coerce=int,
        error_messages={
            "required": "Choose the person you are worried about",
            "invalid_choice": "Choose one of the people you visit",
        },
    )
    kind = forms.ChoiceField(
        label="What are you worried about?",
        choices=KIND_CHOICES,
        error_messages={
            "required": "Choose what you are worried about",
            "invalid_choice": "Choose what you are worried about",
        },
    )
    urgency = forms.ChoiceField(
        label="How soon should someone look?",
        choices=URGENCY_CHOICES,
        error_messages={
            "required": "Choose how soon someone should look",
            "invalid_choice": "Choose how soon someone should look",
        },
    )
    words = forms.CharField(
        label="Anything else you want to say (optional)",
        required=False,
        max_length=WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you noticed, in your own words.",
        error_messages={"max_length": f"Say it in {WORDS_MAX} characters or fewer"},
    )
    form_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, people: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people
        if not self.data.get("form_key") and not self.initial.get("form_key"):
            self.initial["form_key"] = uuid.uuid4()

    def clean_words(self) -> str:
        words = self.cleaned_data["words"]
        if "\x00" in words:
            raise forms.ValidationError("Remove the unusual character from what you wrote")
        return words.strip()

    def clean_form_key(self):
        return self.cleaned_data.get("form_key") or uuid.uuid4()


class RecordForm(ConcernForm):
    """A coordinator records a concern a volunteer raised by phone or at a meeting: which volunteer's client."""

    def __init__(self, *args, allocations: list[tuple[str, str]], **kwargs):
        super().__init__(*args, people=[], **kwargs)
        self.fields["person"] = forms.ChoiceField(
            label="Who is the worry about, and which volunteer raised it?",
            choices=[("", "Choose a person and their volunteer"), *allocations],
            error_messages={
                "required": "Choose the person and the volunteer who raised the worry",
                "invalid_choice": "Choose one of the people your hub's volunteers visit",
            },
        )
        self.fields["kind"].label = "What is the worry about?"
        self.fields["words"].label = "What the volunteer said (optional)"
        self.fields["words"].help_text = "In the volunteer's words, as far as you can."
        self.order_fields(["person", "kind", "urgency", "words"])

    def volunteer_and_person(self) -> tuple[int, int]:
        volunteer, person = self.cleaned_data["person"].split(":")
        return int(volunteer), int(person)


class RerouteForm(VersionedForm):
    route_kind = forms.ChoiceField(
        label="Send it another way",
        choices=RouteKind.choices,
        error_messages={"required": "Choose the way to send it", "invalid_choice": "Choose the way to send it"},
    )
    words = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Say why in 500 characters or fewer"},
    )


class RouteForm(VersionedForm):
    kind = forms.ChoiceField(
        label="How should these concerns travel?",
        choices=RouteKind.choices,
        error_messages={
            "required": "Choose how these concerns travel",
            "invalid_choice": "Choose how these concerns travel",
        },
    )
    team_leader = forms.TypedChoiceField(
        label="Which team leader is called?",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose one of the team leaders listed"},
    )
    response_hours = forms.IntegerField(
        label="Answer within how many hours?",
        min_value=routing.MIN_RESPONSE_HOURS,
        max_value=routing.MAX_RESPONSE_HOURS,
        help_text="For example 4 for a call, 72 for three days, 336 for two weeks.",
        error_messages={
            "required": "Enter how many hours someone has to answer",
            "invalid": "Enter the hours as a whole number, like 4",
            "min_value": f"Enter at least {routing.MIN_RESPONSE_HOURS} hour",
            "max_value": f"Enter at most {routing.MAX_RESPONSE_HOURS} hours (90 days)",
        },
    )

    def __init__(self, *args, leaders: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_leader"].choices = [("", "Choose a team leader"), *leaders]
        self.fields["response_hours"].widget.attrs.update({"inputmode": "numeric"})

    def clean(self):
        data = super().clean()
        if data.get("kind") == RouteKind.TEAM_LEADER_CALL and not data.get("team_leader"):
            self.add_error("team_leader", "Choose the team leader who is called")
        return data


class QueueFilters(forms.Form):
    kind = forms.ChoiceField(label="Kind of worry", required=False, choices=[("", "Any"), *Kind.choices])
    urgency = forms.ChoiceField(label="How soon", required=False, choices=[("", "Any"), *Urgency.choices])
    route = forms.ChoiceField(label="Route", required=False, choices=[("", "Any"), *RouteKind.choices])
    overdue = forms.BooleanField(label="Only overdue", required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)
