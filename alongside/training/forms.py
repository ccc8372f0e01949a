"""The forms: record a finished course (for yourself, or for a member of your team), and add an organisation's own
course. Each bad value gets its own message; nothing typed is lost."""

from datetime import date

from django import forms
from django.utils import timezone

from alongside.core.forms import OnceForm, VersionedForm
from alongside.core.numbers import whole_number

from .actions import LONGEST_MONTHS
from .expiry import date_problem, year_problem
from .models import Course, Record
from .queries import Member

DATE_PARTS = ("day", "month", "year")

SAME_DAY = "This course is already recorded as finished on that day"


def _completed(form, data) -> date | None:
    """The day the course was finished, from its three boxes; None, with the box's message, when it is not one."""
    parts = [str(data.get(f"completed_{p}") or "").strip() for p in DATE_PARTS]
    what = "The date the course was finished"
    if not any(parts):
        form.add_error("completed_day", "Enter the date the course was finished")
        return None
    if not all(parts):
        missing = " and ".join(p for p, v in zip(DATE_PARTS, parts, strict=True) if not v)
        form.add_error("completed_day", f"{what} must include a {missing}")
        return None
    if problem := year_problem(parts[2]):
        form.add_error("completed_day", f"{what} {problem}")
        return None
    day, month, year = (whole_number(p, low=1, high=high) for p, high in zip(parts, (31, 12, 9999), strict=True))
    try:
        completed = date(year, month, day) if day and month and year else None
    except ValueError:  # 31 April, 29 February in a year that is not a leap year
        completed = None
    if completed is None:
        form.add_error("completed_day", f"{what} must be a real date, for example 14 3 2025")
        return None
    if problem := date_problem(completed, timezone.localdate()):
        form.add_error("completed_day", f"{what} {problem}")
        return None
    return completed


class CorrectForm(VersionedForm):
    """Putting right the day a recorded course was finished, from the version the page was opened at."""

    completed_day = forms.CharField(max_length=10, required=False)
    completed_month = forms.CharField(max_length=10, required=False)
    completed_year = forms.CharField(max_length=10, required=False)

    def __init__(self, *args, record: Record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record

    def clean(self):
        data = super().clean()
        completed = _completed(self, data)
        if completed is None:
            return data
        data["completed"] = completed
        same = Record.objects.filter(
            user_id=self.record.user_id, course_id=self.record.course_id, completed_on=completed
        )
        if same.exclude(pk=self.record.pk).exists():
            self.add_error("completed_day", SAME_DAY)
        return data


class RecordForm(OnceForm):
    member = forms.TypedChoiceField(
        coerce=int,
        label="Who finished the course?",
        error_messages={"required": "Choose who finished the course", "invalid_choice": "Choose someone in the team"},
    )
    course = forms.TypedChoiceField(
        coerce=int,
        label="Which course?",
        error_messages={"required": "Choose the course", "invalid_choice": "Choose a course from the list"},
    )
    completed_day = forms.CharField(max_length=10, required=False)
    completed_month = forms.CharField(max_length=10, required=False)
    completed_year = forms.CharField(max_length=10, required=False)

    def __init__(self, *args, courses: list[Course], members: list[Member] | None, me: int, **kwargs):
        """`members`: the team's staff, for a leader or an administrator; None when someone records their own."""
        super().__init__(*args, **kwargs)
        self.courses = {c.pk: c for c in courses}
        self.me = me
        self.fields["course"].choices = [(c.pk, c.name) for c in courses]
        if members is None:
            del self.fields["member"]
            self.fields["course"].label = "Which course did you finish?"
        else:
            self.fields["member"].choices = [(m.user_id, m.name) for m in members]
        self.names = {m.user_id: m.name for m in members or []}

    def clean(self):
        data = super().clean()
        completed = _completed(self, data)
        if completed is None:
            return data
        data["completed"] = completed
        user_id = data.get("member", self.me)
        if (
            data.get("course")
            and Record.objects.filter(user_id=user_id, course_id=data["course"], completed_on=completed).exists()
        ):
            who = "You have" if user_id == self.me else f"{self.names.get(user_id, 'They')} has"
            self.add_error("course", f"{who} already got this course recorded as finished on that day")
        return data

    @property
    def chosen_course(self) -> Course:
        return self.courses[self.cleaned_data["course"]]


class CourseForm(OnceForm):
    name = forms.CharField(
        max_length=120,
        label="Name of the course",
        error_messages={
            "required": "Enter the name of the course",
            "max_length": "The name must be 120 characters or fewer",
        },
    )
    covers = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        label="What it covers",
        help_text="A sentence or two, in plain words",
        error_messages={
            "required": "Say what the course covers",
            "max_length": "This must be 1000 characters or fewer",
        },
    )
    expires = forms.ChoiceField(
        choices=[("yes", "It needs doing again after a number of months"), ("no", "It never expires")],
        widget=forms.RadioSelect,
        label="Does it need doing again?",
        error_messages={"required": "Choose whether the course needs doing again"},
    )
    months = forms.CharField(max_length=10, required=False, label="How many months is it valid for?")

    organisation = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Which organisation is the course for?",
        error_messages={
            "required": "Select the organisation the course is for",
            "invalid_choice": "Select one of the organisations you look after",
        },
    )
    field_order = ["organisation", "name", "covers", "expires", "months"]

    def __init__(self, *args, taken: dict[int, set[str]], organisations, **kwargs):
        """`taken`: for each of the administrator's organisations, the names already used there; `organisations`:
        theirs, by name. Only an administrator of more than one is asked which the course is for."""
        super().__init__(*args, **kwargs)
        self.taken = {pk: {name.casefold() for name in names} for pk, names in taken.items()}
        self.organisations = list(organisations)
        if len(self.organisations) > 1:
            self.fields["organisation"].choices = [(o.pk, o.name) for o in self.organisations]
        else:
            del self.fields["organisation"]

    @property
    def chosen_organisation(self):
        if len(self.organisations) == 1:
            return self.organisations[0]
        chosen = self.cleaned_data.get("organisation")
        return next((o for o in self.organisations if o.pk == chosen), None)

    def clean(self):
        data = super().clean()
        name, organisation = data.get("name"), self.chosen_organisation
        if name is not None:
            data["name"] = name = name.strip()
            if organisation is not None and name.casefold() in self.taken.get(organisation.pk, set()):
                self.add_error("name", "There is already a course with this name")
        data["valid_months"] = None
        if data.get("expires") == "yes":
            months = str(data.get("months") or "").strip()
            if not months:
                self.add_error("months", "Enter how many months the course is valid for")
            elif (valid_months := whole_number(months, low=1, high=LONGEST_MONTHS)) is None:
                self.add_error("months", f"Enter a whole number of months from 1 to {LONGEST_MONTHS}")
            else:
                data["valid_months"] = valid_months
        return data


class RetireForm(forms.Form):
    """Which of an administrator's organisations no longer offers a shipped course: asked only of an administrator
    of more than one, with nothing chosen for them."""

    organisation = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        label="Which of your organisations no longer offers it?",
        error_messages={
            "required": "Select the organisation that no longer offers the course",
            "invalid_choice": "Select one of your organisations that still offers the course",
        },
    )

    def __init__(self, *args, organisations, asked: bool, **kwargs):
        """`organisations`: those that may still retire it; `asked`: whether to ask (the administrator has more
        than one that may retire it)."""
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        if asked:
            self.fields["organisation"].choices = [(o.pk, o.name) for o in self.organisations]
        else:
            del self.fields["organisation"]

    @property
    def chosen(self) -> int:
        return self.cleaned_data.get("organisation", self.organisations[0].pk)
