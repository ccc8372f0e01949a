"""The ward's settings form: the GP practices it serves, their registered population and a baseline year of
emergency admissions (each with where it comes from), the share of admissions to avoid, the usual beds, the hours
to decide on a referral and the hours an episode lasts.

Numbers are typed as text and read kindly ("60,000" is 60000; "17%" or "17.5" a percentage), so that a message can
say exactly what is wrong and the box keeps what was typed. The form carries the ward's version (a stale save is a
conflict, never an overwrite) and a one-time key (a retry saves once).
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from alongside.core import numbers
from alongside.core.forms import OnceForm, VersionedForm

from .models import Ward

MOST_POPULATION = 10_000_000
MOST_BASELINE = 1_000_000
BEDS = (1, 200)
DECISION_HOURS = (1, 24)
EPISODE_HOURS = (24, 168)
SOURCE_LENGTH = 300
GROUPS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")


def whole_number(typed: str) -> int | None:
    """A whole number as people type it: '60000', '60,000' or ' 60 000 '; None when it is not one."""
    text = typed.strip().replace(" ", "")
    if "," in text and not GROUPS.fullmatch(text):
        return None
    text = text.replace(",", "")
    return numbers.whole_number(text)


def percentage(typed: str) -> Decimal | None:
    """A percentage as typed ('17', '17.5' or '17 %') as a share (0.175); None when it is not a number with at most
    one decimal place."""
    text = typed.strip().removesuffix("%").strip()
    if not re.fullmatch(r"[0-9]{1,6}(\.[0-9])?", text):
        return None
    try:
        return Decimal(text) / 100
    except InvalidOperation:  # pragma: no cover (the pattern lets only numbers through)
        return None


def as_percentage(share: Decimal) -> str:
    """A stored share (0.170) as the percentage shown and typed: '17', or '17.5'."""
    return f"{share * 100:.1f}".removesuffix(".0")


class NumberField(forms.CharField):
    """A whole number between `low` and `high`, typed as text; `named` starts each message ('The usual beds')."""

    def __init__(self, *, named: str, example: str, low: int, high: int, required: bool = True, **kwargs):
        super().__init__(
            required=required,
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
            error_messages={"required": f"Enter {named[0].lower()}{named[1:]}", "max_length": f"{named} is too long"},
            **kwargs,
        )
        self.named, self.example, self.low, self.high = named, example, low, high

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        number = whole_number(text)
        if number is None:
            raise forms.ValidationError(f"{self.named} must be a whole number, like {self.example}")
        if number < self.low:
            raise forms.ValidationError(f"{self.named} must be {self.low:,} or more")
        if number > self.high:
            raise forms.ValidationError(f"{self.named} must be {self.high:,} or fewer")
        return number


def too_few_beds(people: int) -> str:
    """Why fewer usual beds than the people on the ward now are refused, and what to do instead."""
    return (
        f"{people:,} people have a bed on the ward now. Set at least {people:,} usual beds, or set fewer beds for a "
        "day once some of them have left"
    )


def _source(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=SOURCE_LENGTH,
        error_messages={"max_length": f"Keep where it comes from to {SOURCE_LENGTH} characters or fewer"},
    )


class SettingsForm(OnceForm, VersionedForm):
    practices = forms.MultipleChoiceField(
        label="The GP practices the ward serves",
        help_text="Choose every practice whose registered patients the ward is for. You can choose none.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the GP practices listed: one of them is no longer there"},
    )
    registered_population = NumberField(
        label="Registered population (optional)",
        help_text="The number of people registered with these practices: their whole lists, not only the people in "
        "Alongside. For example, 60000",
        named="The registered population",
        example="60000",
        low=1,
        high=MOST_POPULATION,
        required=False,
    )
    population_source = _source(
        "Where the registered population comes from, and its date",
        "Needed when you give the number. For example, NHS Digital, Patients Registered at a GP Practice, October 2026",
    )
    baseline_admissions_per_year = NumberField(
        label="Emergency admissions in a year before the ward (optional)",
        help_text="How many emergency hospital admissions these people had in a year before the ward began. "
        "For example, 7200",
        named="The emergency admissions in a year",
        example="7200",
        low=1,
        high=MOST_BASELINE,
        required=False,
    )
    baseline_source = _source(
        "Where the emergency admissions come from, and their dates",
        "Needed when you give the number. For example, the hospital's admissions, April 2024 to March 2025",
    )
    target = forms.CharField(
        label="Share of admissions to avoid",
        help_text="A percentage, from 1 to 100. For example, 17",
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the share of admissions to avoid, as a percentage, like 17",
            "max_length": "Enter the share as a percentage, like 17",
        },
    )
    beds = NumberField(
        label="Usual beds",
        help_text="From 1 to 200. For example, 20",
        named="The usual beds",
        example="20",
        low=BEDS[0],
        high=BEDS[1],
    )
    decision_hours = NumberField(
        label="Hours to decide on a referral",
        help_text="From 1 to 24. For example, 2",
        named="The hours to decide",
        example="2",
        low=DECISION_HOURS[0],
        high=DECISION_HOURS[1],
    )
    episode_hours = NumberField(
        label="Hours a stay on the ward lasts",
        help_text="From 24 to 168 (7 days). For example, 72",
        named="The hours a stay lasts",
        example="72",
        low=EPISODE_HOURS[0],
        high=EPISODE_HOURS[1],
    )

    def __init__(
        self, *args, practices: list[tuple[int, str]], occupied: int = 0, saved_beds: int | None = None, **kwargs
    ):
        """`occupied`: the people with a bed on the ward now. Fewer usual beds than them are refused at Continue
        when they are fewer than the beds saved now (`saved_beds`; a day's own beds may be more), as at Save."""
        super().__init__(*args, **kwargs)
        self.fields["practices"].choices = [(str(pk), name) for pk, name in practices]
        self.occupied, self.saved_beds = occupied, saved_beds

    def full_clean(self):
        """Hidden keys that went stale say so once, in words, rather than as a field error nobody can see."""
        super().full_clean()
        hidden = [name for name in ("form_key", "version") if name in self.errors]
        for name in hidden:
            del self.errors[name]
        if hidden:
            self.add_error(None, "This page was out of date. Check it and continue again")

    def clean_practices(self) -> list[int]:
        return sorted(int(pk) for pk in self.cleaned_data.get("practices", []))

    def clean_beds(self) -> int | None:
        beds = self.cleaned_data.get("beds")
        fewer = self.saved_beds is None or (beds is not None and beds < self.saved_beds)
        if beds is not None and beds < self.occupied and fewer:
            raise forms.ValidationError(too_few_beds(self.occupied))
        return beds

    def clean_target(self) -> Decimal:
        typed = self.cleaned_data.get("target", "")
        share = percentage(typed)
        if share is None:
            number = typed.strip().removesuffix("%").strip()
            if re.fullmatch(r"[0-9]+\.[0-9]{2,}", number):
                raise forms.ValidationError("Give the share with at most 1 decimal place, like 17.5")
            raise forms.ValidationError("Enter the share as a percentage, like 17 or 17.5")
        if not Decimal("0.01") <= share <= 1:
            raise forms.ValidationError("The share must be between 1% and 100%")
        return share

    def clean(self):
        data = super().clean()
        for number, source, no_source, no_number in PAIRS:
            if number in self.errors or source in self.errors:
                continue
            given, said = data.get(number), (data.get(source) or "").strip()
            if given is not None and not said:
                self.add_error(source, no_source)
            if given is None and said:
                self.add_error(number, no_number)
            data[source] = said
        return data


# A number and where it comes from: one without the other is refused, with what to do.
PAIRS = (
    (
        "registered_population",
        "population_source",
        "Enter where the registered population comes from, and its date",
        "Enter the registered population, or clear where it comes from",
    ),
    (
        "baseline_admissions_per_year",
        "baseline_source",
        "Enter where the emergency admissions come from, and their dates",
        "Enter the emergency admissions in a year, or clear where they come from",
    ),
)


def initial(ward: Ward, practice_ids: list[int]) -> dict:
    """The form as the ward is saved now: nothing ticked or filled in beyond what is saved."""
    return {
        "practices": [str(pk) for pk in practice_ids],
        "registered_population": "" if ward.registered_population is None else str(ward.registered_population),
        "population_source": ward.population_source,
        "baseline_admissions_per_year": ""
        if ward.baseline_admissions_per_year is None
        else str(ward.baseline_admissions_per_year),
        "baseline_source": ward.baseline_source,
        "target": as_percentage(ward.target_deflection),
        "beds": str(ward.beds),
        "decision_hours": str(ward.decision_hours),
        "episode_hours": str(ward.episode_hours),
        "version": ward.version,
    }
