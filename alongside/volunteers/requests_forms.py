"""Forms for asking for a volunteer and ending an allocation."""

from django import forms

from alongside.core.forms import OnceForm

LANGUAGES_MAX = 6


class AskForm(OnceForm):
    """What would help, in the person's words; languages besides English; interests. Nothing is chosen for them."""

    hub = forms.TypedChoiceField(
        coerce=int, required=True, error_messages={"required": "Choose which volunteer hub to ask"}
    )
    what_would_help = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        error_messages={
            "required": "Say what would help, so that the coordinator can find the right volunteer",
            "max_length": "Keep it shorter: 2000 characters at most",
        },
    )
    languages = forms.CharField(required=False, max_length=200)
    interests = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, hubs, interests, own: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = [(h.pk, h.name) for h in hubs]
        if len(hubs) == 1:
            self.fields["hub"].initial = hubs[0].pk
            self.fields["hub"].widget = forms.HiddenInput()
        self.fields["interests"].choices = [(i, i) for i in interests]
        you = own
        self.fields["hub"].label = "Which volunteer hub should we ask?"
        self.fields["what_would_help"].label = "What would help you?" if you else "What would help them?"
        self.fields["what_would_help"].help_text = (
            "For example, someone to chat with each week, or help to get to the shops"
            if you
            else "In their own words if you can. For example, someone to chat with each week"
        )
        self.fields["languages"].label = (
            "Which languages do you speak besides English? (optional)"
            if you
            else "Which languages do they speak besides English? (optional)"
        )
        self.fields["languages"].help_text = "For example Polish or Urdu. Separate them with commas"
        self.fields["interests"].label = "What do you enjoy? (optional)" if you else "What do they enjoy? (optional)"

    def clean_what_would_help(self):
        text = self.cleaned_data["what_would_help"].strip()
        if not text:
            raise forms.ValidationError("Say what would help, so that the coordinator can find the right volunteer")
        return text

    def clean_languages(self):
        found: list[str] = []
        for part in self.cleaned_data["languages"].replace(";", ",").split(","):
            word = " ".join(part.split())
            if word and word.casefold() != "english" and word.casefold() not in {f.casefold() for f in found}:
                found.append(word[:40])
        if len(found) > LANGUAGES_MAX:
            raise forms.ValidationError(f"Name up to {LANGUAGES_MAX} languages")
        return found


class EndForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=200,
        label="Why are these visits ending?",
        help_text="For example, they moved into a care home. The volunteer is thanked, and not told this reason",
        error_messages={
            "required": "Say why these visits are ending",
            "max_length": "Keep it shorter: 200 characters at most",
        },
    )

    def clean_reason(self):
        text = self.cleaned_data["reason"].strip()
        if not text:
            raise forms.ValidationError("Say why these visits are ending")
        return text
