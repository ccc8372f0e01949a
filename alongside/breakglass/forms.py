import nhs_number
from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm
from alongside.core.numbers import ascii_digits, whole_number
from alongside.people.models import Person

from .models import BreakGlass

NO_MATCH = "We could not find a match; check both the NHS number and the date of birth"
MIN_WORDS = 5


class StartForm(OnceForm):
    """Find one person by exact NHS number and date of birth, and say why their record is needed now.

    The search runs only once everything else is valid, and a failed search gives one message whichever
    part did not match, so the form never reveals whether an NHS number or a date of birth exists.
    """

    no_match = False

    nhs_number = forms.CharField(
        max_length=20,
        label="NHS number",
        help_text="10 digits, for example 999 123 4519",
        error_messages={"required": "Enter the person's NHS number"},
    )
    birth_date = DateInputField(
        named="Date of birth",
        example="15 3 1984",
        label="Date of birth",
        help_text="For example, 15 3 1984",
        error_messages={"required": "Enter the person's date of birth"},
    )
    reason_code = forms.ChoiceField(
        label="Why do you need to see this record now?",
        choices=[("", "Select a reason"), *BreakGlass.Reason.choices],
        error_messages={
            "required": "Select why you need to see this record now",
            "invalid_choice": "Select one of the reasons in the list",
        },
    )
    reason_text = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="Tell us what is happening",
        help_text="A sentence or two is enough: what has happened, and why it cannot wait for the person's own team",
        error_messages={"required": "Tell us what is happening, so the reviewer understands why you needed this"},
    )

    def clean_nhs_number(self):
        typed = self.cleaned_data["nhs_number"]
        number = ascii_digits("".join(ch for ch in typed if not ch.isspace() and ch != "-"))  # kept as 0 to 9
        if len(number) != 10 or whole_number(number) is None:
            raise forms.ValidationError("Enter an NHS number with 10 digits, for example 999 123 4519")
        if not nhs_number.is_valid(number):
            raise forms.ValidationError("This is not a valid NHS number. Check each digit.")
        return number

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date is not None and birth_date > timezone.localdate():
            raise forms.ValidationError("Date of birth must be in the past")
        return birth_date

    def clean_reason_text(self):
        text = " ".join(self.cleaned_data["reason_text"].split())
        if len(text.split()) < MIN_WORDS:
            raise forms.ValidationError(
                "Please write at least a sentence about what is happening. "
                "The reviewer will read it to understand why you needed this record."
            )
        return text

    def clean(self):
        data = super().clean()
        if not self.errors:
            person = Person.objects.filter(nhs_number=data["nhs_number"], birth_date=data["birth_date"]).first()
            if person is None:
                self.add_error("nhs_number", NO_MATCH)
                self.no_match = True
            data["person"] = person
        return data


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was this use of break-glass appropriate?",
        choices=BreakGlass.Outcome.choices,
        error_messages={"required": "Select whether this use of break-glass was appropriate"},
    )
    note = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="Review note",
        help_text="What you checked, and any follow-up needed",
        error_messages={"required": "Write a note about your review, even a short one"},
    )
