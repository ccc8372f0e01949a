"""The forms of the profile pages: the volunteer's own profile, signing the agreement, and what a coordinator
records (a check, a course completed, an agreement signed on paper). Messages follow the NHS.UK design system:
each says what to do, and what was typed is kept."""

from django import forms
from django.utils import timezone

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm
from alongside.core.validators import tel_uri

from .models import Check, Training
from .profiles_words import DAY_NAMES

PARTS_OF_DAY = [
    ("morning", "Mornings (before 12 noon)"),
    ("afternoon", "Afternoons (12 noon to 5pm)"),
    ("evening", "Evenings (after 5pm)"),
]
WORDS_LIMIT = 300


def _listed(text: str) -> list[str]:
    """ "Polish, Urdu" -> ["Polish", "Urdu"]: separated by commas, each tidied, none twice."""
    found: list[str] = []
    for part in text.split(","):
        word = " ".join(part.split())
        if word and word.lower() not in (w.lower() for w in found):
            found.append(word)
    return found


class ProfileForm(VersionedForm):
    phone = forms.CharField(
        label="Your phone number",
        help_text="So that your coordinator can call you, and send you texts if you choose. For example, 07700 900 982",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages={"max_length": "Phone number must be 20 characters or fewer"},
    )
    languages = forms.CharField(
        label="Which languages do you speak besides English?",
        help_text="Separate them with commas, for example Polish, Urdu. Leave it empty if none",
        required=False,
        max_length=200,
        error_messages={"max_length": "Languages must be 200 characters or fewer"},
    )
    practices = forms.MultipleChoiceField(
        label="Which GP practices' patients do you visit?",
        help_text="Select all that apply. We match you with people registered at these practices first",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select GP practices from the list"},
    )
    neighbourhoods = forms.MultipleChoiceField(
        label="Which neighbourhoods can you get to?",
        help_text="Select all that apply",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select neighbourhoods from the list"},
    )
    home_district = forms.CharField(
        label="The first part of your postcode",
        help_text="For example, NV2. We only use it to find people who live near you",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": "Enter only the first part of your postcode, for example NV2"},
    )
    interests = forms.CharField(
        label="What do you enjoy?",
        help_text="Separate them with commas, for example gardening, football, baking",
        required=False,
        max_length=300,
        error_messages={"max_length": "Interests must be 300 characters or fewer"},
    )
    days = forms.MultipleChoiceField(
        label="Which days are you usually free?",
        help_text="Select all that apply",
        required=False,
        choices=[(str(n), name) for n, name in enumerate(DAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select days from the list"},
    )
    parts = forms.MultipleChoiceField(
        label="Which times of day are you usually free?",
        help_text="Select all that apply",
        required=False,
        choices=PARTS_OF_DAY,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select times of day from the list"},
    )
    availability_words = forms.CharField(
        label="Anything else about when you are free?",
        help_text="For example, not in school holidays",
        required=False,
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Say it in {WORDS_LIMIT} characters or fewer"},
    )
    capacity = forms.IntegerField(
        label="How many people could you visit at the same time?",
        help_text="Most volunteers visit 2 to 5 people",
        min_value=1,
        max_value=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many people you could visit at the same time",
            "invalid": "How many people must be a number, like 3",
            "min_value": "How many people must be 1 or more",
            "max_value": "How many people must be 10 or fewer",
        },
    )
    told_by = forms.MultipleChoiceField(
        label="How should we tell you about new clients and news?",
        help_text="Select all that apply. You will always see it in Alongside too",
        required=False,
        choices=[("text", "By text message"), ("email", "By email")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select text message or email from the list"},
    )

    def __init__(self, *args, practices=(), neighbourhoods=(), email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].choices = [(str(pk), name) for pk, name in practices]
        self.fields["neighbourhoods"].choices = [(str(pk), name) for pk, name in neighbourhoods]
        self.email = email

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and tel_uri(phone) is None:
            raise forms.ValidationError("Enter a phone number, like 07700 900 982 or 01632 960 001")
        return phone

    def clean_languages(self):
        found = _listed(self.cleaned_data["languages"])
        if any(len(word) > 40 for word in found):
            raise forms.ValidationError("Each language must be 40 characters or fewer")
        return found

    def clean_interests(self):
        found = _listed(self.cleaned_data["interests"])
        if any(len(word) > 60 for word in found):
            raise forms.ValidationError("Each interest must be 60 characters or fewer")
        return found

    def clean_home_district(self):
        district = self.cleaned_data["home_district"].strip().upper()
        if district and not (district[0].isalpha() and district.isalnum() and 2 <= len(district) <= 4):
            raise forms.ValidationError("Enter only the first part of your postcode, for example NV2")
        return district

    def clean(self):
        data = super().clean()
        told = data.get("told_by") or []
        if "text" in told and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Enter your phone number, so that we can send you texts")
        if "email" in told and not self.email:
            self.add_error("told_by", "We do not have your email address. Ask your coordinator to add it")
        return data


class SignAgreementForm(OnceForm):
    agree = forms.BooleanField(
        label="I have read the confidentiality agreement and I will keep to it",
        error_messages={"required": "Select that you have read the agreement and will keep to it"},
    )


def _not_future(value, named):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{named} must be today or in the past")
    return value


class _Dated(OnceForm):
    """A form with a day something was done and the day it runs out, after it."""

    done_field = "done_on"

    def clean(self):
        data = super().clean()
        done, expires = data.get(self.done_field), data.get("expires_on")
        if done and expires and expires <= done:
            self.add_error("expires_on", "The date it runs out must be after the date it was done")
        return data


class CheckForm(_Dated):
    kind = forms.ChoiceField(
        label="What kind of check?",
        choices=Check.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of check", "invalid_choice": "Select a kind of check"},
    )
    level = forms.ChoiceField(
        label="Which level of DBS check?",
        choices=Check.Level.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a level of DBS check from the list"},
    )
    done_on = DateInputField(
        named="The date of the check",
        example="14 3 2026",
        label="When was it done?",
        help_text="For example, 14 3 2026",
    )
    expires_on = DateInputField(
        named="The date it runs out",
        example="14 3 2029",
        label="When does it run out?",
        help_text="For example, 14 3 2029. A DBS check is usually renewed after 3 years",
    )
    note = forms.CharField(
        label="Certificate number or who gave the reference",
        help_text="Optional",
        required=False,
        max_length=200,
        error_messages={"max_length": "Say it in 200 characters or fewer"},
    )

    def clean_done_on(self):
        return _not_future(self.cleaned_data.get("done_on"), "The date of the check")

    def clean(self):
        data = super().clean()
        if data.get("kind") == Check.Kind.DBS and not data.get("level") and "level" not in self.errors:
            self.add_error("level", "Select which level of DBS check")
        if data.get("kind") == Check.Kind.REFERENCE:
            data["level"] = ""
        return data


class TrainingForm(_Dated):
    done_field = "completed_on"
    course = forms.ChoiceField(
        label="Which course?",
        choices=Training.Course.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which course", "invalid_choice": "Select a course from the list"},
    )
    completed_on = DateInputField(
        named="The date they finished the course",
        example="14 3 2026",
        label="When did they finish it?",
        help_text="For example, 14 3 2026",
    )
    expires_on = DateInputField(
        named="The date it runs out",
        example="14 3 2027",
        label="When does it need doing again?",
        help_text="For example, 14 3 2027",
    )

    def clean_completed_on(self):
        return _not_future(self.cleaned_data.get("completed_on"), "The date they finished the course")


class PaperAgreementForm(OnceForm):
    signed_on = DateInputField(
        named="The date they signed",
        example="14 3 2026",
        label="When did they sign it?",
        help_text="For example, 14 3 2026",
    )

    def clean_signed_on(self):
        return _not_future(self.cleaned_data.get("signed_on"), "The date they signed")
