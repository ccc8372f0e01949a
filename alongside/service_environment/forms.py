"""The checklist as a form: one question per statement, answered on the checklist's scale or "Don't know"."""

from django import forms

from alongside.core.forms import OnceForm

from .checklist import Checklist

DONT_KNOW = "dk"


class AnswersForm(forms.Form):
    """`wording` is "team" (what members see: "We ...") or "people" (what someone who uses the service sees)."""

    def __init__(self, checklist: Checklist, wording: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        choices = [(str(number), word) for number, word in enumerate(checklist.scale)] + [
            (DONT_KNOW, checklist.dont_know)
        ]
        for statement in checklist.statements:
            label = statement.team if wording == "team" else statement.people
            self.fields[statement.key] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose how true this is: {label}"},
            )

    def by_domain(self):
        """(domain, its bound fields), in the checklist's order."""
        return [(domain, [self[s.key] for s in domain.statements]) for domain in self.checklist.domains]

    def answers(self) -> dict[str, int | None]:
        return {
            key: None if value == DONT_KNOW else int(value)
            for key, value in self.cleaned_data.items()
            if key in self.fields and key not in ("version", "form_key")
        }

    @staticmethod
    def initial_from(answers: dict) -> dict[str, str]:
        return {key: DONT_KNOW if value is None else str(value) for key, value in answers.items()}


class TeamAnswersForm(AnswersForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class OpenRoundForm(OnceForm):
    checklist = forms.ChoiceField(
        label="Which checklist?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the checklist the team will use"},
    )

    def __init__(self, choices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].choices = choices


class MakeLinkForm(OnceForm):
    pass
