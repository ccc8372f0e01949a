"""Every change to continuity data: permission from the person-record policy, audited, one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from alongside.people.access import decide, record_access
from alongside.people.models import Person
from alongside.people.policy import Action, Category

from .models import Contact


@transaction.atomic
def record_contact(request, person: Person, *, kind: str, at, minutes: int, note: str, practitioner=None) -> Contact:
    """A contact with the person, by the user (or a colleague they name), recorded by the user."""
    decision = decide(request, person, Action.WRITE, Category.CARE)
    if not decision:
        raise PermissionDenied
    teams = [m.team for m in request.memberships]
    contact = Contact.objects.create(
        person=person,
        practitioner=practitioner or request.user,
        team=teams[0] if teams else None,
        kind=kind,
        at=at,
        minutes=minutes,
        note=note,
        recorded_by=request.user,
    )
    record_access(request, person, "contact_recorded", decision, contact=contact.pk, kind=kind)
    return contact
