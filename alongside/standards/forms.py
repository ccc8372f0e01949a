"""The standards' forms, with messages that say how to put things right."""

from django import forms

from alongside.core.forms import OnceForm, VersionedForm

from .models import Colour, StakeholderKind

MAX_STANDARDS = 20


class RatingForm(VersionedForm):
    colour = forms.ChoiceField(
        label="How well does the team meet this standard?",
        choices=Colour.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber or green"},
    )
    evidence = forms.CharField(
        label="What shows this?",
        help_text="What you see and hear that tells you. For example, what people who use the service say.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Say what shows this, in a few words"},
    )
    action = forms.CharField(
        label="What will the team do to get better?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": "Say what the team will do to get better, in a few words"},
    )


class InviteForm(OnceForm):
    kind = forms.ChoiceField(
        label="Who is the link for?",
        choices=StakeholderKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the link is for"},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        help_text="They will see it if they open their link again.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Write your answer"},
    )


class CheckForm(forms.Form):
    """A stakeholder's word on each rating: fields "said_<id>" (agree or challenge) and "comment_<id>"."""

    def __init__(self, data, ratings):
        super().__init__(data)
        self.ratings = ratings
        for rating in ratings:
            self.fields[f"said_{rating.pk}"] = forms.ChoiceField(
                label=f"Do you agree with the rating for standard {rating.standard.number}?",
                choices=[("agree", "I agree"), ("challenge", "I do not agree")],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"comment_{rating.pk}"] = forms.CharField(
                label="Tell the team why (optional if you agree)",
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
                required=False,
            )

    def clean(self):
        data = super().clean()
        chosen = 0
        for rating in self.ratings:
            said = data.get(f"said_{rating.pk}")
            chosen += bool(said)
            if said == "challenge" and not (data.get(f"comment_{rating.pk}") or "").strip():
                self.add_error(
                    f"comment_{rating.pk}",
                    f"Tell the team why you do not agree with standard {rating.standard.number}",
                )
        if not chosen and not self.errors and self.ratings:
            self.add_error(f"said_{self.ratings[0].pk}", "Say whether you agree with at least one rating")
        return data

    def said(self) -> dict[int, tuple[bool, str]]:
        found = {}
        for rating in self.ratings:
            said = self.cleaned_data.get(f"said_{rating.pk}")
            if said:
                found[rating.pk] = (said == "agree", self.cleaned_data.get(f"comment_{rating.pk}", "").strip())
        return found


class SetForm(OnceForm):
    name = forms.CharField(
        label="Name of the set",
        max_length=120,
        error_messages={"required": "Enter a name for the set", "max_length": "Keep the name to 120 characters"},
    )
    standards = forms.CharField(
        label="The standards",
        help_text=(
            "One a line: a short title, a colon, then what it means. "
            "For example: We listen: people tell us we hear what they say."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"required": "Enter at least one standard"},
    )

    def clean_standards(self) -> list[tuple[str, str]]:
        lines = [line.strip() for line in self.cleaned_data["standards"].splitlines() if line.strip()]
        found = []
        for line in lines:
            title, colon, meaning = line.partition(":")
            if not colon or not title.strip() or not meaning.strip():
                raise forms.ValidationError(
                    f"{as_typed(line)} needs a title, a colon, then what it means. "
                    "For example, We listen: people hear us"
                )
            if len(title.strip()) > 120:
                raise forms.ValidationError(f"Keep the title of {as_typed(line)} to 120 characters")
            found.append((title.strip(), meaning.strip()))
        if len(found) > MAX_STANDARDS:
            raise forms.ValidationError(f"A set can have up to {MAX_STANDARDS} standards. This has {len(found)}")
        return found


def as_typed(line: str, most: int = 40) -> str:
    """A line quoted as it was typed, cut short if it is long, so that the message says which line it means."""
    return f"'{line}'" if len(line) <= most else f"'{line[:most].rstrip()}…'"
