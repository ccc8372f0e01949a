"""The episodes part's forms: refer, decide, add to the plan, extend, end. Each message says what to do; nothing is
chosen for the user (radios start empty)."""

from datetime import datetime

from django import forms
from django.utils import timezone

from alongside.core.forms import OnceForm, VersionedForm

from . import rules_episodes as rules
from .models import Episode, PlannedContact, Referral

DIRECTION_HINTS = {
    Referral.Direction.STEP_UP.value: "They are unwell at home. The ward helps them avoid going into hospital.",
    Referral.Direction.STEP_DOWN.value: "They are in hospital now. The ward helps them leave hospital early.",
}
OUTCOME_WHY_LABEL = "Why"


class _Checked(forms.Form):
    """Hidden keys that went stale say so once, in words, rather than as a field error nobody can see."""

    def full_clean(self):
        super().full_clean()
        hidden = [name for name in ("form_key", "version") if name in self.errors]
        for name in hidden:
            del self.errors[name]
        if hidden:
            self.add_error(None, "This page was out of date. Check it and send it again")


def _radios(label: str, choices, missing: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": missing}
    )


def _words(label: str, hint: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, widget=forms.Textarea(attrs={"rows": rows}), required=False, strip=False
    )


class ReferForm(_Checked, OnceForm):
    ward = forms.ChoiceField(label="Which virtual ward", error_messages={"required": rules.WARD_MISSING})
    source = _radios("Where does the referral come from?", Referral.Source.choices, rules.SOURCE_MISSING)
    direction = _radios("Step-up or step-down?", Referral.Direction.choices, rules.DIRECTION_MISSING)
    reason = _words(
        "Why do they need the virtual ward?",
        "What is wrong now, what they want, and anything the nurses need to know before the first visit.",
        rows=5,
    )

    def __init__(self, *args, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [(str(w.pk), w.name) for w in wards]
        if len(wards) == 1:
            self.fields["ward"].widget = forms.HiddenInput()
            self.fields["ward"].initial = str(wards[0].pk)

    def clean_reason(self):
        words = self.cleaned_data.get("reason", "")
        if problem := rules.reason_problem(words, rules.REASON_MISSING):
            raise forms.ValidationError(problem)
        return words.strip()


class DecideForm(_Checked, OnceForm, VersionedForm):
    decision = _radios(
        "Can the ward take them on?",
        [(Referral.Decision.ACCEPTED.value, "Yes, accept"), (Referral.Decision.DECLINED.value, "No, decline")],
        rules.DECISION_MISSING,
    )
    reason = _words("Why?", "The person who referred them sees this.")

    def clean(self):
        data = super().clean()
        missing = (
            rules.DECLINE_REASON_MISSING
            if data.get("decision") == Referral.Decision.DECLINED
            else rules.ACCEPT_REASON_MISSING
        )
        if "reason" in data and (problem := rules.reason_problem(data["reason"], missing)):
            self.add_error("reason", problem)
        elif "reason" in data:
            data["reason"] = data["reason"].strip()
        return data


class AdmitForm(_Checked, OnceForm):
    bed = forms.IntegerField(widget=forms.HiddenInput)


def _when(date_label: str, time_label: str):
    return (
        forms.DateField(
            label=date_label,
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={"required": "Enter a date", "invalid": "Enter a real date"},
        ),
        forms.TimeField(
            label=time_label,
            help_text="For example, 14:30",
            widget=forms.TimeInput(attrs={"type": "time"}),
            error_messages={"required": "Enter a time", "invalid": "Enter a time like 14:30"},
        ),
    )


def _joined(day, time) -> datetime:
    return timezone.make_aware(datetime.combine(day, time))


class PlanForm(_Checked, OnceForm):
    kind = _radios("What is it?", PlannedContact.Kind.choices, "Choose a visit, a call or readings")
    day, time = _when("Day", "Time")
    minutes = forms.IntegerField(
        label="How many minutes",
        error_messages={"required": "Enter how many minutes it takes", "invalid": "Enter a number of minutes"},
    )
    what_for = forms.CharField(
        label="What is it for?",
        help_text="For example, check breathing and antibiotics",
        max_length=200,
        required=False,
        error_messages={"max_length": "Write 200 characters or fewer"},
    )

    def __init__(self, *args, episode: Episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.episode = episode

    def clean_minutes(self):
        minutes = self.cleaned_data.get("minutes")
        if problem := rules.minutes_problem(minutes):
            raise forms.ValidationError(problem)
        return minutes

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            at = _joined(data["day"], data["time"])
            if problem := rules.plan_time_problem(self.episode.admitted_at, self.episode.due_end_at, at):
                self.add_error("day", problem)
            data["due_at"] = at
        return data


class ExtendForm(_Checked, OnceForm, VersionedForm):
    day, time = _when("New end: day", "New end: time")
    reason = _words("Why do they need longer?", "For example, not yet safe to stop the daily visits.")

    def __init__(self, *args, episode: Episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.episode = episode

    def clean_reason(self):
        words = self.cleaned_data.get("reason", "")
        if problem := rules.reason_problem(words, rules.EXTEND_REASON_MISSING):
            raise forms.ValidationError(problem)
        return words.strip()

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            at = _joined(data["day"], data["time"])
            problem = rules.new_end_problem(self.episode.admitted_at, self.episode.due_end_at, at, timezone.now())
            if problem:
                self.add_error("day", problem)
            data["new_end"] = at
        return data


class EndForm(_Checked, OnceForm, VersionedForm):
    outcome = _radios("How did their stay end?", Episode.Outcome.choices, rules.OUTCOME_MISSING)
    reason_hospital = _words("Why did they go into hospital?", rows=3)
    reason_other = _words("What happened?", rows=3)

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome", "")
        field = {"hospital": "reason_hospital", "other": "reason_other"}.get(outcome)
        words = data.get(field, "") if field else ""
        if field and (problem := rules.outcome_reason_problem(outcome, words)):
            self.add_error(field, problem)
        data["reason"] = words.strip()
        return data
