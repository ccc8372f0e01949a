from datetime import date

from django import forms
from django.utils import timezone

from alongside.core.forms import OnceForm
from alongside.core.numbers import whole_number
from alongside.partners.models import Organisation
from alongside.people.policy import PROXIES, VOLUNTEERS

from .wording import CATEGORY_LABELS, NOT_FOR_VOLUNTEERS, in_a_sentence

DATE_PARTS = ("day", "month", "year")


class DateParts(forms.MultiWidget):
    """The NHS.UK date input: day, month and year boxes, posted as <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs=None):
        super().__init__(dict.fromkeys(DATE_PARTS, forms.TextInput), attrs)

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else ""  # the error summary links to the day box


class DateInputField(forms.Field):
    """A date typed as day, month and year, with the NHS.UK design system's messages. Keeps what was typed."""

    widget = DateParts

    def __init__(self, *, named: str, example: str, **kwargs):
        self.named = named  # how messages name the date, e.g. "Date of birth"
        self.example = example  # e.g. "15 3 1984"
        kwargs.setdefault("error_messages", {}).setdefault("required", f"Enter {named.lower()}")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return list(value) if value else ["", "", ""]

    def to_python(self, value):
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        if not any(parts):
            return None
        missing = [name for name, part in zip(DATE_PARTS, parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{self.named} must include a {' and a '.join(missing)}", code="incomplete")
        day, month, year = parts
        if any(whole_number(p) is None for p in parts):
            raise forms.ValidationError(
                f"{self.named} must be a real date, written in numbers, for example {self.example}", code="invalid"
            )
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # OverflowError: a day or month too big for any date
            raise forms.ValidationError(
                f"{self.named} must be a real date, for example {self.example}", code="invalid"
            ) from None


class SharingChoiceForm(OnceForm):
    """One sharing choice: share or not, with one organisation or with volunteers, some kinds of information."""

    permit = forms.ChoiceField(
        label="Do you want to share or not share?",
        choices=[("share", "Share"), ("do_not_share", "Do not share")],
        error_messages={"required": "Select whether you want to share or not share"},
    )
    actor = forms.ChoiceField(
        label="Who is this choice about?",
        help_text="Choose volunteers, or one of the organisations that work together in Alongside",
        error_messages={
            "required": "Select who this choice is about: volunteers, or one organisation",
            "invalid_choice": "Select who this choice is about from the list",
        },
    )
    categories = forms.MultipleChoiceField(
        label="Which information?",
        help_text="Select all that apply",
        choices=list(CATEGORY_LABELS.items()),
        error_messages={
            "required": "Select at least one kind of information this choice is about",
            "invalid_choice": "Select kinds of information from the list",
        },
    )
    until = DateInputField(
        named="The end date",
        example="31 12 2027",
        required=False,
        label="Until when? (optional)",
        help_text="For example, 31 12 2027. Leave this blank to keep the choice until you change it.",
    )

    def __init__(self, *args, own: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in Organisation.objects.order_by("name").only("pk", "name")}
        self.fields["actor"].choices = [
            ("", "Select who this choice is about"),
            (VOLUNTEERS, "Volunteers who visit me"),
            *([(PROXIES, "Family or friends who help me with my record (my proxies)")] if own else []),
            *((f"organisation:{pk}", o.name) for pk, o in self.organisations.items()),
        ]

    def clean_permit(self):
        return self.cleaned_data["permit"] == "share"

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until < timezone.localdate():
            raise forms.ValidationError("The end date must be today or in the future")
        return until

    def clean(self):
        data = super().clean()
        actor = data.get("actor")
        if actor:
            kind, _, pk = actor.partition(":")
            data["actor_kind"] = kind
            data["organisation"] = self.organisations.get(pk) if kind == "organisation" else None
        categories = set(data.get("categories") or ())
        if data.get("permit") and actor == PROXIES:
            self.add_error(
                "permit",
                "The people who help you with your record already see it. You can choose what not to share with them.",
            )
        if data.get("permit") and actor == VOLUNTEERS and categories & NOT_FOR_VOLUNTEERS:
            never = [in_a_sentence(CATEGORY_LABELS[c]) for c in CATEGORY_LABELS if c in categories & NOT_FOR_VOLUNTEERS]
            self.add_error(
                "categories",
                f"Volunteers never see {' or '.join(never)}, whatever you choose. "
                "Untick these, or choose an organisation instead.",
            )
        return data
