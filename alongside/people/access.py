"""The one access policy for person data: facts from the database, rules from `policy`, every answer audited.

Views, lists, search, exports, notifications and the API all come through here:
- `open_record(request, person_id, category, what)` for one person: 404 when refused, exactly like missing;
- `visible_people(request, category)` for lists and search: the same rules, as a queryset, so that people the
  user may not see never reach a list or change a count.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core import audit
from alongside.partners.identity import attach_roles
from alongside.partners.models import Role, Team
from alongside.partners.roles import CARE_ROLES, acting_organisation_ids, care_organisation_ids, caring_team_ids

from .models import CareRelationship, Person
from .policy import (
    DENY,
    NEVER_FOR_VOLUNTEERS,
    OWN_RECORD_HIDDEN,
    PROXIES,
    STAFF_KINDS,
    VOLUNTEER_VIEW,
    VOLUNTEERS,
    Acting,
    Action,
    Basis,
    Category,
    ConcernFacts,
    Decision,
    Facts,
    RelationshipKind,
)
from .policy import decide as decide_by_rules


def acting(request) -> Acting:
    """Staff when the user holds a care role; administrators and IG reviewers reach no person data."""
    if request.roles & CARE_ROLES:
        return Acting.STAFF
    return Acting.VOLUNTEER if Role.VOLUNTEER in request.roles else Acting.NONE


def facts_for(request, person: Person) -> Facts:
    return facts_for_people(request, [person])[person.pk]


def facts_for_people(request, people: list[Person]) -> dict[int, Facts]:
    """The facts about this user and each of these people, now: three queries, however many people."""
    user, now = request.user, timezone.now()
    ids = [p.pk for p in people]
    kinds: dict[int, set[str]] = defaultdict(set)
    relationships = (
        CareRelationship.objects.active(now)
        .filter(person_id__in=ids)
        .filter(Q(user=user) | Q(team_id__in=caring_team_ids(request), kind=RelationshipKind.TEAM_CASELOAD))
    )
    for person_id, kind in relationships.values_list("person_id", "kind"):
        kinds[person_id].add(kind)
    provisions = defaultdict(list)
    for provision in ConsentProvision.objects.filter(person_id__in=ids):
        provisions[provision.person_id].append(provision.as_provision())
    glass = set(BreakGlass.objects.active(now).filter(user=user, person_id__in=ids).values_list("person_id", flat=True))
    how, organisations = acting(request), acting_organisation_ids(request)
    practices = care_organisation_ids(request)  # a practice's care staff, never its volunteers (ADR 0023)
    return {
        p.pk: Facts(
            at=now,
            acting=how,
            is_self=p.user_id == user.id,
            relationship_kinds=frozenset(kinds[p.pk]),
            organisation_ids=organisations,
            provisions=tuple(provisions[p.pk]),
            break_glass_active=p.pk in glass,
            registered_practice=p.gp_practice_id is not None and p.gp_practice_id in practices,
        )
        for p in people
    }


def decide(request, person: Person, action: Action, category: Category, facts: Facts | None = None) -> Decision:
    return decide_by_rules(facts or facts_for(request, person), action, category)


def open_record(request, person_id, category: Category, what: str, action: Action = Action.READ):
    """Load one person for this request, or answer 404 as if they did not exist. Audits either way.

    A missing person and a refused one take the same path, with the same queries and the same audit write, so that
    neither the answer nor the time it takes tells whether someone exists.
    Returns (person, decision, facts) so that a page can ask about further categories without new queries.
    """
    person = Person.objects.select_related("gp_practice", "neighbourhood").filter(pk=person_id).first()
    missing = person is None
    facts = facts_for(request, Person(pk=person_id) if missing else person)
    decision = DENY if missing else decide_by_rules(facts, action, category)
    if not decision:
        record_denied(request, what, None if missing else person.pk, object_id=person_id)
        raise Http404
    record_access(request, person, what, decision)
    return person, decision, facts


# --- the audit of person data: the one writer ------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """One audit row about a person: what was shown or changed (`object_id`), whose it is, and on what basis."""

    person_id: int | None
    basis: Basis | None
    detail: dict = field(default_factory=dict)
    object_id: object = None  # the person's own id unless the row is about something of theirs (a referral, ...)


def record(
    request,
    what: str,
    person_id: int | None,
    basis: Basis | None,
    *,
    object_type: str = "person",
    object_id=None,
    **detail,
) -> None:
    """Audit one thing done to a person's data, on a basis from the access policy: one row, as `record_each`."""
    read = Read(person_id, basis, detail, object_id)
    _check([read])
    audit.record(
        request,
        what,
        object_type=object_type,
        object_id=_object_id(read),
        person_id=person_id,
        basis=basis,
        organisation_id=_organisation_id(request),
        detail=detail,
    )


def record_each(request, what: str, reads: list[Read], object_type: str = "person") -> None:
    """Audit what a list showed: one row per person (or thing of theirs) shown, written in one insert.

    With `record`, the only writer of audit rows about a person. Every row has the same shape: the user, their
    roles and the care organisation they work for, the person, the thing (the person themselves unless
    `object_type` says otherwise), the basis (a `policy.Basis`, never free text; None only where nothing was
    granted, as for a refusal) and the detail. A failed write raises, so the request fails.
    """
    _check(reads)
    rows = [(_object_id(r), r.person_id, r.basis, r.detail) for r in reads]
    audit.record_rows(request, what, object_type, rows, _organisation_id(request))


def _check(reads: list[Read]) -> None:
    if any(r.basis is not None and not isinstance(r.basis, Basis) for r in reads):
        raise TypeError("A person audit row's basis is a policy.Basis")


def _organisation_id(request) -> int | None:
    organisations = care_organisation_ids(request) if getattr(request, "memberships", None) else frozenset()
    return min(organisations) if organisations else None


def _object_id(read: Read):
    if read.object_id is not None:
        return read.object_id
    return read.person_id if read.person_id is not None else ""


def record_denied(request, what: str, person_id: int | None, *, object_type: str = "person", object_id=None) -> None:
    """A refusal, audited as `denied:<what>`. A missing thing's id is kept as the object asked for, never as a
    person: it may be someone's one day."""
    record(request, f"denied:{what}", person_id, None, object_type=object_type, object_id=object_id)


def record_access(request, person: Person, what: str, decision: Decision, **detail) -> None:
    """Audit something done to this person's data on the policy's decision."""
    record(request, what, person.pk, decision.basis, **detail)


def record_by_the_person(request, person: Person, what: str, **detail) -> None:
    """Something the person did without signing in, through a one-time link sent to them (an outcome measure): one
    row, basis SELF, with the person's own account as the actor when they have one (else no actor), whoever else
    the request may carry."""
    audit.record(
        request,
        what,
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        basis=Basis.SELF,
        detail=detail,
        actor=person.user if person.user_id else None,
    )


def record_list_access(request, people: list[Person], what: str, basis: Basis) -> None:
    """A list that shows people is a read of each of them: one audit row each, written in one insert."""
    record_each(request, what, [Read(person.pk, basis) for person in people])


def allowed_categories(facts: Facts, action: Action = Action.READ) -> frozenset[Category]:
    return frozenset(c for c in Category if decide_by_rules(facts, action, c))


def visible_people(request, category: Category = Category.NAME) -> QuerySet[Person]:
    """The people whose data in `category` this user may read: `policy.decide` written as one query.

    It is a set of person ids: (granted - denied) | own | break-glass, each part read from an index
    (relationships by user and by team, consent provisions by person, break-glass by user), so that a
    list never scans the whole population.
    """
    user = request.user
    if not user.is_authenticated:
        return Person.objects.none()
    now = timezone.now()
    how = acting(request)
    relationships = CareRelationship.objects.active(now)

    def ids(queryset):
        return queryset.values_list("person_id")

    def provided(permit: bool):
        actor = Q(actor_kind="organisation", organisation_id__in=list(acting_organisation_ids(request)))
        if how == Acting.VOLUNTEER:
            actor |= Q(actor_kind=VOLUNTEERS)
        covers = Q() if permit and category == Category.NAME else Q(categories=[]) | Q(categories__contains=[category])
        return ids(
            ConsentProvision.objects.filter(
                actor,
                covers,
                Q(end__isnull=True) | Q(end__gt=now),
                Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now),
                permit=permit,
                start__lte=now,
            )
        )

    parts = []
    if category not in OWN_RECORD_HIDDEN:
        withheld_from_proxies = ConsentProvision.objects.filter(
            Q(categories=[]) | Q(categories__contains=[category]),
            Q(end__isnull=True) | Q(end__gt=now),
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now),
            actor_kind=PROXIES,
            permit=False,
            start__lte=now,
        ).values("person_id")
        acting_for = relationships.filter(user=user, kind=PROXY).exclude(person_id__in=withheld_from_proxies)
        parts += [Person.objects.filter(user=user).values_list("pk"), ids(acting_for)]
    granted = []
    if category == Category.ACCESS_LOG or how == Acting.NONE:
        pass
    elif how == Acting.STAFF:
        parts.append(ids(BreakGlass.objects.active(now).filter(user=user)))
        if category == Category.RESTRICTED:
            granted = [ids(relationships.filter(user=user, kind=RelationshipKind.NAMED_WORKER))]
        else:
            caring = Q(user=user, kind__in=list(STAFF_KINDS)) | Q(
                team_id__in=caring_team_ids(request), kind=RelationshipKind.TEAM_CASELOAD
            )
            registered = Person.objects.filter(gp_practice_id__in=list(care_organisation_ids(request))).values_list(
                "pk"
            )  # their GP practice (ADR 0023)
            granted = [ids(relationships.filter(caring)), registered, provided(permit=True)]
    elif category in VOLUNTEER_VIEW:
        granted = [ids(relationships.filter(user=user, kind=RelationshipKind.VOLUNTEER))]
    elif category not in NEVER_FOR_VOLUNTEERS:
        allocated = ids(relationships.filter(user=user, kind=RelationshipKind.VOLUNTEER))
        granted = [allocated.intersection(provided(permit=True))]
    if granted:
        parts.insert(0, granted[0].union(*granted[1:]).difference(provided(permit=False)))
    if not parts:
        return Person.objects.none()
    found = Person.objects.filter(pk__in=parts[0].union(*parts[1:]))
    # The self rule is final: what it hides of the user's own record, no staff grant or break-glass gives back.
    return found.exclude(user=user) if category in OWN_RECORD_HIDDEN else found


# What a volunteer is shown in place of the name of someone they visit who has refused volunteers their name.
NAME_KEPT_BACK = "the person you visit"


def names_for_visitor(request, people: list[Person], *, given: bool = False) -> dict[int, str]:
    """Each person's name (`given`: their given name alone) as the one access policy lets this user read it now, by
    person id; where it does not (a client who has refused volunteers their name, a consent choice), the words
    "the person you visit".

    For the pages and messages a volunteer sees about the people they visit: staff reach people on other bases and
    see their names as those pages do. One query, however many people; the caller audits what it shows.
    """
    ids = {p.pk for p in people}
    named = set(visible_people(request, Category.NAME).filter(pk__in=ids).values_list("pk", flat=True)) if ids else ()
    return {p.pk: (p.given_name if given else p.full_name) if p.pk in named else NAME_KEPT_BACK for p in people}


def volunteer_view_of(person: Person, organisation_id: int) -> frozenset[Category]:
    """What a volunteer of this organisation allocated to the person would read of them, by the one access policy and
    the person's own consent choices (about volunteers, and about the organisation): for a page that tells a
    coordinator or a worker what the volunteer will or may be told. One query."""
    provisions = tuple(
        p.as_provision()
        for p in ConsentProvision.objects.filter(person=person).filter(
            Q(actor_kind=VOLUNTEERS) | Q(actor_kind="organisation", organisation_id=organisation_id)
        )
    )
    facts = Facts(
        at=timezone.now(),
        acting=Acting.VOLUNTEER,
        relationship_kinds=frozenset({RelationshipKind.VOLUNTEER}),
        organisation_ids=frozenset({organisation_id}),
        provisions=provisions,
    )
    return frozenset(c for c in Category if decide_by_rules(facts, Action.READ, c))


def names_for_volunteer(volunteer, people: list[Person], *, given: bool = False) -> dict[int, str]:
    """`names_for_visitor` as `volunteer` would see them now: for a message to them written while someone else acts
    (their coordinator starting or ending their visits)."""
    seen_by = SimpleNamespace(user=volunteer)
    attach_roles(seen_by, volunteer)
    return names_for_visitor(seen_by, people, given=given)


PROXY = RelationshipKind.PROXY


# --- Peer support (issue 13, alongside/peer_support): is a client named in words written for a volunteer hub? ---
# See policy.hub_writing_checked_against. The writer's words are compared with names in the database, and only
# the names that match come back, to be shown to the writer as their own words; each person matched is audited.


def names_in_hub_writing(request, hub_id: int, words: set[str]) -> list[tuple[str, str]]:
    """The (given name, family name) of each current client of the hub's volunteers (as the policy chooses them
    for this user) one of whose names is among `words` (lower case). Two queries, and one audit insert."""
    from django.db.models.functions import Lower

    from alongside.partners.models import Membership

    from .policy import hub_writing_checked_against

    roles = frozenset(m.role for m in getattr(request, "memberships", ()) if m.team_id == hub_id)
    against = hub_writing_checked_against(roles)
    if against == "none" or not words:
        return []
    if against == "own":
        volunteers: list[int] = [request.user.pk]
    else:
        volunteers = list(
            Membership.objects.active().filter(team_id=hub_id, role=Role.VOLUNTEER).values_list("user_id", flat=True)
        )
    clients = CareRelationship.objects.active().filter(kind=RelationshipKind.VOLUNTEER, user_id__in=volunteers)
    lowered = sorted(words)
    matched = list(
        Person.objects.annotate(given=Lower("given_name"), family=Lower("family_name"))
        .filter(pk__in=clients.values("person_id"))
        .filter(Q(given__in=lowered) | Q(family__in=lowered))
        .values_list("pk", "given_name", "family_name")
    )
    reads = [Read(pk, Basis.RELATIONSHIP, {"hub": hub_id}) for pk, _, _ in matched]
    record_each(request, "name_checked_in_hub_writing", reads)
    return [(given, family) for _, given, family in matched]


# --- concerns from volunteers (issue 13): the facts of `policy.concern_basis` ------------------------------------
# The concerns app asks here who the user is to the person a concern is about, and which volunteer hubs they
# coordinate; the rule itself is `policy.concern_basis`, and every concern shown is audited with `record`/`record_each`.


def coordinated_hub_ids(request) -> frozenset[int]:
    """The volunteer hubs in which the user is a coordinator."""
    return frozenset(
        m.team_id for m in request.memberships if m.role == Role.COORDINATOR and m.team.kind == Team.Kind.VOLUNTEER_HUB
    )


def concern_facts(
    request, person_id: int, raised_by_id: int, hub_id: int, its_team_leader: bool = False
) -> ConcernFacts:
    """The facts for one concern: one query (the user's active relationships with the person)."""
    user = request.user
    kinds = set(
        CareRelationship.objects.active()
        .filter(person_id=person_id)
        .filter(Q(user=user) | Q(team_id__in=caring_team_ids(request), kind=RelationshipKind.TEAM_CASELOAD))
        .values_list("kind", flat=True)
    )
    how = acting(request)
    return ConcernFacts(
        raised_it=raised_by_id == user.id,
        still_their_client=RelationshipKind.VOLUNTEER in kinds and Role.VOLUNTEER in request.roles,
        cares_for_person=how == Acting.STAFF and bool(kinds & STAFF_KINDS),
        coordinates_its_hub=hub_id in coordinated_hub_ids(request),
        its_team_leader=its_team_leader,
    )


def my_clients(request) -> QuerySet:
    """The ids of the people the user visits as a volunteer now (active volunteer relationships), as a subquery."""
    if Role.VOLUNTEER not in request.roles:
        return CareRelationship.objects.none().values_list("person_id")
    return (
        CareRelationship.objects.active()
        .filter(user=request.user, kind=RelationshipKind.VOLUNTEER)
        .values_list("person_id")
    )


def cared_for(request) -> QuerySet:
    """The ids of the people the user cares for as staff through a relationship, as a subquery (`concern_basis`'s
    `cares_for_person`, written for lists)."""
    if acting(request) != Acting.STAFF:
        return CareRelationship.objects.none().values_list("person_id")
    caring = Q(user=request.user, kind__in=list(STAFF_KINDS)) | Q(
        team_id__in=caring_team_ids(request), kind=RelationshipKind.TEAM_CASELOAD
    )
    return CareRelationship.objects.active().filter(caring).values_list("person_id")
