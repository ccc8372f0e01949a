"""The form of completing an MDT action: what came of it, and, for an item that came from a volunteer's concern,
what that volunteer is told in plain words."""

from django import forms

from alongside.core.forms import OnceForm, VersionedForm

from .actions_follow import outcome_problem, told_problem

TOLD_HINT = (
    "The volunteer who raised the worry will see this on Alongside, and by text or email if they chose. Write it as "
    "you would say it to them. Volunteers are not clinicians: leave out diagnoses, medicines, test results and "
    "anything else from the care record. For example: \u201cThe district nurse visited and things are in hand. "
    "Thank you for telling us.\u201d"
)


class DoneForm(OnceForm, VersionedForm):
    outcome = forms.CharField(
        label="What came of it",
        help_text="For the MDT's core members and the person's care team. The volunteer does not see it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,  # the message is ours (outcome_problem)
    )
    told_volunteer = forms.CharField(
        label="What to tell the volunteer who raised it",
        help_text=TOLD_HINT,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, from_concern: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.from_concern = from_concern
        if not from_concern:
            del self.fields["told_volunteer"]

    def full_clean(self):
        super().full_clean()
        hidden = [name for name in ("form_key", "version") if name in self.errors]
        for name in hidden:
            del self.errors[name]
        if hidden:
            self.add_error(None, "This page was out of date. Check it and send it again")

    def clean_outcome(self):
        words = self.cleaned_data.get("outcome", "")
        if problem := outcome_problem(words):
            raise forms.ValidationError(problem)
        return words.strip()

    def clean_told_volunteer(self):
        words = self.cleaned_data.get("told_volunteer", "")
        if problem := told_problem(words):
            raise forms.ValidationError(problem)
        return words.strip()
