"""Reads for asking for a volunteer, matching and allocating: each a fixed number of queries, however many
requests or volunteers there are. The pages call these and render; the access decisions are made in
`alongside.people.policy` (`volunteer_hub_basis`) and audited by the pages."""

from datetime import date

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from alongside.partners.models import Membership, Role, Team
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import HubFacts, RelationshipKind

from .matching import Candidate, Need, district_of
from .models import Check, Training, Volunteer, VolunteerRequest
from .standing import CURRENT_AGREEMENT, Held, clear_on, standing

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
    """The hub's volunteers as matching sees them, with their standing today: one query, however many volunteers.
    `user_ids` narrows to some of them (to check one choice again when allocating)."""
    today = today or timezone.localdate()
    found = []
    for row in _volunteer_rows(hub_id, timezone.now(), today, user_ids):
        user_id, first, last, username, profile, languages, interests, home, capacity = row[:9]
        practice_ids, until, agreement, kinds, dates, covered, clients = row[9:]
        name = f"{first} {last}".strip() or username
        if profile is None:
            found.append(Candidate(user_id, name, lapsed=("No volunteer profile recorded yet",)))
            continue
        near = {d.upper() for d in (covered or "").split()}
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
                _lapsed(until, agreement or None, kinds, dates, today),
            )
        )
    return found


def _lapsed(until, agreement: str | None, kinds, dates, today: date) -> tuple[str, ...]:
    """Why the volunteer may not take a new client: nothing, when what their profile keeps says so; else the
    reasons, from their checks and courses (read only for such volunteers)."""
    if clear_on(until, agreement, today):
        return ()
    return standing(list(map(Held, kinds or (), dates or ())), agreement, today).lapsed


def _volunteer_rows(hub_id: int, now, today: date, user_ids: list[int] | None) -> list[tuple]:
    """Each active volunteer of the hub with their profile (if any), its practices, what it keeps about their
    checks, courses and agreement (`kept`), and for those that leaves in doubt the latest expiry of each check and
    course (kinds and dates, in the same order); the districts of the neighbourhoods they cover, and how many
    people they visit now.

    One statement: each part is grouped once over the hub's volunteers and joined by hash, rather than looked up
    volunteer by volunteer, and only the few volunteers in doubt have their checks read, so that 2,000 volunteers
    take milliseconds."""
    table = {
        "membership": Membership._meta.db_table,
        "user": Volunteer._meta.get_field("user").related_model._meta.db_table,
        "volunteer": Volunteer._meta.db_table,
        "practices": Volunteer.practices.through._meta.db_table,
        "neighbourhoods": Volunteer.neighbourhoods.through._meta.db_table,
        "neighbourhood": Volunteer.neighbourhoods.field.related_model._meta.db_table,
        "check": Check._meta.db_table,
        "training": Training._meta.db_table,
        "relationship": CareRelationship._meta.db_table,
    }
    narrowed = "AND m.user_id = ANY(%(user_ids)s)" if user_ids is not None else ""
    sql = f"""
        WITH members AS (
            SELECT DISTINCT m.user_id FROM {table["membership"]} m
            WHERE m.team_id = %(hub)s AND m.role = %(role)s AND m.started_at <= %(now)s
              AND (m.ended_at IS NULL OR m.ended_at > %(now)s) {narrowed}
        ),
        profiles AS (
            SELECT v.id, v.user_id FROM {table["volunteer"]} v JOIN members USING (user_id)
        ),
        doubtful AS (
            SELECT v.id FROM {table["volunteer"]} v JOIN members USING (user_id)
            WHERE v.held_until IS NULL OR v.held_until <= %(today)s OR v.agreement_version <> %(agreement)s
        ),
        latest AS (
            SELECT c.volunteer_id, c.kind, max(c.expires_on) AS until
            FROM {table["check"]} c JOIN doubtful d ON d.id = c.volunteer_id GROUP BY 1, 2
            UNION ALL
            SELECT t.volunteer_id, t.course, max(t.expires_on)
            FROM {table["training"]} t JOIN doubtful d ON d.id = t.volunteer_id GROUP BY 1, 2
        ),
        held AS (
            -- both aggregates read each group's rows in the same order, so the arrays stay in step
            SELECT volunteer_id, array_agg(kind) AS kinds, array_agg(until) AS dates FROM latest GROUP BY 1
        ),
        practices AS (
            SELECT vp.volunteer_id, array_agg(vp.organisation_id) AS ids
            FROM {table["practices"]} vp JOIN profiles p ON p.id = vp.volunteer_id GROUP BY 1
        ),
        covered AS (
            SELECT vn.volunteer_id, string_agg(n.postcode_districts, ' ') AS districts
            FROM {table["neighbourhoods"]} vn JOIN profiles p ON p.id = vn.volunteer_id
            JOIN {table["neighbourhood"]} n ON n.id = vn.neighbourhood_id GROUP BY 1
        ),
        visits AS (
            SELECT r.user_id, count(DISTINCT r.person_id) AS n
            FROM {table["relationship"]} r JOIN members USING (user_id)
            WHERE r.kind = %(kind)s AND r.started_at <= %(now)s AND (r.ended_at IS NULL OR r.ended_at > %(now)s)
            GROUP BY 1
        )
        SELECT m.user_id, u.first_name, u.last_name, u.username, v.id, v.languages, v.interests, v.home_district,
               v.capacity, pr.ids, v.held_until, v.agreement_version, h.kinds, h.dates, c.districts, vi.n
        FROM members m
        JOIN {table["user"]} u ON u.id = m.user_id
        LEFT JOIN {table["volunteer"]} v ON v.user_id = m.user_id
        LEFT JOIN practices pr ON pr.volunteer_id = v.id
        LEFT JOIN held h ON h.volunteer_id = v.id
        LEFT JOIN covered c ON c.volunteer_id = v.id
        LEFT JOIN visits vi ON vi.user_id = m.user_id
        ORDER BY m.user_id
    """  # noqa: S608 (table names come from the models; every value is a parameter)
    params = {
        "hub": hub_id,
        "role": Role.VOLUNTEER.value,
        "now": now,
        "today": today,
        "agreement": CURRENT_AGREEMENT,
        "kind": RelationshipKind.VOLUNTEER.value,
        "user_ids": list(user_ids or []),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
