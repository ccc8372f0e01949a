"""Going through the public form's pages in tests as a browser would, one page at a time."""

import re

from django.urls import reverse

from alongside.referrals import public
from alongside.referrals import public_journey as journeys

START, CHECK, SENT = "/refer/", "/refer/check/", "/refer/sent/"
ADDRESS = {page.name: reverse(f"refer:{page.name}") for page in journeys.PAGES}
IP = "203.0.113.9"


def for_themselves(**changes) -> dict:
    """Every page's answers for someone asking for help for themselves, as the browser posts them."""
    answers = {
        "who": {"source": "self"},
        "about": {
            "given_name": "Ada",
            "family_name": "Okafor",
            "birth_date_day": "12",
            "birth_date_month": "3",
            "birth_date_year": "1941",
            "address_line": "4 Mill Lane",
            "postcode": "nv1 2ab",
            "nhs_number": "",
            "website": "",
        },
        "happening": {
            "reason": "Since my fall I cannot get to the shops and I am on my own most days.",
            "situation": "I used to sing in the church choir and I miss it.",
        },
        "how_soon": {"urgency": "soon"},
        "tell": {"how": "email"},
        "contact": {"email": "ada@example.com", "phone": "01632 960123"},
    }
    return answers | changes


def for_someone_else(**changes) -> dict:
    return for_themselves(
        **{
            "who": {"source": "family_carer"},
            "your_details": {"referrer_name": "Grace Okafor", "referrer_relationship": "Daughter"},
            "their_contact": {"phone": "01632 960123", "email": "ada@example.com"},
            "agreement": {"person_agrees": "yes", "share_named_worker": "no"},
            "contact": {"email": "grace@example.com", "phone": "07700 900123"},
        }
        | changes
    )


def answer(client, name: str, data: dict, change: bool = False):
    return client.post(ADDRESS[name] + ("?change=1" if change else ""), data, REMOTE_ADDR=IP)


def fill(client, answers: dict, stop_before: str | None = None) -> list[str]:
    """Answer each page the form leads to, from the first, until the check page (or `stop_before`).

    Returns the names of the pages answered, in order.
    """
    visited, address = [], ADDRESS["who"]
    while address != CHECK:
        name = next(n for n, a in ADDRESS.items() if a == address)
        if name == stop_before:
            break
        response = answer(client, name, answers[name])
        assert response.status_code == 302, (name, errors(response))
        visited.append(name)
        address = response["Location"]
    return visited


def send(client, key: str | None = None, ip: str = IP):
    """Press "Send request" on the check page."""
    key = key or client.session[public.JOURNEY]["key"]
    return client.post(CHECK, {"form_key": key}, REMOTE_ADDR=ip)


def errors(response) -> list[str]:
    """The messages in the error summary, in order."""
    summary = response.content.decode().split('class="nhsuk-error-summary"', 1)
    assert len(summary) == 2, "no error summary on the page"
    body = summary[1].split("</ul>", 1)[0]
    return [" ".join(text.split()) for text in re.findall(r"<a href=\"#[^\"]+\"[^>]*>(.*?)</a>", body, re.S)]
