"""Forms for the continuity dashboard and the person's measures: a period chosen with two dates, and a team
leader's change of named worker."""

from datetime import date

from django import forms

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm
from bench.dashboard_baseline.measure import Period

EARLIEST_YEAR = 2000


class PeriodForm(forms.Form):
    """The period to measure, from a page's address (GET). Whatever is not given is filled in with the default,
    so the form is always bound and checked, and keeps exactly what was typed."""

    start = DateInputField(named="The start date", example="1 4 2025", label="From", help_text="For example, 1 4 2025")
    end = DateInputField(named="The end date", example="31 3 2026", label="To", help_text="For example, 31 3 2026")

    def __init__(self, query, *, today: date, **kwargs):
        self.today = today
        default = Period.last_year(today)
        data = {**_date_parts("start", default.first), **_date_parts("end", default.last), **self.defaults()}
        data.update({key: query.get(key, "") for key in query if key in self.accepted_keys()})
        super().__init__(data, **kwargs)

    def defaults(self) -> dict:
        return {}

    def accepted_keys(self) -> set[str]:
        dates = {f"{name}_{part}" for name in ("start", "end") for part in ("day", "month", "year")}
        return dates | (set(self.base_fields) - {"start", "end"})

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and start.year < EARLIEST_YEAR:
            self.add_error("start", f"The start date must be in {EARLIEST_YEAR} or later")
        if end and end > self.today:
            self.add_error("end", "The end date must be today or in the past")
        if start and end and end < start and not self.has_error("end"):
            self.add_error("end", "The end date must be the same as or after the start date")
        return data

    @property
    def period(self) -> Period | None:
        """The chosen period, or None while the dates have a problem."""
        if self.errors:
            return None
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class DashboardForm(PeriodForm):
    """The period, the team (for leaders of more than one) and the GP practice to follow over time."""

    team = forms.ChoiceField(
        label="Team", error_messages={"invalid_choice": "Select one of the teams you lead", "required": "Select a team"}
    )
    practice = forms.ChoiceField(
        label="GP practice to follow over time",
        required=False,
        error_messages={"invalid_choice": "Select a GP practice from the list"},
    )

    def __init__(self, query, *, today: date, teams: list[tuple[int, str]], practices: list[tuple[int, str]]):
        self.team_choices = [(str(pk), name) for pk, name in teams]
        super().__init__(query, today=today)
        self.fields["team"].choices = self.team_choices
        self.fields["practice"].choices = [("", "The practice most of the team's people are with")] + [
            (str(pk), name) for pk, name in practices
        ]

    def defaults(self) -> dict:
        return {"team": self.team_choices[0][0] if self.team_choices else "", "practice": ""}


class ReviewForm(OnceForm):
    """A team leader gives the person a different named worker from the team, and says why."""

    new_worker = forms.ChoiceField(
        label="New named worker",
        help_text="Someone the person already knows is often the kindest choice",
        error_messages={
            "required": "Select who will be their new named worker",
            "invalid_choice": "Select a new named worker from the list",
        },
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        label="Why are you changing their named worker?",
        help_text="This is kept with the change in the audit trail. The person's record says only that their named "
        "worker changed",
        error_messages={
            "required": "Say why you are changing their named worker",
            "max_length": "Say why in 2000 characters or fewer",
        },
    )

    def __init__(self, *args, workers: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_worker"].choices = [("", "Select a member of the team"), *((str(k), v) for k, v in workers)]


def _date_parts(name: str, day: date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}
