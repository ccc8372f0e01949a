"""Every change made in asking for a volunteer, allocating one and ending an allocation: each checks who may,
writes in one transaction and is audited with its basis.

- `ask`: staff who look after the person, the single point of access, the person or their proxy ask a hub;
  one waiting request per person per hub (the database holds it), and a form sent twice makes one request.
- `allocate`: a coordinator of the hub starts the volunteer relationship through the one relationship writer
  (`alongside.people.actions.start_relationship`), after checking the volunteer again: one whose check, training
  or agreement has lapsed, or who is full, is refused whatever the form said. The volunteer is told in Alongside
  and by GOV.UK Notify if they chose text or email.
- `end_allocation`: a coordinator ends a volunteer's visits with a reason, and the volunteer is thanked.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import Alert
from alongside.partners.models import Membership, Role
from alongside.partners.roles import is_triage
from alongside.people.access import NAME_KEPT_BACK, names_for_volunteer, record
from alongside.people.actions import end_relationships, start_relationship
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import STAFF_KINDS, Acting, Basis, Facts, RelationshipKind, volunteer_hub_basis

from . import matching_queries as queries
from .matching import may_allocate
from .models import Volunteer, VolunteerRequest

AskedAs = VolunteerRequest.AskedAs


class CannotAsk(Exception):
    """The person already has a request waiting with that hub."""


class CannotAllocate(Exception):
    """The volunteer may not take this person now; the message says why, in words for the coordinator."""


class NotAllowed(Exception):
    """The user may not do this to this request or allocation: the page answers as missing."""


def asked_as(request, facts: Facts) -> str | None:
    """How this user would ask for a volunteer for the person, or None: they may not ask."""
    if facts.is_self:
        return AskedAs.SELF
    if RelationshipKind.PROXY in facts.relationship_kinds:
        return AskedAs.PROXY
    if facts.acting == Acting.STAFF and facts.relationship_kinds & STAFF_KINDS:
        return AskedAs.STAFF
    if facts.acting == Acting.STAFF and is_triage(request):
        return AskedAs.TRIAGE
    return None


@transaction.atomic
def ask(
    request,
    person: Person,
    facts: Facts,
    basis: Basis,
    *,
    hub_id: int,
    what_would_help: str,
    languages: list[str],
    interests: list[str],
    form_key=None,
) -> tuple[VolunteerRequest, bool]:
    """Ask the hub for a volunteer for the person. Returns the request and whether this call made it (a form
    sent twice returns the first). Raises CannotAsk when one is already waiting there."""
    how = asked_as(request, facts)
    if how is None:
        raise NotAllowed
    if form_key is not None and (earlier := queries.by_form_key(form_key)) is not None:
        if earlier.asked_by_id != request.user.pk:
            raise NotAllowed
        return earlier, False
    hub = queries.hub(hub_id)
    if hub is None:
        raise NotAllowed
    try:
        with transaction.atomic():
            made = VolunteerRequest.objects.create(
                person=person,
                hub=hub,
                asked_by=request.user,
                asked_as=how,
                what_would_help=what_would_help,
                languages=languages,
                interests=interests,
                form_key=form_key,
            )
    except IntegrityError as clash:
        if form_key is not None and (earlier := queries.by_form_key(form_key)) is not None:
            return earlier, False  # the same form, sent twice at once
        raise CannotAsk(hub.name) from clash
    record(
        request,
        "volunteer_requested",
        person.pk,
        basis,
        object_type="volunteer_request",
        object_id=made.pk,
        hub=hub.name,
        asked_as=how,
    )
    url = reverse("volunteers:match", args=[made.pk])
    coordinators = (
        Membership.objects.active().filter(team=hub, role=Role.COORDINATOR).values_list("user_id", flat=True).distinct()
    )
    Alert.objects.bulk_create(
        Alert(recipient_id=user_id, text="Someone has asked your hub for a volunteer", url=url)
        for user_id in coordinators
    )
    return made, True


def _basis(hub_ids: list[int], person_id: int, hub_id: int | None = None) -> Basis:
    basis = volunteer_hub_basis(queries.hub_facts(hub_ids, person_id, hub_id))
    if basis is None:
        raise NotAllowed
    return basis


@transaction.atomic
def allocate(request, request_id: int, volunteer_id: int) -> CareRelationship:
    """Give the person who asked this volunteer. Raises NotAllowed (answer as missing) or CannotAllocate."""
    hub_ids = queries.coordinated_hub_ids(request)
    found = VolunteerRequest.objects.select_for_update().filter(pk=request_id, hub_id__in=hub_ids).first()
    if found is None:
        raise NotAllowed
    if found.status != VolunteerRequest.Status.WAITING:
        raise CannotAllocate("This request has already been answered")
    basis = _basis(hub_ids, found.person_id, found.hub_id)
    # Two coordinators choosing the same volunteer at once take turns, so that neither fills them past capacity.
    list(Volunteer.objects.select_for_update().filter(user_id=volunteer_id).values_list("pk", flat=True))
    chosen = queries.candidates(found.hub_id, user_ids=[volunteer_id])
    if not chosen:
        raise CannotAllocate("That volunteer is not one of this hub's volunteers")
    refused = may_allocate(chosen[0])
    if refused:
        raise CannotAllocate(refused)
    person = Person.objects.get(pk=found.person_id)
    already = CareRelationship.objects.active().filter(
        person=person, kind=RelationshipKind.VOLUNTEER, user_id=volunteer_id
    )
    if already.exists():
        raise CannotAllocate(f"{chosen[0].name} already visits {person.given_name}")
    profile = queries.profile_of(volunteer_id)
    volunteer = profile.user if profile else get_user_model().objects.get(pk=volunteer_id)
    relationship = start_relationship(
        request, person, RelationshipKind.VOLUNTEER, basis=basis, user=volunteer, volunteer_request=found.pk
    )
    found.status = VolunteerRequest.Status.ALLOCATED
    found.volunteer = volunteer
    found.relationship = relationship
    found.answered_by = request.user
    found.answered_at = timezone.now()
    found.save(update_fields=["status", "volunteer", "relationship", "answered_by", "answered_at"])
    name = names_for_volunteer(volunteer, [person])[person.pk]
    Alert.objects.create(
        recipient=volunteer,
        text=(
            "You have someone new to visit. Your coordinator will tell you how to reach them"
            if name == NAME_KEPT_BACK
            else f"You have someone new to visit: {name}. Their page shows how to reach them"
        ),
        # a person who refused volunteers their name: their page answers the volunteer as missing
        url="" if name == NAME_KEPT_BACK else reverse("people:person", args=[person.pk]),
    )
    _tell(
        profile,
        f"allocation-{relationship.pk}",
        "Alongside: your coordinator has matched you with someone new to visit. "
        "Sign in to Alongside to see who they are and how to reach them.",
    )
    return relationship


@transaction.atomic
def end_allocation(request, relationship_id: int, reason: str) -> CareRelationship:
    """End a volunteer's visits to a person, with the reason; the volunteer is thanked."""
    hub_ids = queries.coordinated_hub_ids(request)
    relationship = queries.allocation_in_hubs(relationship_id, hub_ids)
    if relationship is None:
        raise NotAllowed
    basis = _basis(hub_ids, relationship.person_id)
    # Named as the volunteer sees them while they still visit (a person may have refused volunteers their name).
    name = names_for_volunteer(relationship.user, [relationship.person], given=True)[relationship.person_id]
    end_relationships(request, [relationship], reason, basis=basis, ended_by="volunteer hub")
    Alert.objects.create(
        recipient_id=relationship.user_id,
        text=(
            "Thank you for your visits. One of your matches has now ended: your coordinator will be in touch about "
            "what comes next"
            if name == NAME_KEPT_BACK
            else f"Thank you for your visits to {name}. They have now ended: your coordinator will be in "
            "touch about what comes next"
        ),
        url="",
    )
    _tell(
        queries.profile_of(relationship.user_id),
        f"allocation-{relationship.pk}-ended",
        "Alongside: thank you for the visits you made. Your coordinator has ended one of your matches. "
        "Sign in to Alongside to read more.",
    )
    relationship.refresh_from_db()
    return relationship


def _tell(profile, reference: str, body: str) -> None:
    """By text or email, as the volunteer chose on their profile (both if they chose both; neither if none)."""
    from alongside.core import notify

    if profile is None:
        return
    if profile.by_text and profile.phone:
        notify.send(reference=f"{reference}-sms", channel="sms", to=profile.phone, body=body)
    if profile.by_email and profile.user.email:
        notify.send(reference=f"{reference}-email", channel="email", to=profile.user.email, body=body)
