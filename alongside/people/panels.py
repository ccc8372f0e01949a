"""The home-page panels the person record contributes: the people a user acts for as a proxy, and for the person
signed in to their own record, their named worker and how to reach them, what they asked to be corrected with the
answer, and their record. A list of people is a read of each of them, audited."""

from alongside.partners.models import PERSON_ROLE
from alongside.partners.roles import care_membership_of

from .access import record_list_access
from .models import CareRelationship, Person
from .policy import Basis, RelationshipKind

CORRECTIONS_SHOWN = 5


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


def _own_person(request) -> Person | None:
    return request.user.person if PERSON_ROLE in request.roles else None


def own_named_worker(request) -> dict | None:
    """The person's named worker, and the team that answers the phone for them. Two queries at most."""
    if (person := _own_person(request)) is None:
        return None
    named = (
        CareRelationship.objects.active()
        .filter(person=person, kind=RelationshipKind.NAMED_WORKER)
        .select_related("user", "team")
        .first()
    )
    team = None
    if named:
        team = named.team
        if team is None and (membership := care_membership_of(named.user_id)) is not None:
            team = membership.team
    return {"person": person, "named_worker": named.user if named else None, "team": team}


def own_requests(request) -> dict | None:
    """What the person asked to be corrected in their record, the newest first, with the answer. One query."""
    if (person := _own_person(request)) is None:
        return None
    corrections = list(
        person.correction_requests.select_related("entry").order_by("-asked_at", "-pk")[:CORRECTIONS_SHOWN]
    )
    return {"person": person, "corrections": corrections}


def own_record(request) -> dict | None:
    return {"person": request.user.person} if PERSON_ROLE in request.roles else None
