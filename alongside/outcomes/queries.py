"""What the outcomes pages read: drafts, responses, one-time links. The caller has been let read the person through
alongside.people.access (or holds the link) and audits what it shows."""

from functools import cache

from django.conf import settings
from django.utils import timezone

from alongside.core import link_tokens, registry
from alongside.core.validators import is_mobile
from alongside.people.models import Person

from . import instruments
from .models import CompletionLink, Draft, Response

FIRST = ("phq-9", "gad-7", "ons4", "gbo")  # the order people see them in; any other after, by code


@cache
def shipped() -> dict[str, instruments.Instrument]:
    """The instruments, those shipped and those an administrator imported, read once per process, in the order
    people see them."""
    found = instruments.available(settings.INSTRUMENTS_DIR)
    order = [code for code in FIRST if code in found] + sorted(code for code in found if code not in FIRST)
    return {code: found[code] for code in order}


def instrument(code: str) -> instruments.Instrument | None:
    return shipped().get(code)


def goals(person: Person) -> list[tuple[str, str]]:
    """The person's current goals in their own words, from whichever app keeps them (the plan)."""
    return registry.person_goals(person.pk)


def draft(person: Person, code: str, owner: str) -> Draft | None:
    return Draft.objects.filter(person=person, instrument=code, owner=owner).first()


def drafts(person: Person, owner: str) -> dict[str, Draft]:
    """This owner's drafts for the person, by instrument: one query."""
    return {d.instrument: d for d in Draft.objects.filter(person=person, owner=owner)}


def responses(person: Person) -> list[Response]:
    """Every response of the person, by instrument then date: one query."""
    return list(
        Response.objects.filter(person=person)
        .only("pk", "instrument", "total", "band", "items", "goals", "reliable_change", "item_changes", "completed_at")
        .order_by("instrument", "completed_at", "pk")
    )


def latest(person: Person) -> dict[str, Response]:
    """The person's latest response to each instrument: one query."""
    found = (
        Response.objects.filter(person=person)
        .order_by("instrument", "-completed_at", "-pk")
        .distinct("instrument")
        .only("pk", "instrument", "total", "band", "items", "goals", "reliable_change", "completed_at")
    )
    return {r.instrument: r for r in found}


def response_by_key(person: Person, key: str) -> Response | None:
    return Response.objects.filter(person=person, idempotency_key=key).first() if key else None


def hash_token(token: str) -> str:
    return link_tokens.hash_of(token)


def link_by_hash(token_hash: str) -> CompletionLink | None:
    """The link whose token has this hash (what the session keeps), with its person, whatever its state."""
    return (
        CompletionLink.objects.select_related("person", "person__user", "response")
        .filter(token_hash=token_hash)
        .first()
    )


def link_is_good(link: CompletionLink, now=None) -> bool:
    return link.used_at is None and (now or timezone.now()) < link.expires_at


def contact_for(person: Person) -> dict[str, str]:
    """Where a link may be sent: {"text": mobile number, "email": address}, each only if on record."""
    found = {}
    if is_mobile(person.phone):  # a text message cannot reach a landline
        found["text"] = person.phone.strip()
    email = Person.objects.filter(pk=person.pk).values_list("user__email", flat=True).first()
    if email:
        found["email"] = email
    return found
