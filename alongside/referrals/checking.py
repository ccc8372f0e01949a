"""Check your answers before sending a referral: what was typed is kept in the session under a key, shown back as a
summary list whose Change links reopen the form with everything kept, and sent from there.

Nothing here is read from the database: the answers are the user's own, in their own session.
"""

import uuid

from django.http import QueryDict
from django.urls import reverse

from .forms import ReferralForm

SESSION_KEY = "referral_answers"
KEPT_AT_MOST = 5  # answers being checked at once, in different tabs; the oldest are let go
NOT_KEPT = {"csrfmiddlewaretoken", "action"}


def keep(request, data: QueryDict, draft: int | None) -> str:
    """Keep what was typed (every value, as posted) for checking; the key to find it again."""
    key = uuid.uuid4().hex
    kept = request.session.get(SESSION_KEY, {})
    kept = dict(list(kept.items())[-(KEPT_AT_MOST - 1) :])
    kept[key] = {"data": {k: v for k, v in data.lists() if k not in NOT_KEPT}, "draft": draft}
    request.session[SESSION_KEY] = kept
    return key


def kept(request, key: str) -> dict | None:
    return request.session.get(SESSION_KEY, {}).get(key)


def restore(request, key: str | None, draft: int | None) -> QueryDict | None:
    """What was typed, to fill the form again from a Change link: only for the same form (new, or this draft)."""
    found = kept(request, key) if key else None
    if found is None or found["draft"] != draft:
        return None
    return as_data(found)


def as_data(found: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in found["data"].items():
        data.setlist(name, values)
    return data


def forget(request, key: str) -> None:
    kept = request.session.get(SESSION_KEY, {})
    kept.pop(key, None)
    request.session[SESSION_KEY] = kept


def change_url(key: str, draft: int | None, anchor: str = "") -> str:
    form = reverse("referrals:edit_draft", args=[draft]) if draft else reverse("referrals:new")
    return f"{form}?answers={key}" + (f"#{anchor}" if anchor else "")


# The answers in the order the form asks them, each with its heading on the check page.
SECTIONS = [
    ("Who the referral is from", ["source"]),
    (
        "Who it is for",
        ["given_name", "family_name", "birth_date", "nhs_number", "address_line", "postcode", "phone"],
    ),
    ("What help they need", ["reason", "situation", "urgency", "person_agrees", "share_named_worker"]),
    (
        "Who is referring",
        ["referrer_name", "referrer_relationship", "referrer_organisation", "referrer_email", "referrer_phone"],
    ),
]
SHORT_LABELS = {
    "source": "From",
    "birth_date": "Date of birth",
    "nhs_number": "NHS number",
    "address_line": "Address",
    "phone": "Their phone number",
    "reason": "Why you are referring them",
    "situation": "What is happening in their life",
    "urgency": "How soon help is needed",
    "person_agrees": "They know and agree",
    "share_named_worker": "We may tell you their named worker",
    "referrer_name": "Referrer's name",
    "referrer_relationship": "Relationship to the person",
    "referrer_organisation": "Organisation or team",
    "referrer_email": "Email for the outcome",
    "referrer_phone": "Referrer's phone number",
}


def rows(form: ReferralForm, key: str, draft: int | None) -> list[tuple[str, list[dict]]]:
    """Each section's answers as a summary list's rows: the question, the answer in words, where to change it."""
    data = form.cleaned_data
    sections = []
    for heading, names in SECTIONS:
        shown = []
        for name in names:
            bound = form[name]
            label = SHORT_LABELS.get(name) or str(bound.label).removesuffix(" (optional)")
            shown.append(
                {
                    "name": name,
                    "key": label,
                    "value": _words(form, name, data.get(name)),
                    "href": change_url(key, draft, bound.id_for_label),
                }
            )
        sections.append((heading, shown))
    return sections


def _words(form: ReferralForm, name: str, value) -> str:
    if name == "birth_date":
        return f"{value.day} {value:%B %Y}" if value else "Not given"
    if name in ("source", "urgency", "person_agrees"):
        return dict(form.fields[name].choices).get(value, "Not given") if value else "Not given"
    if name == "nhs_number" and value:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    if name == "share_named_worker":
        return "Yes" if value else "No"
    if name == "referrer_name" and not value:
        return "You (leave it empty and we put your name)"
    return str(value).strip() if value not in (None, "") else "Not given"
