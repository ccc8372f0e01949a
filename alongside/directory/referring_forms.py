"""The forms of referring: what would help and the person's agreement (the referrer), and the service's answer."""

from django import forms

from alongside.core.forms import OnceForm

from .referring_queries import SHAREABLE
from .referring_rules import NEEDS_WORDS, Status

ANSWER_CHOICES = (
    (Status.ACCEPTED.value, "We can help: we accept the referral"),
    (Status.NOT_ABLE.value, "We are not able to help"),
    (Status.NOT_TAKEN_UP.value, "The person did not take it up"),
    (Status.OUTCOME.value, "We helped: this is the outcome"),
)


class ReferForm(OnceForm):
    what_would_help = forms.CharField(
        label="What would help",
        max_length=2000,
        widget=forms.Textarea,
        help_text="In plain words, what the person would like help with. The service will see this.",
        error_messages={"required": "Say what would help"},
    )
    shared = forms.MultipleChoiceField(
        label="What they agree to share with the service",
        choices=SHAREABLE,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreed = forms.BooleanField(
        label="They agree to this referral, and to the service seeing what would help and what is ticked above",
        error_messages={"required": "Record that they agree to the referral, or do not send it"},
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Your answer",
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your answer", "invalid_choice": "Choose your answer"},
    )
    reason = forms.CharField(
        label="Why you cannot help",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="The person who made the referral will see this.",
    )
    outcome = forms.CharField(
        label="What happened",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="For example, they came to 3 sessions and made a friend. The referrer will see this.",
    )

    def __init__(self, *args, allowed: frozenset = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [(v, t) for v, t in ANSWER_CHOICES if v in allowed]

    def clean(self):
        data = super().clean()
        answer = data.get("answer")
        if answer and Status(answer) in NEEDS_WORDS:
            field = "reason" if answer == Status.NOT_ABLE else "outcome"
            if not (data.get(field) or "").strip():
                self.add_error(field, "Say why you cannot help" if field == "reason" else "Say what happened")
        return data

    @property
    def words(self) -> str:
        answer = self.cleaned_data.get("answer")
        if answer == Status.NOT_ABLE:
            return self.cleaned_data.get("reason", "")
        return self.cleaned_data.get("outcome", "") if answer == Status.OUTCOME else ""
