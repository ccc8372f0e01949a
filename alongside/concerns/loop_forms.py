"""The forms of closing the loop: the outcome written for the volunteer, and the volunteer's reply."""

from django import forms

from alongside.core.forms import OnceForm, VersionedForm

from . import lifecycle

OUTCOME_HINT = (
    "Write it for the volunteer, in plain words, as you would say it to them. For example: "
    "\u201cMrs P has a new walking frame \u2013 thank you for noticing.\u201d"
)


class HiddenProblems:
    """A problem with a hidden field (a page kept too long, an address typed by hand) is told at the top: the user
    cannot see or mend the field itself."""

    def full_clean(self):
        super().full_clean()
        hidden = [bound.name for bound in self.hidden_fields() if bound.name in self.errors]
        for name in hidden:
            del self.errors[name]
        if hidden:
            self.add_error(None, "This page was out of date. Check it and send it again")


class OutcomeForm(HiddenProblems, OnceForm, VersionedForm):
    outcome = forms.CharField(
        label="What happened, for the volunteer",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # the message is the lifecycle's, in words the volunteer's answerer understands
    )

    def clean_outcome(self):
        words = self.cleaned_data.get("outcome", "")
        problem = lifecycle.outcome_problem(words)
        if problem:
            raise forms.ValidationError(problem)
        return words.strip()


class ReplyForm(HiddenProblems, OnceForm):
    THANKS, WORRIED = "thanks", "worried"
    reply = forms.ChoiceField(
        label="What would you like to say?",
        choices=[(THANKS, "Thank you"), (WORRIED, "I'm still worried")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose thank you or I'm still worried"},
    )
    words = forms.CharField(
        label="What still worries you?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example, what you noticed on your last visit",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply") == self.WORRIED:
            problem = lifecycle.worry_problem(cleaned.get("words", ""))
            if problem:
                self.add_error("words", problem)
        elif len(cleaned.get("words", "")) > lifecycle.WORDS_LONGEST:
            self.add_error("words", f"Tell us in {lifecycle.WORDS_LONGEST} characters or fewer")
        return cleaned
