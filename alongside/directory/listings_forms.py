"""The keepers' forms: an organisation, and a service with everything about it. Bad input is an error beside the
question, never a 500; what was typed is kept."""

import re
from datetime import datetime, time
from decimal import Decimal

from django import forms

from alongside.core.forms import OnceForm, VersionedForm
from alongside.core.validators import clean_uk_phone

from .listings_queries import DAYS, Opening, Place, ServiceDetails
from .models import Service

PLACES = 3  # places a new service's form offers at least; the first is shown, the others under "Add another place"
MAX_PLACES = 500  # places sent numbered above this (or above those the service has) are not read
PLACE_PARTS = ("name", "address_1", "city", "postal_code", "transportation")
PLACE_KEY = re.compile(r"^place(\d{1,4})_(name|address_1|city|postal_code|transportation)$")
AFTER_PLACES = (
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "languages",
    "cost",
    "cost_amount",
    "cost_words",
    "application_process",
    "contact_name",
    "phones",
    "email",
    "url",
    "referral_email",
)


def places_filled(answers) -> int:
    """The highest numbered place with anything in it, among a form's answers or first answers (0 if none)."""
    filled = [
        int(match[1])
        for key, value in answers.items()
        if (match := PLACE_KEY.match(key)) and value not in (None, "") and str(value).strip()
    ]
    return max(filled, default=0)


def place_slots(filled: int) -> int:
    """How many places a form offers: every place the service has (or that was typed), and one more empty one,
    never fewer than PLACES. Editing a service never drops a place, however many it has."""
    return max(PLACES, filled + 1)


def _words_list(raw: str) -> tuple[str, ...]:
    """ "Polish, Urdu; English" -> ("Polish", "Urdu", "English"), without repeats."""
    seen: dict[str, None] = {}
    for word in re.split(r"[,;\n]+", raw or ""):
        if word.strip():
            seen.setdefault(word.strip(), None)
    return tuple(seen)


def _time(raw: str) -> time:
    text = raw.strip().lower().replace(".", ":").replace(" ", "")
    for pattern in ("%H:%M", "%H", "%I:%M%p", "%I%p"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    raise forms.ValidationError("Enter a time, like 9:30 or 17:00")


class OrganisationFields(forms.Form):
    name = forms.CharField(
        label="Name of the organisation", max_length=200, error_messages={"required": "Enter the organisation's name"}
    )
    alternate_name = forms.CharField(label="Other name it is known by (optional)", max_length=200, required=False)
    description = forms.CharField(
        label="What the organisation does",
        widget=forms.Textarea,
        error_messages={"required": "Say what the organisation does"},
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address, like name@example.org"},
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address, like www.example.org"},
    )

    def clean_phone(self):
        return clean_uk_phone(self.cleaned_data["phone"])


class NewOrganisationForm(OnceForm, OrganisationFields):
    pass


class EditOrganisationForm(VersionedForm, OrganisationFields):
    pass


class ServiceFields(forms.Form):
    """The service's questions. Opening times are a pair of times for each day; places are numbered from 1, as many
    as the service has (or were typed) and one more (place_slots)."""

    name = forms.CharField(
        label="Name of the service", max_length=200, error_messages={"required": "Enter the service's name"}
    )
    description = forms.CharField(label="What the service does", widget=forms.Textarea, required=False)
    terms = forms.MultipleChoiceField(
        label="What it helps with",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply",
    )
    status = forms.ChoiceField(label="Is it running?", choices=Service.Status.choices, initial=Service.Status.ACTIVE)
    application_process = forms.CharField(
        label="How to get help from it",
        widget=forms.Textarea,
        required=False,
        help_text="For example: just turn up, phone first, or ask your GP to refer you",
    )
    eligibility_description = forms.CharField(label="Who it is for (optional)", widget=forms.Textarea, required=False)
    minimum_age = forms.IntegerField(
        label="Youngest age it helps (optional)",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Enter the youngest age as a number, like 16",
            "min_value": "The youngest age must be 0 or more",
            "max_value": "The youngest age must be 120 or less",
        },
    )
    maximum_age = forms.IntegerField(
        label="Oldest age it helps (optional)",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": "Enter the oldest age as a number, like 25",
            "min_value": "The oldest age must be 0 or more",
            "max_value": "The oldest age must be 120 or less",
        },
    )
    areas = forms.CharField(
        label="Areas it covers (optional)",
        required=False,
        help_text="For example: Northvale, Millbrook. Separate them with commas",
    )
    cost = forms.ChoiceField(
        label="Does it cost anything?",
        choices=[("free", "It is free"), ("paid", "It costs something")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it costs anything"},
    )
    cost_amount = forms.DecimalField(
        label="How much, in pounds",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the amount in pounds, like 2.50",
            "min_value": "Enter an amount above 0",
            "max_decimal_places": "Enter the amount in pounds and pence, like 2.50",
        },
    )
    cost_words = forms.CharField(
        label="What the cost is for",
        max_length=200,
        required=False,
        help_text="For example: £2.50 a bag, or £5 a session",
    )
    languages = forms.CharField(
        label="Languages it is offered in (optional)", required=False, help_text="Separate them with commas"
    )
    contact_name = forms.CharField(label="Who to ask for (optional)", max_length=200, required=False)
    phones = forms.CharField(
        label="Phone numbers (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One on each line",
    )
    email = forms.EmailField(
        label="Email address for the public (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address, like name@example.org"},
    )
    url = forms.URLField(
        label="Website (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a website address, like www.example.org"},
    )
    referral_email = forms.EmailField(
        label="Email address for referrals (optional)",
        required=False,
        help_text="Where referrals to this service are sent. It is not published",
        error_messages={"invalid": "Enter an email address, like referrals@example.org"},
    )

    def __init__(self, *args, terms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].choices = list(terms)
        known = places_filled(self.initial)  # every place the service has: never fewer are offered
        typed = min(places_filled(self.data), max(known, MAX_PLACES)) if self.is_bound else known
        self.places_shown = max(1, typed)
        self.place_count = place_slots(max(typed, known))
        for n in range(1, self.place_count + 1):
            optional = "" if n == 1 else " (optional)"
            self.fields[f"place{n}_name"] = forms.CharField(
                label=f"Name of the place{optional}",
                max_length=200,
                required=False,
                help_text="For example: Millbrook Library" if n == 1 else "",
            )
            self.fields[f"place{n}_address_1"] = forms.CharField(label="Address", max_length=200, required=False)
            self.fields[f"place{n}_city"] = forms.CharField(label="Town", max_length=100, required=False)
            self.fields[f"place{n}_postal_code"] = forms.CharField(label="Postcode", max_length=10, required=False)
            self.fields[f"place{n}_transportation"] = forms.CharField(
                label="How to get there",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text="For example: bus 12 stops outside; step-free entrance at the side",
            )
        for code, day in DAYS:
            self.fields[f"{code}_opens"] = forms.CharField(label=f"{day}: opens", max_length=8, required=False)
            self.fields[f"{code}_closes"] = forms.CharField(label=f"{day}: closes", max_length=8, required=False)
        places = [f"place{n}_{name}" for n in range(1, self.place_count + 1) for name in PLACE_PARTS]
        days = [f"{code}_{end}" for code, _ in DAYS for end in ("opens", "closes")]
        self.order_fields(["name", "description", "terms", "status", *places, *days, "areas", *AFTER_PLACES])

    def place_fields(self, n: int) -> list:
        return [self[f"place{n}_{name}"] for name in PLACE_PARTS]

    def shown_places(self) -> range:
        """The places shown open: every one with something in it (at least the first)."""
        return range(1, self.places_shown + 1)

    def more_places(self) -> range:
        """The empty places offered under "Add another place"."""
        return range(self.places_shown + 1, self.place_count + 1)

    def day_fields(self) -> list:
        return [(day, self[f"{code}_opens"], self[f"{code}_closes"]) for code, day in DAYS]

    def clean(self):
        data = super().clean()
        if data.get("cost") == "paid" and data.get("cost_amount") is None and "cost_amount" not in self.errors:
            self.add_error("cost_amount", "Enter how much it costs, in pounds")
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        phones = []
        for line in _words_list(data.get("phones", "")):
            try:
                phones.append(clean_uk_phone(line))
            except forms.ValidationError:
                self.add_error("phones", f"{line} is not a UK phone number. Enter one like 01632 960123")
        data["phone_list"] = tuple(phones)
        opening = []
        for code, day in DAYS:
            raw_opens, raw_closes = data.get(f"{code}_opens", ""), data.get(f"{code}_closes", "")
            if not raw_opens and not raw_closes:
                continue
            if not raw_opens or not raw_closes:
                missing = "opens" if not raw_opens else "closes"
                self.add_error(f"{code}_{missing}", f"Enter the time it {missing} on {day}")
                continue
            try:
                opens, closes = _time(raw_opens), _time(raw_closes)
            except forms.ValidationError:
                self.add_error(f"{code}_opens", f"Enter times on {day} like 9:30 or 17:00")
                continue
            if closes <= opens:
                self.add_error(f"{code}_closes", f"The closing time on {day} must be after the opening time")
                continue
            opening.append(Opening(code, opens, closes))
        data["opening"] = tuple(opening)
        places, numbers = [], []
        for n in range(1, self.place_count + 1):
            values = {name: (data.get(f"place{n}_{name}") or "").strip() for name in PLACE_PARTS}
            values["postal_code"] = values["postal_code"].upper()
            if any(values.values()):
                # a place imported from another directory may have only its town or postcode: that is a place too
                if not (values["address_1"] or values["name"] or values["city"] or values["postal_code"]):
                    self.add_error(f"place{n}_address_1", "Enter the address of the place, its name, or its town")
                places.append(Place(**values))
                numbers.append(n)
        data["places"] = tuple(places)
        self.place_numbers = tuple(numbers)  # the form's number for each place, for its "Change" link
        return data

    def details(self) -> ServiceDetails:
        data = self.cleaned_data
        free = data["cost"] == "free"
        return ServiceDetails(
            name=data["name"].strip(),
            description=data["description"],
            url=data["url"],
            email=data["email"],
            status=data["status"],
            application_process=data["application_process"],
            eligibility_description=data["eligibility_description"],
            terms=tuple(sorted(data["terms"])),
            places=data["places"],
            opening=data["opening"],
            areas=_words_list(data["areas"]),
            minimum_age=data["minimum_age"],
            maximum_age=data["maximum_age"],
            free=free,
            cost_amount=None if free else data["cost_amount"],
            cost_words="" if free else data["cost_words"],
            languages=_words_list(data["languages"]),
            contact_name=data["contact_name"].strip(),
            phones=data["phone_list"],
            referral_email=data["referral_email"],
        )


def initial_from(details: ServiceDetails) -> dict:
    """A service's details as the form's first answers."""
    initial = {
        "name": details.name,
        "description": details.description,
        "terms": list(details.terms),
        "status": details.status,
        "application_process": details.application_process,
        "eligibility_description": details.eligibility_description,
        "minimum_age": details.minimum_age,
        "maximum_age": details.maximum_age,
        "areas": ", ".join(details.areas),
        "cost": "free" if details.free else "paid",
        "cost_amount": details.cost_amount,
        "cost_words": details.cost_words,
        "languages": ", ".join(details.languages),
        "contact_name": details.contact_name,
        "phones": "\n".join(details.phones),
        "email": details.email,
        "url": details.url,
        "referral_email": details.referral_email,
    }
    for n, place in enumerate(details.places, start=1):
        for name in PLACE_PARTS:
            initial[f"place{n}_{name}"] = getattr(place, name)
    for opening in details.opening:
        initial[f"{opening.day}_opens"] = opening.opens.strftime("%H:%M")
        initial[f"{opening.day}_closes"] = opening.closes.strftime("%H:%M")
    return initial


class NewServiceForm(OnceForm, ServiceFields):
    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ChoiceField(
            label="Organisation that runs it",
            choices=[("", "Choose an organisation"), *organisations],
            error_messages={
                "required": "Choose the organisation that runs it",
                "invalid_choice": "Choose the organisation that runs it",
            },
        )
        self.order_fields(["form_key", "organisation", *self.fields])


class EditServiceForm(VersionedForm, ServiceFields):
    pass


class ConfirmForm(forms.Form):
    """Retire, bring back or mark as checked: a button, with an optional reason for retiring."""

    reason = forms.CharField(label="Why is it being retired? (optional)", max_length=300, required=False)


class _Radios(forms.RadioSelect):
    """Radios drawn by the NHS.UK macro, whose first item has the field's own id: the error summary links there."""

    def id_for_label(self, id_, index=None):
        return id_


class KeeperForm(VersionedForm):
    """Who keeps a listing: one of the keepers the user may choose (nothing chosen to begin with)."""

    keeper = forms.TypedChoiceField(
        label="Who keeps it",
        coerce=int,
        widget=_Radios,
        error_messages={"required": "Choose who keeps it", "invalid_choice": "Choose who keeps it"},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keeper"].choices = [(str(choice.user_id), choice.name) for choice in choices]
