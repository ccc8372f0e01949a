"""When a member of staff's membership ends: the people who would be left without a named worker, and choosing a
new named worker for each.

Partners asks `people_left` before a membership ends (contributed as `membership_ending` in contributions.py).
The people are those whose current named worker is the member, when the member would hold no role that can be a
named worker left in that team; if they still hold one in another team, only the people on this team's
caseload. Their names are shown to the team's leader, who chooses (each read audited); an administrator, who
sees no person data, learns only how many, and that the team leader chooses. The change is made by
`actions.replace_named_worker`, the one writer of relationships."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from alongside.partners import roles
from alongside.partners.actions import may_manage_team
from alongside.partners.handover import Handover
from alongside.partners.models import Membership

from .access import record_list_access
from .actions import replace_named_worker
from .models import CareRelationship, Person
from .policy import Basis, RelationshipKind

REASON = "Named worker changed"  # the plain words the person reads, never why


def people_of(membership: Membership) -> list[Person]:
    """The people who would be left without a named worker if this membership ended now, by name."""
    if membership.ended_at is not None or not roles.may_be_named_worker(membership.role):
        return []
    others = (
        Membership.objects.active()
        .filter(user_id=membership.user_id, role__in=roles.NAMED_WORKER_ROLES)
        .exclude(pk=membership.pk)
    )
    if others.filter(team_id=membership.team_id).exists():
        return []
    named = CareRelationship.objects.active().filter(user_id=membership.user_id, kind=RelationshipKind.NAMED_WORKER)
    if others.exists():
        caseload = CareRelationship.objects.active().filter(
            kind=RelationshipKind.TEAM_CASELOAD, team_id=membership.team_id
        )
        named = named.filter(person_id__in=caseload.values("person_id"))
    people = Person.objects.filter(pk__in=named.values("person_id"))
    return list(people.order_by("family_name", "given_name", "pk"))


def may_choose(request, membership: Membership) -> bool:
    """Choosing someone's named worker is the team leader's part in their care (as allocating is)."""
    return roles.leads_team(request, membership.team_id)


def people_left(request, membership: Membership) -> Handover | None:
    """For partners' page ending the membership: for the team's leader, the people's names (each read audited)
    and where to choose; for an administrator, only how many."""
    if not may_manage_team(request, membership.team):
        return None
    people = people_of(membership)
    if not people:
        return None
    if not may_choose(request, membership):
        return Handover(unnamed=len(people))
    record_list_access(request, people, "named_worker_handover_listed", Basis.TEAM_LEADER)
    return Handover([p.full_name for p in people], reverse("people:handover", args=[membership.pk]))


def new_workers(membership: Membership) -> list:
    """Who may be the new named worker: the team's members who can be one, not the member leaving, by name."""
    members = (
        roles.possible_named_workers(membership.team)
        .exclude(user_id=membership.user_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    return list({m.user_id: m.user for m in members}.values())


def choosing(request, membership: Membership) -> tuple[list[Person], list]:
    """The page to choose: the people (each read audited) and who may be their new named worker."""
    people = people_of(membership)
    if people:
        record_list_access(request, people, "named_worker_handover_listed", Basis.TEAM_LEADER)
    return people, new_workers(membership)


@transaction.atomic
def hand_over(request, membership: Membership, chosen: dict[int, int]) -> int:
    """Give each person (by id) the member of the team chosen for them (by user id). Returns how many changed."""
    if not may_choose(request, membership):
        raise PermissionDenied
    people = {p.pk: p for p in people_of(membership)}
    workers = {u.pk: u for u in new_workers(membership)}
    changed = 0
    for person_id, user_id in chosen.items():
        if person_id in people and user_id in workers:
            replace_named_worker(
                request,
                people[person_id],
                workers[user_id],
                REASON,
                basis=Basis.TEAM_LEADER,
                membership_ending=membership.pk,
            )
            changed += 1
    return changed
