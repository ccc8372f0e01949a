"""What the sharing-choices pages read: a person's recorded choices, and the parties they concern."""

from alongside.partners.models import Membership, Role
from alongside.partners.roles import CARE_ROLES
from alongside.people.models import CareRelationship
from alongside.people.policy import Acting, RelationshipKind

from .models import ConsentProvision
from .seen_by import Party

ORDER = [
    RelationshipKind.NAMED_WORKER,
    RelationshipKind.CARE_TEAM,
    RelationshipKind.TEAM_CASELOAD,
    RelationshipKind.VOLUNTEER,
    RelationshipKind.PROXY,
]
PART_WORDS = {
    RelationshipKind.NAMED_WORKER: "named worker",
    RelationshipKind.CARE_TEAM: "care team member",
    RelationshipKind.VOLUNTEER: "volunteer",
    RelationshipKind.PROXY: "helper with the record",
}
ACTING_ROLES = CARE_ROLES | {Role.VOLUNTEER}


def choices_of(person) -> list[ConsentProvision]:
    """Every choice recorded for the person, newest first, with who it concerns and who recorded it."""
    return list(person.consent_provisions.select_related("organisation", "recorded_by").order_by("-recorded_at", "-pk"))


def choice_of(person, provision_id) -> ConsentProvision | None:
    """One of the person's recorded choices, with who it concerns and who recorded it, else None."""
    return (
        ConsentProvision.objects.select_related("organisation", "recorded_by")
        .filter(pk=provision_id, person=person)
        .first()
    )


def parties_of(person, provisions: list[ConsentProvision], own: bool) -> list[Party]:
    """The people and teams in the person's life now, and the organisations a choice names, as parties to the
    sharing policy: the named worker, care team members, teams, volunteers, proxies, then other organisations.
    Two queries, however many relationships; the organisations come with
    the choices."""
    relationships = list(
        CareRelationship.objects.active()
        .filter(person=person)
        .select_related("user", "team__organisation")
        .order_by("kind", "started_at", "pk")
    )
    user_ids = [r.user_id for r in relationships if r.user_id]
    memberships: dict[int, list] = {}
    for m in Membership.objects.active().filter(user_id__in=user_ids).select_related("team"):
        memberships.setdefault(m.user_id, []).append(m)
    your = "your" if own else f"{person.given_name}'s"
    parties = []
    for r in sorted(relationships, key=lambda r: ORDER.index(r.kind)):
        if r.kind == RelationshipKind.TEAM_CASELOAD and r.team:
            who = f"The {r.team.name}" if not r.team.name.startswith("The ") else r.team.name
            parties.append(Party(who, Acting.STAFF, frozenset({r.kind}), frozenset({r.team.organisation_id})))
            continue
        if r.user is None:
            continue
        held = memberships.get(r.user_id, [])
        volunteer = r.kind == RelationshipKind.VOLUNTEER
        orgs = frozenset(
            m.team.organisation_id for m in held if (m.role == Role.VOLUNTEER) == volunteer and m.role in ACTING_ROLES
        )
        acting = Acting.NONE if r.kind == RelationshipKind.PROXY else Acting.VOLUNTEER if volunteer else Acting.STAFF
        parties.append(Party(f"{r.user.display_name}, {your} {PART_WORDS[r.kind]}", acting, frozenset({r.kind}), orgs))
    named = {p.organisation.pk: p.organisation for p in provisions if p.organisation is not None}  # selected with them
    for organisation in sorted(named.values(), key=lambda o: o.name):
        parties.append(
            Party(f"Other staff at {organisation.name}", Acting.STAFF, organisation_ids=frozenset({organisation.pk}))
        )
    return parties
