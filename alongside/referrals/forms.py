"""Forms for referrals made by staff and for each triage step. Formats are checked always; completeness only on
sending (`intake.missing`), so that a draft can be saved half done."""

from django import forms
from django.utils import timezone
from localflavor.gb.forms import GBPostcodeField

from alongside.consent.forms import DateInputField
from alongside.core.forms import OnceForm, VersionedForm

from . import intake_checks as checks
from .intake_checks import LENGTHS
from .models import Source, Urgency

URGENCY_HINTS = {
    Urgency.URGENT: "Needs a decision today: a risk to health or safety if nothing happens",
    Urgency.SOON: "Within a couple of days",
    Urgency.ROUTINE: "Within a week",
}
STAFF_SOURCES = [
    Source.GP,
    Source.HOSPITAL_DISCHARGE,
    Source.NEIGHBOURHOOD_TEAM,
    Source.VOLUNTEER_COORDINATOR,
    Source.OTHER_SERVICE,
    Source.SELF,
    Source.FAMILY_CARER,
]
YES_NO = [("yes", "Yes"), ("no", "No")]


class ReferralForm(forms.Form):
    source = forms.ChoiceField(
        choices=[(s.value, s.label) for s in STAFF_SOURCES],
        required=False,
        label="Who is the referral from?",
        help_text="If you are taking a referral by phone, choose who is calling",
    )
    given_name = forms.CharField(max_length=LENGTHS["given_name"], required=False, label="First name")
    family_name = forms.CharField(max_length=LENGTHS["family_name"], required=False, label="Last name")
    birth_date = DateInputField(
        named="Date of birth",
        example="15 3 1941",
        required=False,
        label="Date of birth",
        help_text="For example, 15 3 1941",
    )
    nhs_number = forms.CharField(
        max_length=LENGTHS["nhs_number"],
        required=False,
        label="NHS number (optional)",
        help_text="10 digits, for example 999 123 4519",
    )
    address_line = forms.CharField(max_length=LENGTHS["address_line"], required=False, label="Address (optional)")
    postcode = GBPostcodeField(required=False, label="Postcode", error_messages={"invalid": checks.POSTCODE_NOT_REAL})
    phone = forms.CharField(max_length=LENGTHS["phone"], required=False, label="Their phone number (optional)")
    urgency = forms.ChoiceField(choices=Urgency.choices, required=False, label="How soon is help needed?")
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=LENGTHS["reason"],
        required=False,
        label="Why are you referring them?",
        help_text="What help is needed, and what has changed",
    )
    situation = forms.CharField(
        widget=forms.Textarea,
        max_length=LENGTHS["situation"],
        required=False,
        label="What is happening in their life (optional)",
        help_text="Who they live with, what matters to them, what helps. "
        "If they agree, this goes into their story so they need not tell it again",
    )
    person_agrees = forms.ChoiceField(
        choices=YES_NO, required=False, label="Does the person know about this referral and agree to it?"
    )
    share_named_worker = forms.BooleanField(
        required=False, label="They agree that we tell you who their named worker will be"
    )
    referrer_name = forms.CharField(
        max_length=LENGTHS["referrer_name"],
        required=False,
        label="Referrer's name (optional)",
        help_text="If someone phoned you, their name. Leave it empty and we put yours",
    )
    referrer_relationship = forms.CharField(
        max_length=LENGTHS["referrer_relationship"],
        required=False,
        label="Their relationship to the person (optional)",
        help_text="For example daughter",
    )
    referrer_organisation = forms.CharField(
        max_length=LENGTHS["referrer_organisation"], required=False, label="Organisation or team (optional)"
    )
    referrer_email = forms.EmailField(
        required=False,
        label="Email address to tell a caller the outcome (optional)",
        help_text="People who are not staff are told the outcome by email or text",
        error_messages={"invalid": checks.NOT_AN_EMAIL_STAFF},
    )
    referrer_phone = forms.CharField(
        max_length=LENGTHS["referrer_phone"], required=False, label="Referrer's phone number (optional)"
    )

    def clean_nhs_number(self):
        return checks.nhs_number(self.cleaned_data["nhs_number"])

    def clean_phone(self):
        return checks.uk_phone(self.cleaned_data["phone"])

    def clean_referrer_phone(self):
        return checks.uk_phone(self.cleaned_data["referrer_phone"])

    def clean_birth_date(self):
        return checks.birth_date(self.cleaned_data["birth_date"], timezone.localdate())

    def fields_for_referral(self) -> dict:
        data = dict(self.cleaned_data)
        data["person_agrees"] = {"yes": True, "no": False}.get(data.get("person_agrees") or "")
        data.pop("form_key", None)
        data.pop("version", None)
        return {name: value for name, value in data.items() if value is not None}

    def show_gaps(self, gaps: dict[str, str]) -> None:
        for name, message in gaps.items():
            self.add_error(name if name in self.fields else None, message)


class NewReferralForm(OnceForm, ReferralForm):
    pass


class DraftForm(VersionedForm, ReferralForm):
    pass


class ConfirmPersonForm(VersionedForm):
    person = forms.ChoiceField(
        label="Is this referral about one of these people?",
        error_messages={"required": "Select the person this referral is about, or that it is someone new"},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = choices


class Decision:
    ACCEPT = "accept"
    REDIRECT = "redirect"
    DECLINE = "decline"
    CHOICES = [
        (ACCEPT, "Accept: a neighbourhood team will support them"),
        (REDIRECT, "Redirect: another service is better placed to help"),
        (DECLINE, "Decline: we cannot offer support this time"),
    ]


class DecisionForm(VersionedForm):
    """Accept, redirect or decline: each option's own fields shown under it, and a reason always, because the
    referrer reads it. The person's agreement to share their named worker is asked only if the referrer did not
    record it, and never ticked for them."""

    decision = forms.ChoiceField(
        choices=Decision.CHOICES, label="What have you decided?", error_messages={"required": "Select a decision"}
    )
    team = forms.ChoiceField(
        required=False,
        label="Which team will support them?",
        help_text="The best fit is chosen for you",
    )
    share_named_worker = forms.BooleanField(
        required=False, label="The person agrees that the referrer may be told who their named worker is"
    )
    partner = forms.ChoiceField(
        required=False,
        label="Which service?",
        help_text="Services in Alongside receive the referral here, and their coordinator answers it",
    )
    service = forms.CharField(
        max_length=200,
        required=False,
        label="Or another service's name",
        help_text="If it is not in the list. For example: the council's housing team",
    )
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        label="Why? The referrer will read this",
        help_text="Write it for them: what happens next and why. For example: the Riverside team knows her and "
        "covers her address",
    )

    def __init__(self, *args, teams, must_accept_first: bool, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Select a team"), *teams]
        self.fields["partner"].choices = [("", "Not in the list"), *partners]
        self.must_accept_first = must_accept_first

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == Decision.ACCEPT and self.must_accept_first:
            self.add_error("decision", "Confirm who the referral is about before accepting it")
        if decision == Decision.ACCEPT and not data.get("team"):
            self.add_error("team", "Select the team that will support them")
        if decision == Decision.REDIRECT and not data.get("partner") and not data.get("service", "").strip():
            where = "partner" if len(self.fields["partner"].choices) > 1 else "service"  # no list without partners
            self.add_error(where, "Select the service you are redirecting them to, or type its name")
        if decision and not data.get("reason", "").strip():
            self.add_error("reason", REASON_NEEDED.get(decision, REASON_NEEDED[Decision.DECLINE]))
        return data


# Why a reason is needed, kindly: the referrer reads it, whatever was decided.
REASON_NEEDED = {
    Decision.ACCEPT: "Enter why you are accepting it: the referrer reads this, so tell them what happens next",
    Decision.REDIRECT: "Enter why another service is better placed: the referrer reads this",
    Decision.DECLINE: "Enter why you cannot offer support this time: the referrer reads this",
}


class AllocateForm(VersionedForm):
    worker = forms.ChoiceField(
        label="Who will be their named worker?", error_messages={"required": "Select their named worker"}
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = workers


class CloseForm(VersionedForm):
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="Why are you closing it?",
        help_text="For example: the referrer has been told, and the team has made contact",
        error_messages={"required": "Enter why you are closing the referral"},
    )


class StoryOfferForm(forms.Form):
    agreed = forms.ChoiceField(
        choices=[("yes", "Yes, add it to their story"), ("no", "No, leave it out")],
        error_messages={"required": "Select whether the person agreed"},
    )


class PartnerAnswer:
    TAKE_ON = "take_on"
    HAND_BACK = "hand_back"
    CHOICES = [
        (TAKE_ON, "We will take them on"),
        (HAND_BACK, "We cannot help: hand it back to the single point of access"),
    ]


class PartnerAnswerForm(VersionedForm):
    """A partner service's answer to a referral passed to it; its reason is read by the referrer, or by the single
    point of access that decides again."""

    answer = forms.ChoiceField(
        choices=PartnerAnswer.CHOICES,
        label="Can your service help them?",
        error_messages={"required": "Select whether you will take them on or hand it back"},
    )
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        label="What happens next? The referrer will read this",
        help_text="For example: our befriender Sam will phone her this week. Or why you cannot help",
        error_messages={"required": "Enter what happens next: the referrer reads this"},
    )


UNASKED = "You wrote why, but did not ask the MDT: tick the box, or clear the reason"


class MdtFlagForm(VersionedForm):
    """Triage asks the person's MDT to discuss them: a plain checkbox, never ticked for them, and why."""

    discuss = forms.BooleanField(label="Discuss at the MDT", required=False)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        label="Why should the MDT discuss them?",
        help_text="In plain words. The MDT's core members read this when they plan the agenda.",
        error_messages={"max_length": "Write why in 1000 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        if data.get("discuss") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Write why the MDT should discuss them")
        if not data.get("discuss") and (data.get("reason") or "").strip():  # never thrown away unseen
            self.add_error("discuss", UNASKED)
        return data
