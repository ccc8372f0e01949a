"""The plan's form: the person's own parts (strengths, goals, what they want from services) for everyone who may
write the plan, and for staff also the review date, the agreement, and whose words the parts they changed are.
Each bad value gets its own message; nothing typed is lost."""

from datetime import date

from django import forms

from alongside.core.forms import OnceForm

from .answers import GOAL_SLOTS, PERSON, STAFF, GoalAnswer, PlanAnswers

GOAL_FIELDS = ("text", "steps", "who", "when")


def _date(data: dict, prefix: str, form: forms.Form, what: str) -> date | None:
    parts = [str(data.get(f"{prefix}_{p}") or "").strip() for p in ("day", "month", "year")]
    if not any(parts):
        return None
    try:
        day, month, year = (int(p) for p in parts)
        found = date(year, month, day)
    except ValueError:
        form.add_error(f"{prefix}_day", f"{what} must be a real date, for example 27 3 2027")
        return None
    if not 2000 <= found.year <= 2100:
        form.add_error(f"{prefix}_day", f"{what} must be a real date, for example 27 3 2027")
        return None
    return found


class PlanForm(OnceForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    strengths = forms.CharField(widget=forms.Textarea, max_length=5000, required=False)
    wants_from_services = forms.CharField(widget=forms.Textarea, max_length=5000, required=False)
    reason = forms.CharField(max_length=200, required=False, label="Why are you changing it? (optional)")

    def __init__(self, *args, staff: bool, name: str, own: bool, **kwargs):
        """`own`: the person writes their own plan, and is spoken to as "you"; anyone else (staff, and their proxy)
        reads the person's name."""
        super().__init__(*args, **kwargs)
        self.staff = staff
        theirs = "your" if own else f"{name}'s"
        self.fields["strengths"].label = f"What {'you are' if own else f'{name} is'} good at"
        enjoy = "you enjoy" if own else "they enjoy"
        self.fields["strengths"].help_text = f"Start with {theirs} strengths: what {enjoy} and what has helped before"
        self.fields["wants_from_services"].label = f"What {'you want' if own else f'{name} wants'} from services"
        for n in range(1, GOAL_SLOTS + 1):
            self.fields[f"goal_{n}_text"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=1000,
                required=False,
                label=f"Goal {n}, in {theirs} own words",
            )
            self.fields[f"goal_{n}_steps"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False, label="Small steps"
            )
            self.fields[f"goal_{n}_who"] = forms.CharField(max_length=200, required=False, label="Who helps")
            self.fields[f"goal_{n}_when"] = forms.CharField(max_length=100, required=False, label="By when")
        if staff:
            for prefix in ("review", "agreed"):
                for part in ("day", "month", "year"):
                    self.fields[f"{prefix}_{part}"] = forms.CharField(max_length=4, required=False)
            self.fields["whose"] = forms.ChoiceField(
                widget=forms.RadioSelect,
                choices=[(PERSON, f"{name}'s own words, written down with them"), (STAFF, "My words")],
                label="Whose words are the parts you wrote or changed?",
                error_messages={"required": f"Select whose words these are: {name}'s or yours"},
            )

    def clean(self):
        data = super().clean()
        if {"based_on", "form_key"} & set(self.errors):  # hidden: the page was changed or is from an old form
            self.add_error(None, "This page could not be read. Check your answers, then press Continue again")
        for n in range(1, GOAL_SLOTS + 1):
            rest = [data.get(f"goal_{n}_{p}", "").strip() for p in ("steps", "who", "when")]
            if any(rest) and not data.get(f"goal_{n}_text", "").strip():
                self.add_error(f"goal_{n}_text", f"Write goal {n}, or clear its steps, who helps and by when")
        if self.staff:
            data["review_on"] = _date(self.data, "review", self, "The review date")
            data["agreed_on"] = _date(self.data, "agreed", self, "The date it was agreed")
            if data["agreed_on"] and data["agreed_on"] > date.today():
                self.add_error("agreed_day", "The date it was agreed must be today or in the past")
        return data

    def answers(self) -> PlanAnswers:
        data = self.cleaned_data
        goals = tuple(
            GoalAnswer(
                data[f"goal_{n}_text"].strip(),
                data[f"goal_{n}_steps"].strip(),
                data[f"goal_{n}_who"].strip(),
                data[f"goal_{n}_when"].strip(),
            )
            for n in range(1, GOAL_SLOTS + 1)
            if data[f"goal_{n}_text"].strip()
        )
        return PlanAnswers(
            strengths=data["strengths"].strip(),
            wants_from_services=data["wants_from_services"].strip(),
            goals=goals,
            review_on=data.get("review_on"),
            agreed_on=data.get("agreed_on"),
            reason=data["reason"].strip(),
        )


def initial_for(plan, strengths_told: str) -> dict:
    """The form filled from the plan as it stands; a first plan starts from the strengths the person told in their
    story, so they are not asked again."""
    if plan is None:
        return {"based_on": 0, "strengths": strengths_told}
    initial = {
        "based_on": plan.number,
        "strengths": plan.strengths,
        "wants_from_services": plan.wants_from_services,
    }
    for n, goal in enumerate(plan.goals.all(), start=1):
        initial |= {
            f"goal_{n}_text": goal.in_own_words,
            f"goal_{n}_steps": goal.small_steps,
            f"goal_{n}_who": goal.who_helps,
            f"goal_{n}_when": goal.by_when,
        }
    for prefix, when in (("review", plan.review_on), ("agreed", plan.agreed_on)):
        if when:
            initial |= {f"{prefix}_day": when.day, f"{prefix}_month": when.month, f"{prefix}_year": when.year}
    return initial
