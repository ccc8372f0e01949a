"""The public form's pages, in order, and the answers kept between them. No database, no requests.

Someone asking for help for themselves sees fewer pages than someone asking for another person: each `Page`
says for whom it is (`only`). The answers are kept as typed, page by page, in a plain dict (the session holds
it: see `public`), so that going back, or changing an answer from the check page, shows exactly what was typed.
Each page's form checks its answers again before anything is sent, so an answer made wrong by a later change
(a contact page left from "by email" after choosing "by text message") sends the person back to that page.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .models import Source
from .public_forms import (
    EMAIL,
    TEXT,
    AboutForm,
    AgreementForm,
    ContactForm,
    HappeningForm,
    HowSoonForm,
    PublicPage,
    TellForm,
    TheirContactForm,
    WhoForm,
    YourDetailsForm,
)

SELF, OTHERS = "self", "others"
IDLE_MINUTES = 60  # answers untouched for longer are forgotten, and the person starts again


@dataclass(frozen=True)
class Page:
    name: str  # the URL's name (refer:<name>) and the key of its answers
    form: type[PublicPage]
    heading: Callable[[bool | None], str]  # the h1, for someone asking for themselves (True) or for another
    only: str | None = None  # SELF, OTHERS, or None for everyone


def _same(words: str) -> Callable[[bool | None], str]:
    return lambda for_self: words


PAGES = [
    Page("who", WhoForm, _same("Who needs help?")),
    Page("your_details", YourDetailsForm, _same("About you"), only=OTHERS),
    Page("about", AboutForm, lambda me: "About you" if me else "About the person who needs help"),
    Page("their_contact", TheirContactForm, _same("How can we contact them?"), only=OTHERS),
    Page("happening", HappeningForm, _same("What is happening?")),
    Page("how_soon", HowSoonForm, lambda me: "How soon do you need help?" if me else "How soon do they need help?"),
    Page("agreement", AgreementForm, _same("Do they agree to this?"), only=OTHERS),
    Page("tell", TellForm, _same("How should we tell you what we decide?")),
    Page("contact", ContactForm, lambda me: "Your contact details"),
]
BY_NAME = {page.name: page for page in PAGES}


def new_journey(now: float) -> dict:
    """What the session keeps while someone fills in the form. `key` makes sending it twice send it once."""
    return {"key": str(uuid.uuid4()), "touched": now, "pages": {}, "honeypot": False}


def is_current(journey: object, now: float) -> bool:
    return (
        isinstance(journey, dict)
        and isinstance(journey.get("pages"), dict)
        and isinstance(journey.get("touched"), int | float)
        and now - journey["touched"] <= IDLE_MINUTES * 60
    )


def for_self(answers: dict) -> bool | None:
    source = answers.get("who", {}).get("source")
    return None if source not in (Source.SELF, Source.FAMILY_CARER) else source == Source.SELF


def applies(page: Page, answers: dict) -> bool:
    me = for_self(answers)
    return page.only is None or (page.only == SELF and me is True) or (page.only == OTHERS and me is False)


def pages_for(answers: dict) -> list[Page]:
    return [page for page in PAGES if applies(page, answers)]


def form_for(page: Page, answers: dict, data=None) -> PublicPage:
    """The page's form: bound to `data` when posted, else to the answers kept, else empty."""
    if data is None:
        data = answers.get(page.name)
    kwargs: dict = {"for_self": for_self(answers)}
    if page.form is ContactForm:
        kwargs["how"] = TEXT if answers.get("tell", {}).get("how") == TEXT else EMAIL
    return page.form(data, **kwargs)


def first_gap(answers: dict) -> Page | None:
    """The first page still to be answered, or whose answers no longer pass its checks."""
    for page in pages_for(answers):
        if page.name not in answers or not form_for(page, answers).is_valid():
            return page
    return None


def previous(page: Page, answers: dict) -> Page | None:
    shown = pages_for(answers)
    index = shown.index(page) if page in shown else 0
    return shown[index - 1] if index > 0 else None


def following(page: Page, answers: dict) -> Page | None:
    shown = pages_for(answers)
    index = shown.index(page) if page in shown else -1
    return shown[index + 1] if index + 1 < len(shown) else None


def cleaned(answers: dict) -> dict[str, dict]:
    """Each page's checked answers. Only for answers with no gap."""
    result = {}
    for page in pages_for(answers):
        form = form_for(page, answers)
        if not form.is_valid():
            raise ValueError(f"the answers on {page.name} do not pass their checks")
        result[page.name] = form.cleaned_data
    return result


def fields_for_referral(answers: dict) -> dict:
    """What `actions.receive` takes: the same fields the one-page form sent, from the pages' answers."""
    c = cleaned(answers)
    me = c["who"]["source"] == Source.SELF
    about, contact, by_text = c["about"], c["contact"], c["tell"]["how"] == TEXT
    fields = {
        "source": c["who"]["source"],
        **{name: about[name] for name in ("given_name", "family_name", "birth_date", "address_line", "postcode")},
        "nhs_number": about["nhs_number"],
        "reason": c["happening"]["reason"],
        "situation": c["happening"]["situation"],
        "urgency": c["how_soon"]["urgency"],
    }
    email, phone = contact.get("email", ""), contact.get("phone", "")
    # Whoever is told the outcome is told by email when the referral keeps an email address for them, else by text.
    fields["referrer_email"] = "" if by_text else email
    fields["referrer_phone"] = phone if by_text or _is_mobile(phone) else ""
    if me:
        fields |= {"person_agrees": True, "phone": phone, "email": email}
    else:
        fields |= {
            "referrer_name": c["your_details"]["referrer_name"],
            "referrer_relationship": c["your_details"]["referrer_relationship"],
            "phone": c["their_contact"]["phone"],
            "email": c["their_contact"]["email"],
            "person_agrees": c["agreement"]["person_agrees"] == "yes",
            "share_named_worker": c["agreement"]["share_named_worker"] == "yes",
        }
    return fields


def _is_mobile(phone: str) -> bool:
    return "".join(phone.split()).startswith("07")


@dataclass(frozen=True)
class Row:
    question: str
    answer: str
    page: str  # where the Change link goes


def summary(answers: dict) -> list[tuple[str, list[Row]]]:
    """The check-your-answers rows under their headings, in the order the pages asked them."""
    c = cleaned(answers)
    me = for_self(answers)
    about, happening, how = c["about"], c["happening"], c["tell"]["how"]
    person = [
        Row("Who needs help", "Me" if me else "Someone else", "who"),
        Row("Name", f"{about['given_name']} {about['family_name']}", "about"),
        Row("Date of birth", _date(about["birth_date"]), "about"),
        Row("Address", "\n".join(a for a in (about["address_line"], about["postcode"]) if a), "about"),
        Row("NHS number", _nhs_number(about["nhs_number"]) or "Not given", "about"),
    ]
    need = [
        Row("What is happening", happening["reason"], "happening"),
        Row("Anything else", happening["situation"] or "Nothing", "happening"),
        Row("How soon", dict(HowSoonForm.base_fields["urgency"].choices)[c["how_soon"]["urgency"]], "how_soon"),
    ]
    contact = c["contact"]
    you = [Row("How we tell you what we decide", dict(TellForm.base_fields["how"].choices)[how], "tell")]
    if "email" in contact:
        you.append(Row("Email address", contact["email"] or "Not given", "contact"))
    phone_words = "Mobile phone number" if how == TEXT else "Phone number"
    you.append(Row(phone_words, contact["phone"] or "Not given", "contact"))
    if me:
        return [("About you", person + you), ("What is happening", need)]
    details, theirs, agreement = c["your_details"], c["their_contact"], c["agreement"]
    you = [
        Row("Your name", details["referrer_name"], "your_details"),
        Row("How you know them", details["referrer_relationship"], "your_details"),
        *you,
    ]
    person += [
        Row("Their phone number", theirs["phone"] or "Not given", "their_contact"),
        Row("Their email address", theirs["email"] or "Not given", "their_contact"),
    ]
    agreed = [
        Row("They know and agree", _yes_no(agreement["person_agrees"]), "agreement"),
        Row("We can tell you who will look after them", _yes_no(agreement["share_named_worker"]), "agreement"),
    ]
    return [("About the person who needs help", person), ("What is happening", need + agreed), ("About you", you)]


def _date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _nhs_number(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def _yes_no(value: str) -> str:
    return "Yes" if value == "yes" else "No"
