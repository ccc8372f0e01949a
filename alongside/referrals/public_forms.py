"""The questions of the public form at /refer/, one page each (see `public_journey` for their order).

Each page's form takes `for_self`: someone asking for help for themselves is spoken to as "you", someone asking
for another person reads "they". The formats are checked by `intake_checks`, the same rules as the staff form
and the API; what must be given before sending is `intake`'s part, checked again by `actions.receive`.
"""

from django import forms
from django.utils import timezone
from localflavor.gb.forms import GBPostcodeField

from alongside.consent.forms import DATE_PARTS, DateInputField

from . import intake
from . import intake_checks as checks
from .intake_checks import LENGTHS
from .models import Source, Urgency

YES_NO = [("yes", "Yes"), ("no", "No")]
EMAIL, TEXT = "email", "text"
NOT_AN_EMAIL = checks.NOT_AN_EMAIL_PUBLIC


class TelInput(forms.TextInput):
    input_type = "tel"


class PublicPage(forms.Form):
    """One page's questions. `for_self`: the person who needs help is filling it in (None: not yet known)."""

    def __init__(self, data=None, *, for_self: bool | None = True, **kwargs):
        self.for_self = for_self
        super().__init__(data, **kwargs)

    def you(self, own: str, others: str) -> str:
        return own if self.for_self else others

    def raw(self) -> dict[str, str]:
        """What was typed into this page's boxes, as posted: kept in the session while the person goes on."""
        names = []
        for name, field in self.fields.items():
            names += [f"{name}_{part}" for part in DATE_PARTS] if isinstance(field, DateInputField) else [name]
        return {name: str(self.data.get(name, "")) for name in names if name in self.data}


class WhoForm(PublicPage):
    source = forms.ChoiceField(
        choices=[(Source.SELF.value, "Me"), (Source.FAMILY_CARER.value, "Someone else")],
        label="Who needs help?",
        error_messages={"required": "Select who needs help", "invalid_choice": "Select who needs help"},
    )


class YourDetailsForm(PublicPage):
    """Only for someone asking for help for another person."""

    referrer_name = forms.CharField(
        max_length=LENGTHS["referrer_name"],
        label="Your full name",
        error_messages={"required": intake.REFERRER_NAME_NEEDED},
    )
    referrer_relationship = forms.CharField(
        max_length=LENGTHS["referrer_relationship"],
        label="How do you know them?",
        help_text="For example, daughter, husband, neighbour, friend or paid carer",
        error_messages={"required": "Enter how you know them, for example daughter, neighbour or friend"},
    )


class AboutForm(PublicPage):
    """The person who needs help: who they are and where they live."""

    given_name = forms.CharField(max_length=LENGTHS["given_name"], label="First name")
    family_name = forms.CharField(max_length=LENGTHS["family_name"], label="Last name")
    birth_date = DateInputField(
        named="Date of birth", example="15 3 1941", label="Date of birth", help_text="For example, 15 3 1941"
    )
    address_line = forms.CharField(
        max_length=LENGTHS["address_line"],
        required=False,
        label="House number and street (optional)",
    )
    postcode = GBPostcodeField(label="Postcode", error_messages={"invalid": checks.POSTCODE_NOT_REAL})
    nhs_number = forms.CharField(
        max_length=LENGTHS["nhs_number"],
        required=False,
        label="NHS number (optional)",
        help_text="It is 10 numbers long. You can find it on a letter from the NHS or your GP surgery, "
        "on a prescription, or in the NHS App. You do not need it to ask for help.",
    )

    NEEDED = {
        "given_name": ("Enter your first name", "Enter their first name"),
        "family_name": ("Enter your last name", "Enter their last name"),
        "birth_date": ("Enter your date of birth", "Enter their date of birth"),
        "postcode": ("Enter your postcode", "Enter their postcode"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (own, others) in self.NEEDED.items():
            self.fields[name].error_messages["required"] = self.you(own, others)

    def clean_nhs_number(self):
        return checks.nhs_number(self.cleaned_data["nhs_number"])

    def clean_birth_date(self):
        return checks.birth_date(self.cleaned_data["birth_date"], timezone.localdate())


class TheirContactForm(PublicPage):
    """Only for someone asking for help for another person: how we can reach the person themselves."""

    phone = forms.CharField(
        max_length=LENGTHS["phone"],
        required=False,
        widget=TelInput,
        label="Their phone number (optional)",
        help_text="A mobile or a landline number, like 07700 900123 or 01632 960123",
    )
    email = forms.CharField(
        max_length=LENGTHS["email"], required=False, widget=forms.EmailInput, label="Their email address (optional)"
    )

    def clean_phone(self):
        return checks.phone_to_keep(self.cleaned_data["phone"])

    def clean_email(self):
        return checks.email(self.cleaned_data["email"], NOT_AN_EMAIL)


class HappeningForm(PublicPage):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=LENGTHS["reason"],
        label="What has changed, and what help would you like?",
        help_text="For example, what is hard at the moment, and what would make a difference",
        error_messages={"required": "Tell us what is happening and what help you would like"},
    )
    situation = forms.CharField(
        widget=forms.Textarea,
        max_length=LENGTHS["situation"],
        required=False,
        label="Anything else you would like us to know (optional)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = self.you(
            "What has changed, and what help would you like?", "What has changed, and what help would they like?"
        )
        self.fields["situation"].help_text = self.you(
            "For example, who you live with, who helps you, and what matters to you. "
            "If you agree, we can add this to your record, so that you do not have to say it again.",
            "For example, who they live with, who helps them, and what matters to them. "
            "If they agree, we can add this to their record, so that they do not have to say it again.",
        )


class HowSoonForm(PublicPage):
    urgency = forms.ChoiceField(
        choices=[
            (Urgency.ROUTINE.value, "In the next few weeks"),
            (Urgency.SOON.value, "In the next few days"),
            (Urgency.URGENT.value, "Today or tomorrow"),
        ],
        error_messages={"required": intake.NEEDED_TO_SEND["urgency"], "invalid_choice": "Select how soon"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urgency"].label = self.you("How soon do you need help?", "How soon do they need help?")


class AgreementForm(PublicPage):
    """Only for someone asking for help for another person. Nothing is chosen until they choose."""

    person_agrees = forms.ChoiceField(
        choices=YES_NO,
        label="Do they know you are asking for help for them, and do they agree?",
        help_text="We usually need their agreement before we can help. If they cannot agree at the moment, "
        "for example because they are very unwell, choose no. You can tell us why on the next pages.",
        error_messages={"required": "Select yes if they know and agree", "invalid_choice": "Select yes or no"},
    )
    share_named_worker = forms.ChoiceField(
        choices=YES_NO,
        label="Are they happy for us to tell you who will look after them?",
        help_text="If we can help, one person from the team gets to know them and organises their support. "
        "We call this person their named worker. We will only tell you who it is if they agree.",
        error_messages={
            "required": "Select yes if they are happy for us to tell you who will look after them",
            "invalid_choice": "Select yes or no",
        },
    )


class TellForm(PublicPage):
    how = forms.ChoiceField(
        choices=[(EMAIL, "By email"), (TEXT, "By text message")],
        label="How should we tell you what we decide?",
        error_messages={"required": "Select email or text message", "invalid_choice": "Select email or text message"},
    )


class ContactForm(PublicPage):
    """How we reach whoever is filling in the form. Which boxes are needed follows how they want to be told."""

    email = forms.CharField(max_length=LENGTHS["referrer_email"], required=False, widget=forms.EmailInput)
    phone = forms.CharField(max_length=LENGTHS["referrer_phone"], required=False, widget=TelInput)

    def __init__(self, *args, how: str = EMAIL, **kwargs):
        super().__init__(*args, **kwargs)
        self.how = how
        email, phone = self.fields["email"], self.fields["phone"]
        if how == TEXT:
            phone.required = True
            phone.label = "Mobile phone number"
            phone.help_text = "We will send text messages to this number, like 07700 900123"
            phone.error_messages["required"] = "Enter your mobile phone number, so that we can send you a text"
            if self.for_self:
                email.label = "Email address (optional)"
            else:  # the referral keeps one way to tell them; an email address here would win over the text
                del self.fields["email"]
        else:
            email.required = True
            email.label = "Email address"
            email.error_messages["required"] = "Enter your email address, so that we can email you"
            phone.label = self.you("Phone number (optional)", "Mobile phone number (optional)")
            phone.help_text = self.you(
                "We may phone you to ask a few questions. This can be a mobile or a landline number",
                "We may phone you to ask a few questions, like 07700 900123",
            )

    def clean_email(self):
        return checks.email(self.cleaned_data["email"], NOT_AN_EMAIL)

    def clean_phone(self):
        raw = self.cleaned_data["phone"]
        # A text needs a mobile; someone else's phone is kept where only a mobile fits.
        return checks.mobile(raw) if self.how == TEXT or not self.for_self else checks.phone_to_keep(raw)


class SendForm(forms.Form):
    """The check-your-answers page's button. The key only finds an earlier send: the answers are in the session."""

    form_key = forms.CharField(widget=forms.HiddenInput, required=False)
