"""The administrators' forms: an area's local terms, and changes to the list of words that carry hope."""

import re

from django import forms

from alongside.core.forms import OnceForm, VersionedForm

from . import checking, rules
from .models import LocalTerm

ABBREVIATION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&+/.'-]*$")


class LocalTermFields(forms.Form):
    abbreviation = forms.CharField(
        max_length=20,
        label="Abbreviation",
        help_text="As people write it: capital letters matter, so MDT and mdt are different. For example: MDT, A&E",
        error_messages={
            "required": "Enter the abbreviation",
            "max_length": "An abbreviation is at most 20 characters: enter a shorter one",
        },
    )
    words = forms.CharField(
        max_length=200,
        label="What it stands for",
        help_text="In plain words, as a volunteer or the person would understand it",
        error_messages={
            "required": "Enter what the abbreviation stands for",
            "max_length": "Keep what it stands for to 200 characters or fewer",
        },
    )

    def __init__(self, *args, neighbourhood=None, instance=None, **kwargs):
        self.neighbourhood = neighbourhood
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_abbreviation(self):
        abbreviation = self.cleaned_data["abbreviation"].strip()
        if not ABBREVIATION.match(abbreviation):
            raise forms.ValidationError(
                "An abbreviation has letters and numbers, and may have & + / . ' or - inside, but no spaces: "
                "for example MDT, A&E or SpO2"
            )
        others = LocalTerm.objects.filter(neighbourhood=self.neighbourhood, abbreviation=abbreviation)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"This area already has {abbreviation}: change that one instead")
        return abbreviation

    def clean_words(self):
        return " ".join(self.cleaned_data["words"].split())


class NewLocalTermForm(LocalTermFields, OnceForm):
    pass


class EditLocalTermForm(LocalTermFields, VersionedForm):
    pass


class RemoveLocalTermForm(VersionedForm):
    pass


SUGGESTION = forms.CharField(
    max_length=300,
    label="What to suggest instead",
    help_text="Person-first words a writer could use, for example: person who uses drugs",
    error_messages={
        "required": "Enter what to suggest instead",
        "max_length": "Keep the suggestion to 300 characters or fewer",
    },
)
WHY = forms.CharField(
    max_length=300,
    label="Why, in one short sentence",
    help_text="Plain words a 9-year-old could read, for example: A person is more than their drug use.",
    error_messages={
        "required": "Enter why, in one short sentence",
        "max_length": "Keep why to 300 characters or fewer",
    },
)
SOURCE = forms.CharField(
    max_length=300,
    required=False,
    label="Source (optional)",
    help_text="The guidance this comes from, by name",
    error_messages={"max_length": "Keep the source to 300 characters or fewer"},
)


class RewordForm(forms.Form):
    suggestion = SUGGESTION
    why = WHY
    source = SOURCE
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SwitchForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NewTermForm(OnceForm):
    words = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        label="The words to look for",
        help_text=(
            "One on each line, with each form people write: for example 'gone AWOL' and 'went AWOL'. Capital "
            "letters do not matter, and a space or a hyphen between words are the same"
        ),
        error_messages={
            "required": "Enter the words to look for",
            "max_length": "Keep the words to 1,000 characters or fewer",
        },
    )
    suggestion = SUGGESTION
    why = WHY
    source = SOURCE

    def clean_words(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["words"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError("Enter the words to look for")
        too_long = [line for line in lines if len(line) > 60]
        if too_long:
            raise forms.ValidationError(f"Keep each line to 60 characters or fewer: '{too_long[0][:60]}...' is longer")
        if any(not checking.key(line) or not re.search(r"\w", line) for line in lines):
            raise forms.ValidationError("Each line needs at least one word")
        in_force = rules.in_force().by_key
        listed = next((line for line in lines if checking.key(line) in in_force), None)
        if listed is not None:
            already = in_force[checking.key(listed)].match[0]
            raise forms.ValidationError(
                f"'{listed}' is already looked for, as part of '{already}': change that term's suggestion instead"
            )
        return lines
