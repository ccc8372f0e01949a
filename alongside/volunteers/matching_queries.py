"""Reads for asking for a volunteer, matching and allocating: each a fixed number of queries, however many
requests or volunteers there are. The pages call these and render; the access decisions are made in
`alongside.people.policy` (`volunteer_hub_basis`) and audited by the pages."""

from datetime import date

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from alongside.partners.models import Membership, Role, Team
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import HubFacts, RelationshipKind

from .matching import Candidate, Need, district_of
from .models import Agreement, Check, Training, Volunteer, VolunteerRequest
from .standing import Held, standing

WAITING = VolunteerRequest.Status.WAITING
# Interests offered on the form when the hub's volunteers have written none yet.
COMMON_INTERESTS = (
    "Chatting over a cup of tea",
    "Gardening",
    "Going for short walks",
    "Music",
    "Reading",
    "Sport",
    "Crafts",
    "Cooking",
    "Local history",
)


# --- who coordinates which hub ----------------------------------------------------------------------------------


def coordinated_hub_ids(request) -> list[int]:
    """The volunteer hubs the user coordinates (from the memberships the request already holds: no query)."""
    return sorted(
        {
            m.team_id
            for m in request.memberships
            if m.role == Role.COORDINATOR and m.team.kind == Team.Kind.VOLUNTEER_HUB
        }
    )


def hubs() -> list[Team]:
    """Every volunteer hub, for the question "which hub?" when there is more than one."""
    return list(Team.objects.filter(kind=Team.Kind.VOLUNTEER_HUB).select_related("organisation").order_by("name"))


def hub(hub_id: int) -> Team | None:
    return Team.objects.filter(pk=hub_id, kind=Team.Kind.VOLUNTEER_HUB).first()


def hub_facts(hub_ids: list[int], person_id: int, hub_id: int | None = None) -> HubFacts:
    """The facts for `policy.volunteer_hub_basis`: two queries. `hub_id` narrows to one of the user's hubs."""
    hubs_asked = [hub_id] if hub_id is not None else hub_ids
    if hub_id is not None and hub_id not in hub_ids:
        hubs_asked = []
    waiting = VolunteerRequest.objects.filter(person_id=person_id, hub_id__in=hubs_asked, status=WAITING).exists()
    allocated = (
        CareRelationship.objects.active()
        .filter(person_id=person_id, kind=RelationshipKind.VOLUNTEER, user_id__in=_volunteer_ids(hubs_asked))
        .exists()
    )
    return HubFacts(coordinates_hub=bool(hubs_asked), waiting_request=waiting, allocated_from_hub=allocated)


def _volunteer_ids(hub_ids: list[int]):
    return Membership.objects.active().filter(team_id__in=hub_ids, role=Role.VOLUNTEER).values("user_id")


# --- requests ---------------------------------------------------------------------------------------------------


def waiting_requests(hub_ids: list[int], limit: int | None = None) -> list[VolunteerRequest]:
    """The hubs' waiting requests, longest waiting first: one query."""
    found = (
        VolunteerRequest.objects.filter(hub_id__in=hub_ids, status=WAITING)
        .select_related("person", "person__gp_practice", "hub", "asked_by")
        .order_by("created_at", "pk")
    )
    return list(found[:limit] if limit else found)


def waiting_count(hub_ids: list[int]) -> int:
    return VolunteerRequest.objects.filter(hub_id__in=hub_ids, status=WAITING).count()


def recently_allocated(hub_ids: list[int], limit: int = 20) -> list[VolunteerRequest]:
    """Requests the hubs answered with a volunteer who still visits the person, latest first: one query."""
    return list(
        VolunteerRequest.objects.filter(
            Q(relationship__ended_at__isnull=True) | Q(relationship__ended_at__gt=timezone.now()),
            hub_id__in=hub_ids,
            status=VolunteerRequest.Status.ALLOCATED,
        )
        .select_related("person", "volunteer", "relationship")
        .order_by("-answered_at", "-pk")[:limit]
    )


def request_in_hubs(request_id, hub_ids: list[int]) -> VolunteerRequest | None:
    """One request to a hub the user coordinates, or None (then it answers as missing)."""
    try:
        pk = int(request_id)
    except (TypeError, ValueError):
        return None
    return (
        VolunteerRequest.objects.filter(pk=pk, hub_id__in=hub_ids)
        .select_related("person", "person__gp_practice", "hub", "asked_by", "volunteer", "relationship")
        .first()
    )


def waiting_requests_of(person_id: int, hub_ids: list[int]) -> list[VolunteerRequest]:
    """The person's requests waiting with these hubs, oldest first: one query."""
    return list(
        VolunteerRequest.objects.filter(person_id=person_id, hub_id__in=hub_ids, status=WAITING)
        .select_related("person", "person__gp_practice", "hub")
        .order_by("created_at", "pk")
    )


def waiting_for_person(person: Person) -> list[VolunteerRequest]:
    """The person's waiting requests, with their hubs: one query."""
    return list(VolunteerRequest.objects.filter(person=person, status=WAITING).select_related("hub"))


def waiting_in_hub(person: Person, hub_id: int) -> VolunteerRequest | None:
    return VolunteerRequest.objects.filter(person=person, hub_id=hub_id, status=WAITING).first()


def by_form_key(key) -> VolunteerRequest | None:
    return VolunteerRequest.objects.filter(form_key=key).first()


def interest_choices(hub_ids: list[int]) -> list[str]:
    """The interests the hubs' volunteers wrote, to offer as choices (the common ones if none yet): one query."""
    found: dict[str, str] = {}
    rows = Volunteer.objects.filter(user_id__in=_volunteer_ids(hub_ids)).values_list("interests", flat=True)
    for interests in rows:
        for interest in interests:
            found.setdefault(" ".join(interest.split()).casefold(), interest.strip())
    return sorted(found.values(), key=str.casefold) if found else list(COMMON_INTERESTS)


# --- a person's volunteers --------------------------------------------------------------------------------------


def volunteers_of(person: Person) -> list[CareRelationship]:
    """The volunteers who visit the person now, with since when: one query."""
    return list(
        CareRelationship.objects.active()
        .filter(person=person, kind=RelationshipKind.VOLUNTEER)
        .select_related("user")
        .order_by("started_at", "pk")
    )


def allocation_in_hubs(relationship_id, hub_ids: list[int]) -> CareRelationship | None:
    """An active allocation of one of these hubs' volunteers, or None: one query."""
    try:
        pk = int(relationship_id)
    except (TypeError, ValueError):
        return None
    return (
        CareRelationship.objects.active()
        .filter(pk=pk, kind=RelationshipKind.VOLUNTEER, user_id__in=_volunteer_ids(hub_ids))
        .select_related("person", "user")
        .first()
    )


def profile_of(user_id: int) -> Volunteer | None:
    return Volunteer.objects.filter(user_id=user_id).select_related("user").first()


def hub_of_volunteer(user_id: int, hub_ids: list[int]) -> int | None:
    return (
        Membership.objects.active()
        .filter(user_id=user_id, team_id__in=hub_ids, role=Role.VOLUNTEER)
        .values_list("team_id", flat=True)
        .first()
    )


# --- matching ---------------------------------------------------------------------------------------------------


def need_of(volunteer_request: VolunteerRequest) -> Need:
    person = volunteer_request.person
    practice = person.gp_practice
    return Need(
        practice_id=person.gp_practice_id,
        practice_name=practice.name if practice else "",
        district=district_of(person.postcode),
        languages=tuple(volunteer_request.languages),
        interests=tuple(volunteer_request.interests),
    )


def candidates(hub_id: int, today: date | None = None, user_ids: list[int] | None = None) -> list[Candidate]:
    """The hub's volunteers as matching sees them, with their standing today: two queries, however many
    volunteers (the members, then their profiles with everything matching needs gathered by the database).
    `user_ids` narrows to some of them (to check one choice again when allocating)."""
    today = today or timezone.localdate()
    members = Membership.objects.active().filter(team_id=hub_id, role=Role.VOLUNTEER)
    if user_ids is not None:
        members = members.filter(user_id__in=user_ids)
    names = {
        user_id: f"{first} {last}".strip() or username
        for user_id, first, last, username in members.values_list(
            "user_id", "user__first_name", "user__last_name", "user__username"
        ).distinct()
    }
    if not names:
        return []
    rows = _profiles(members.values("user_id"))
    found = []
    for user_id, name in names.items():
        row = rows.get(user_id)
        if row is None:
            found.append(Candidate(user_id, name, lapsed=("No volunteer profile recorded yet",)))
            continue
        (
            _,
            languages,
            interests,
            home,
            capacity,
            practice_ids,
            kinds,
            dates,
            courses,
            until,
            covered,
            agreement,
            clients,
        ) = row
        held = [*map(Held, kinds or (), dates or ()), *map(Held, courses or (), until or ())]
        near = {d.upper() for d in " ".join(covered or ()).split()}
        if home:
            near.add(home.upper())
        found.append(
            Candidate(
                user_id,
                name,
                frozenset(practice_ids or ()),
                frozenset(near),
                tuple(languages),
                tuple(interests),
                capacity,
                clients or 0,
                standing(held, agreement, today).lapsed,
            )
        )
    return found


def _profiles(member_ids) -> dict[int, tuple]:
    """By user: each member's profile with its practices, the latest expiry of each check and course
    (kinds and dates), the districts of the neighbourhoods they cover, the agreement they last signed and how many
    people they visit now. One query: the database gathers each part with a subquery, by index."""
    per_volunteer = {"volunteer_id": OuterRef("pk")}
    # the latest expiry of each kind, as two arrays in the same order: kinds, and dates (read as dates by psycopg)
    checks = Check.objects.filter(**per_volunteer).values("kind").annotate(until=Max("expires_on")).order_by("kind")
    courses = (
        Training.objects.filter(**per_volunteer).values("course").annotate(until=Max("expires_on")).order_by("course")
    )
    practices = Volunteer.practices.through.objects.filter(**per_volunteer).values("organisation_id")
    covered = Volunteer.neighbourhoods.through.objects.filter(**per_volunteer).values(
        "neighbourhood__postcode_districts"
    )
    signed = Agreement.objects.filter(**per_volunteer).order_by("-signed_on", "-pk").values("version")[:1]
    visits = (
        CareRelationship.objects.active()
        .filter(user_id=OuterRef("user_id"), kind=RelationshipKind.VOLUNTEER)
        .values("user_id")
        .annotate(n=Count("person_id", distinct=True))
        .values("n")[:1]
    )
    found = (
        Volunteer.objects.filter(user_id__in=member_ids)
        .annotate(
            practice_ids=ArraySubquery(practices),
            check_kinds=ArraySubquery(checks.values("kind")),
            check_dates=ArraySubquery(checks.values("until")),
            course_kinds=ArraySubquery(courses.values("course")),
            course_dates=ArraySubquery(courses.values("until")),
            covered=ArraySubquery(covered),
            signed=Subquery(signed),
            visits=Subquery(visits),
        )
        .values_list(
            "user_id",
            "languages",
            "interests",
            "home_district",
            "capacity",
            "practice_ids",
            "check_kinds",
            "check_dates",
            "course_kinds",
            "course_dates",
            "covered",
            "signed",
            "visits",
        )
    )
    return {row[0]: row for row in found}
