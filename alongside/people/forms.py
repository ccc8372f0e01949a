from django import forms

from alongside.core.forms import OnceForm

from .models import Entry


class StoryForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        label="In the person's own words",
        error_messages={"required": "Write the story in the person's words, or go back without saving"},
    )
    reason = forms.CharField(
        max_length=200,
        label="Why is this changing?",
        help_text="For example: first told at assessment; Ada asked to add her grandchildren",
        error_messages={"required": "Say why this is changing, so others can follow the story's history"},
    )
    written_with_person = forms.BooleanField(required=False, label="Written with the person")
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EntryForm(OnceForm):
    kind = forms.ChoiceField(
        choices=[("", "Select what kind of entry"), *Entry.Kind.choices],
        label="Kind of entry",
        error_messages={"required": "Select what kind of entry this is"},
    )
    text = forms.CharField(
        widget=forms.Textarea, max_length=10000, label="Entry", error_messages={"required": "Write the entry"}
    )
    restricted = forms.BooleanField(
        required=False,
        label="Sensitive: show only to the named worker",
        help_text="Nobody else sees a sensitive entry, not even that it exists, unless they use break-glass",
    )


class AmendForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea,
        max_length=10000,
        label="Corrected entry",
        error_messages={"required": "Write the corrected entry"},
    )
    reason = forms.CharField(
        max_length=200, label="What was wrong?", error_messages={"required": "Say what was wrong with the entry"}
    )
