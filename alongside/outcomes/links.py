"""One-time links: staff who give care send the person a link, by text or email through GOV.UK Notify, to answer one
questionnaire without an account. Only the token's SHA-256 is kept; the token is only in the message. A link works
until it is used or for 7 days; its creation and its use are audited, its use with the person as the actor.

Whoever opens a link that is unknown, used, expired, or opened while signed in as somebody else gets the site's own
missing page: nothing tells them whether such a link was ever sent.
"""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.core import notify
from alongside.people.access import record_access, record_by_the_person
from alongside.people.models import Person
from alongside.people.policy import Acting, Action, Basis, Category, Decision, Facts
from alongside.people.policy import decide as decide_by_rules

from . import queries
from .actions import save_response
from .instruments import Instrument
from .models import CompletionLink, Draft, How, Response

LASTS = timedelta(days=7)
NOTIFY_CHANNEL = {CompletionLink.Channel.TEXT: "sms", CompletionLink.Channel.EMAIL: "email"}


def sender_for(facts: Facts) -> Decision | None:
    """Staff who may write the person's care record may send them a link (never the person, a proxy or a
    volunteer)."""
    if facts.is_self or facts.acting != Acting.STAFF:
        return None
    decision = decide_by_rules(facts, Action.WRITE, Category.CARE)
    return decision if decision and decision.basis != Basis.PROXY else None


def contacts(person: Person, facts: Facts) -> dict[str, str]:
    """Where a link may be sent, as far as the user may read the person's contact details (a sharing choice may
    keep them back): {"text": number, "email": address}."""
    return queries.contact_for(person) if decide_by_rules(facts, Action.READ, Category.CONTACT) else {}


def sendable(instrument: Instrument) -> bool:
    return "person" in instrument.completed_by


def message(first_name: str, url: str, until) -> str:
    """The text or email: the first name and nothing else about the person, not even which questionnaire (a
    message on a shared phone or screen should not tell others about their mood)."""
    return (
        f"Hello {first_name}. The people who support you have sent you a short questionnaire about how you have "
        f"been. You can answer it here: {url}\n\n"
        f"The link works once, until {until:%-d %B %Y}. You can stop and come back to it before then. "
        "If you did not expect this message, you can ignore it."
    )


@transaction.atomic
def send(request, person: Person, facts: Facts, instrument: Instrument, channel: str) -> CompletionLink:
    """Make a link and send it to the number or address on the person's record. PermissionDenied if the user may
    not send one; ValueError if there is nowhere to send it."""
    decision = sender_for(facts)
    if decision is None or not sendable(instrument):
        raise PermissionDenied
    to = contacts(person, facts).get(channel)
    if not to:
        raise ValueError(f"no {channel} contact on record")
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    link = CompletionLink.objects.create(
        person=person,
        instrument=instrument.code,
        token_hash=queries.hash_token(token),
        channel=channel,
        sent_by=request.user,
        created_at=now,
        expires_at=now + LASTS,
    )
    url = request.build_absolute_uri(reverse("outcomes:link", args=[token]))
    notify.send(
        reference=f"outcome-link-{link.pk}",
        channel=NOTIFY_CHANNEL[channel],
        to=to,
        body=message(person.given_name, url, timezone.localtime(link.expires_at)),
        person_id=person.pk,
    )
    record_access(
        request, person, "outcome_link_sent", decision, instrument=instrument.code, channel=channel, link=link.pk
    )
    return link


def opened(request, token_hash: str) -> CompletionLink | None:
    """The link whose token has this hash (what the session keeps), if it may be answered now by whoever holds it:
    unused, unexpired, and not opened while signed in as somebody other than the person."""
    link = queries.link_by_hash(token_hash)
    if link is None or not queries.link_is_good(link):
        return None
    user = request.user
    if user.is_authenticated and link.person.user_id != user.pk:
        return None
    return link


@transaction.atomic
def submit(request, token_hash: str, instrument: Instrument, goals: dict | None = None) -> Response | None:
    """Record the link's draft as the person's response and use the link up: once. None when the link no longer
    works (used meanwhile by another request, expired) or has nothing to submit."""
    link = (
        CompletionLink.objects.select_for_update(of=("self",))
        .select_related("person", "person__user")
        .filter(token_hash=token_hash)
        .first()
    )
    if link is None or not queries.link_is_good(link):
        return None
    draft = Draft.objects.filter(person=link.person, instrument=link.instrument, owner=owner_of(link)).first()
    if draft is None:
        return None
    response, _ = save_response(
        link.person, instrument, draft.answers, how=How.LINK, key=str(draft.form_key), goals=goals
    )
    link.used_at = timezone.now()
    link.response = response
    link.save(update_fields=["used_at", "response"])
    draft.delete()
    record_by_the_person(
        request, link.person, "outcome_recorded", instrument=instrument.code, response=response.pk, via="link"
    )
    return response


def owner_of(link: CompletionLink) -> str:
    return f"link:{link.pk}"
