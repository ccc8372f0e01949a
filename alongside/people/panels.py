"""The home-page panels the person record contributes: the people a user acts for as a proxy, and the person's
own record. A list of people is a read of each of them, audited."""

from alongside.partners.models import PERSON_ROLE

from .access import record_list_access
from .models import CareRelationship, Person
from .policy import Basis, RelationshipKind


def acting_for(request) -> dict | None:
    """The people this user acts for as a proxy (audited as reads)."""
    proxied = Person.objects.filter(
        pk__in=CareRelationship.objects.active()
        .filter(user=request.user, kind=RelationshipKind.PROXY)
        .values("person_id")
    ).order_by("family_name", "given_name")
    people = list(proxied)
    record_list_access(request, people, "proxy_listed", Basis.PROXY)
    return {"acting_for": people} if people else None


def own_record(request) -> dict | None:
    return {"person": request.user.person} if PERSON_ROLE in request.roles else None
