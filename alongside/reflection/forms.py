"""The reflection form: the ten questions as boxes, none ticked, and an optional note of the worker's own."""

from django import forms

from alongside.core.forms import OnceForm

from .actions import NOTE_LONGEST
from .tips import TIPS


class ReflectionForm(OnceForm):
    hard = forms.MultipleChoiceField(
        choices=[(tip.key, tip.question) for tip in TIPS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which of these did you find hard this time?",
        help_text="Tick any that were hard. You can leave them all unticked.",
        error_messages={"invalid_choice": "Choose only from the questions on this page"},
    )
    note = forms.CharField(
        widget=forms.Textarea,
        max_length=NOTE_LONGEST,
        required=False,
        label="A note for yourself (optional)",
        help_text="What you would do the same, or differently, next time",
        error_messages={"max_length": f"Your note must be {NOTE_LONGEST} characters or fewer"},
    )
