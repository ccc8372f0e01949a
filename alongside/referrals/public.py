"""The public referral form at /refer/: anyone may ask for support for themselves or for someone they care for.

No account is needed, so the safeguards that forms inside the service get from the signed-in user are made here
from what an anonymous visitor has:

- Double submission. The form carries a one-time key, like `OnceForm`. `core.forms.once` records keys against a user,
  and there is none here, so the key's result (the reference and urgency shown on the "sent" page) is kept in the
  cache for a day. A repeat with the same key (a double click, the back button and "send" again) is sent to the
  same "sent" page. Two copies arriving at the same moment take turns on a PostgreSQL advisory lock named by the
  key, so the second always finds what the first made: the cache alone cannot promise that, because the
  file-based cache's `add` is not atomic between processes.
- Spam. A honeypot field that people never see (hidden from screens and from screen readers alike): a form
  with it filled in is answered with the usual "sent" page and nothing is stored. And a few referrals per
  internet address (IP address) are allowed in each window of time; beyond that the form is shown again, with
  what was typed, and a kind message (status 429). No CAPTCHA.
- Never revealing a match. The "sent" page says the same whether or not we already know the person: only the
  reference and the urgency's target time come through the session, never the referral's id or anything found.
"""

import hashlib
import logging
import time
import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from localflavor.gb.forms import GBPostcodeField

from alongside.consent.forms import DateInputField
from alongside.core.access import PUBLIC, access
from alongside.core.addresses import client_address

from . import actions, intake
from . import intake_checks as checks
from .intake_checks import LENGTHS
from .models import Channel, Source, Urgency
from .outcome import reference
from .timers import duration_words

logger = logging.getLogger("alongside.referrals")

# How many referrals one internet address may send: (window in seconds, most in that window). A care home or a
# GP surgery's waiting room shares one address, so the limits leave room for several honest referrals.
RATE_LIMITS = ((10 * 60, 5), (24 * 60 * 60, 20))
ONCE_FOR = 24 * 60 * 60  # how long a one-time key's result is remembered, in seconds
SENT = "refer_sent"  # session key: what the "sent" page shows
HONEYPOT = "website"

YES_NO = [("yes", "Yes"), ("no", "No")]
SOURCES = [(Source.SELF.value, "Myself"), (Source.FAMILY_CARER.value, "Someone I care for or know")]
URGENCY_CHOICES = [
    (Urgency.ROUTINE.value, "In the next few weeks"),
    (Urgency.SOON.value, "In the next few days"),
    (Urgency.URGENT.value, "Today or tomorrow"),
]
# Questions only a family member, friend or carer answers; ignored when the referral is for the person themselves.
FOR_SOMEONE_ELSE = ["referrer_name", "referrer_relationship", "person_agrees", "share_named_worker", "phone", "email"]
# What each missing answer says, for someone referring themselves and for someone referring another person.
NEEDED = {
    "given_name": ("Enter your first name", "Enter their first name"),
    "family_name": ("Enter your last name", "Enter their last name"),
    "birth_date": ("Enter your date of birth", "Enter their date of birth"),
    "postcode": ("Enter your postcode", "Enter their postcode"),
}
NEEDED_FROM_OTHERS = {
    "referrer_name": intake.REFERRER_NAME_NEEDED,
    "referrer_relationship": "Enter who you are to them, for example daughter, neighbour or friend",
    "person_agrees": "Select whether they know about this referral and agree to it",
    "share_named_worker": "Select whether they agree that we can tell you who their named worker is",
}


class TelInput(forms.TextInput):
    input_type = "tel"


class PublicReferralForm(forms.Form):
    """One page, in the order it is shown. Questions for family, friends and carers are asked only of them."""

    # Not the UUIDField of OnceForm: a missing or mangled key must not stop a referral, only its protection.
    form_key = forms.CharField(widget=forms.HiddenInput, initial=lambda: str(uuid.uuid4()), required=False)
    source = forms.ChoiceField(
        choices=SOURCES,
        label="Who is this referral for?",
        error_messages={"required": "Select who the referral is for", "invalid_choice": "Select who it is for"},
    )
    given_name = forms.CharField(max_length=LENGTHS["given_name"], label="First name")
    family_name = forms.CharField(max_length=LENGTHS["family_name"], label="Last name")
    birth_date = DateInputField(named="Date of birth", example="15 3 1941", label="Date of birth")
    postcode = GBPostcodeField(label="Postcode", error_messages={"invalid": checks.POSTCODE_NOT_REAL})
    address_line = forms.CharField(
        max_length=LENGTHS["address_line"],
        required=False,
        label="Address (optional)",
        help_text="House number or name, and street",
    )
    nhs_number = forms.CharField(
        max_length=LENGTHS["nhs_number"],
        required=False,
        label="NHS number (optional)",
        help_text="It is 10 digits long. You can find it on a letter from the NHS or your GP surgery, "
        "on a prescription, or in the NHS App.",
    )
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=LENGTHS["reason"],
        label="What is happening, and why would you like help?",
        help_text="For example, what has changed, what is hard at the moment, and what help would make a difference",
        error_messages={"required": "Tell us what is happening and why you would like help"},
    )
    situation = forms.CharField(
        widget=forms.Textarea,
        max_length=LENGTHS["situation"],
        required=False,
        label="Anything else about their life you would like us to know (optional)",
        help_text="For example, who they live with, who helps them, what matters to them and what has helped "
        "before. If you are referring yourself, tell us about your own life. With the agreement of the person "
        "who needs support, we can add this to their story, so that they do not have to tell it again.",
    )
    urgency = forms.ChoiceField(
        choices=URGENCY_CHOICES,
        label="How soon is help needed?",
        error_messages={"required": intake.NEEDED_TO_SEND["urgency"], "invalid_choice": "Select how soon"},
    )
    referrer_name = forms.CharField(max_length=LENGTHS["referrer_name"], required=False, label="Your name")
    referrer_relationship = forms.CharField(
        max_length=LENGTHS["referrer_relationship"],
        required=False,
        label="Who are you to them?",
        help_text="For example, daughter, husband, neighbour, friend or paid carer",
    )
    person_agrees = forms.ChoiceField(
        choices=YES_NO,
        required=False,
        label="Do they know about this referral, and do they agree to it?",
        help_text="We usually need their agreement before we can help. If they cannot agree at the moment, "
        "for example because they are very unwell, choose no and tell us why under ‘What is happening’.",
    )
    share_named_worker = forms.ChoiceField(
        choices=YES_NO,
        required=False,
        label="Do they agree that we can tell you who their named worker is?",
        help_text="If we can help, a named worker gets to know them and coordinates their support. "
        "We will only tell you who it is if they agree.",
    )
    phone = forms.CharField(
        max_length=LENGTHS["phone"],
        required=False,
        widget=TelInput,
        label="Their phone number (optional)",
        help_text="If they would like us to contact them directly",
    )
    email = forms.CharField(
        max_length=LENGTHS["email"],
        required=False,
        widget=forms.EmailInput,
        label="Their email address (optional)",
        help_text="If they would like us to contact them directly",
    )
    referrer_email = forms.CharField(
        max_length=LENGTHS["referrer_email"], required=False, widget=forms.EmailInput, label="Email address"
    )
    referrer_phone = forms.CharField(
        max_length=LENGTHS["referrer_phone"],
        required=False,
        widget=TelInput,
        label="Mobile phone number",
        help_text="For text messages, like 07700 900123",
    )
    # The honeypot: hidden from everyone, so only a program filling in every box fills it in.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for_self = self.data.get("source") == Source.SELF
        for name, (own, others) in NEEDED.items():
            self.fields[name].error_messages["required"] = own if for_self else others

    @property
    def for_someone_else(self) -> bool:
        return self.data.get("source") == Source.FAMILY_CARER

    def clean_form_key(self):
        return _key(self.cleaned_data["form_key"]) or uuid.uuid4()

    def clean_nhs_number(self):
        return checks.nhs_number(self.cleaned_data["nhs_number"])

    def clean_birth_date(self):
        return checks.birth_date(self.cleaned_data["birth_date"], timezone.localdate())

    def clean_referrer_email(self):
        return _email(self.cleaned_data["referrer_email"])

    def clean_referrer_phone(self):
        return checks.mobile(self.cleaned_data["referrer_phone"])

    def clean(self):
        data = super().clean()
        if self.for_someone_else:
            for name, message in NEEDED_FROM_OTHERS.items():
                if not (data.get(name) or "").strip():
                    self.add_error(name, message)
            # Asked only of someone referring another person, so checked only then: a box left filled in
            # before changing the answer to "Myself" never stops a referral.
            for name, check in (("phone", checks.phone_to_keep), ("email", _email)):
                try:
                    data[name] = check(data.get(name, ""))
                except forms.ValidationError as error:
                    self.add_error(name, error)
        mistyped = "referrer_email" in self.errors or "referrer_phone" in self.errors
        if not (mistyped or data.get("referrer_email") or data.get("referrer_phone")):
            self.add_error("referrer_email", intake.CONTACT_NEEDED)
        return data

    def fields_for_referral(self) -> dict:
        """What `actions.receive` takes, from the cleaned answers."""
        data = self.cleaned_data
        fields = {name: data[name] for name in intake.INTAKE_FIELDS if name in data}
        if data["source"] == Source.SELF:
            for name in FOR_SOMEONE_ELSE:
                fields.pop(name, None)
            fields["person_agrees"] = True
            fields["phone"], fields["email"] = data["referrer_phone"], data["referrer_email"]
        else:
            fields["person_agrees"] = data["person_agrees"] == "yes"
            fields["share_named_worker"] = data["share_named_worker"] == "yes"
        return fields

    def show_gaps(self, gaps: dict[str, str]) -> None:
        for name, message in gaps.items():
            self.add_error(name if name in self.fields else None, message)


def _email(raw: str) -> str:
    return checks.email(raw, checks.NOT_AN_EMAIL_PUBLIC)


@access(PUBLIC)
@never_cache  # what people type about themselves is not kept by the browser or a proxy
def refer(request):
    form = PublicReferralForm(request.POST or None)
    if request.method == "POST":
        key = _key(request.POST.get("form_key"))
        if key and (done := cache.get(_once_key(key))) is not None:
            request.session[SENT] = done  # a repeat: the same page as the first time
            return redirect("refer:sent")
        if request.POST.get(HONEYPOT, "").strip():
            logger.info("Public referral form: the honeypot was filled in, so nothing was stored")
            request.session[SENT] = {"reference": "", "urgency": _urgency(request.POST.get("urgency"))}
            return redirect("refer:sent")
        if form.is_valid():
            if not _within_limits(request):
                logger.warning("Public referral form: too many referrals from one address; this one was refused")
                return _page(request, form, status=429, too_many=True)
            try:
                done = _send_once(request, form.cleaned_data["form_key"], form.fields_for_referral())
            except actions.Incomplete as incomplete:
                form.show_gaps(incomplete.gaps)
            else:
                request.session[SENT] = done
                return redirect("refer:sent")
    return _page(request, form)


@access(PUBLIC)
@never_cache
def sent(request):
    done = request.session.get(SENT)
    if done is None:
        return redirect("refer:start")
    hours = settings.TRIAGE_TARGET_HOURS[_urgency(done.get("urgency"))]
    return render(
        request,
        "referrals/refer_sent.jinja",
        {"reference": done.get("reference", ""), "aim": duration_words(timedelta(hours=hours))},
    )


def _page(request, form, status=200, too_many=False):
    aims = {u: duration_words(timedelta(hours=h)) for u, h in settings.TRIAGE_TARGET_HOURS.items()}
    urgency_hints = {
        Urgency.ROUTINE.value: f"We aim to read it within {aims[Urgency.ROUTINE]}",
        Urgency.SOON.value: f"We aim to read it within {aims[Urgency.SOON]}",
        Urgency.URGENT.value: f"We aim to read it within {aims[Urgency.URGENT]}. This is not an emergency service.",
    }
    context = {
        "form": form,
        "has_errors": bool(form.errors) or too_many,
        "too_many": too_many,
        "urgency_hints": urgency_hints,
        "honeypot": HONEYPOT,
    }
    return render(request, "referrals/refer.jinja", context, status=status)


def _send_once(request, key: uuid.UUID, fields: dict) -> dict:
    """Make the referral unless this key already made one; either way, what the "sent" page shows."""
    with transaction.atomic():
        with connection.cursor() as cursor:  # a second copy of the same form waits here for the first
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(key.bytes[:8], "big", signed=True)])
        done = cache.get(_once_key(key))
        if done is None:
            referral = actions.receive(request, fields, channel=Channel.PUBLIC)
            done = {"reference": reference(referral.pk), "urgency": referral.urgency}
            cache.set(_once_key(key), done, ONCE_FOR)
    return done


def _within_limits(request) -> bool:
    """Count this referral against its internet address; False once any window's limit is passed.

    Fixed windows in the cache. With the file-based cache two requests at the same moment may both count as
    one, which is close enough for a limit on spam.
    """
    address = hashlib.sha256((client_address(request) or "").encode()).hexdigest()[:32]  # the cache keeps no address
    now = int(time.time())
    within = True
    for window, most in RATE_LIMITS:
        name = f"refer-rate:{window}:{address}:{now // window}"
        cache.add(name, 0, timeout=window)
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.set(name, 1, timeout=window)
            count = 1
        within = within and count <= most
    return within


def _key(raw) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def _once_key(key: uuid.UUID) -> str:
    return f"refer-once:{key}"


def _urgency(value) -> str:
    return value if value in Urgency.values else Urgency.ROUTINE.value
