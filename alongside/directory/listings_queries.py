"""What the listings pages, panels and reminders read: who keeps the directory, the keepers' list of organisations
and services (a fixed number of queries however many there are), one organisation, one service with everything
about it, and a listing's change history. The directory is not person data: nothing here reads a person's record.

Who keeps the directory (care model): the community coordinators (role "coordinator" in a volunteer hub), who know
the community services their volunteers and the people they support use, and directory editors (role
"directory_editor" in any team), whose work it is. Administrators do not: they manage accounts, teams and the
feed the directory imports from, not what a service says; one who also keeps the directory holds the editor role.
"""

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from alongside.partners.models import Membership, Role, Team

from .models import (
    ListingChange,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from .staleness import stale_before

DAYS = (
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
)
DAY_NAMES = dict(DAYS)


def is_keeper(request) -> bool:
    """Does the user keep the directory? No query: memberships are read once per request."""
    return any(_keeps(m) for m in getattr(request, "memberships", ()))


def _keeps(m) -> bool:
    return m.role == Role.DIRECTORY_EDITOR or (m.role == Role.COORDINATOR and m.team.kind == Team.Kind.VOLUNTEER_HUB)


@dataclass(frozen=True)
class KeeperChoice:
    """Someone who may be chosen to keep a listing: their user id, name, and the roles that make them a keeper."""

    user_id: int
    name: str
    roles: str


def keeper_choices(request) -> list[KeeperChoice]:
    """Who the user may choose to keep a listing: the people who keep the directory (directory editors, and
    coordinators of a volunteer hub) in the partner organisations where the user keeps it, by surname. One
    query."""
    organisations = {m.team.organisation_id for m in getattr(request, "memberships", ()) if _keeps(m)}
    if not organisations:
        return []
    found = (
        Membership.objects.active()
        .filter(team__organisation_id__in=organisations, user__is_active=True)
        .filter(Q(role=Role.DIRECTORY_EDITOR) | Q(role=Role.COORDINATOR, team__kind=Team.Kind.VOLUNTEER_HUB))
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name", "user_id", "team__name", "role")
    )
    people: dict[int, tuple[str, list[str]]] = {}
    for m in found:
        name, roles = people.setdefault(m.user_id, (m.user.display_name, []))
        roles.append(f"{m.get_role_display()}, {m.team.name}")
    return [KeeperChoice(pk, name, "; ".join(dict.fromkeys(roles))) for pk, (name, roles) in people.items()]


def stale_q(today: date) -> Q:
    """Listings not checked for six months (see staleness.py), as a filter."""
    before = stale_before(today)
    return Q(checked_on__lt=before) | Q(checked_on__isnull=True, added_on__lt=before)


# --- the details of a service, as the forms and actions take them -----------------------------------------------


@dataclass(frozen=True)
class Place:
    """One place a service is offered: its address and how to get there."""

    name: str = ""
    address_1: str = ""
    city: str = ""
    postal_code: str = ""
    transportation: str = ""


@dataclass(frozen=True)
class Opening:
    """Open on a day of the week (iCalendar's "MO" to "SU") from one time to another."""

    day: str
    opens: time
    closes: time


@dataclass(frozen=True)
class ServiceDetails:
    """Everything a keeper writes about a service, as one value (compared to find what an edit changed)."""

    name: str
    description: str = ""
    url: str = ""
    email: str = ""
    status: str = Service.Status.ACTIVE
    application_process: str = ""
    eligibility_description: str = ""
    terms: tuple = ()  # TaxonomyTerm ids, as strings, sorted
    places: tuple[Place, ...] = ()
    opening: tuple[Opening, ...] = ()
    areas: tuple[str, ...] = ()
    minimum_age: int | None = None
    maximum_age: int | None = None
    free: bool = True
    cost_amount: Decimal | None = None
    cost_words: str = ""
    languages: tuple[str, ...] = ()
    contact_name: str = ""
    phones: tuple[str, ...] = ()
    referral_email: str = ""


SCALARS = (
    "name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "referral_email",
)


def details_of(service: Service) -> ServiceDetails:
    """A service read with `service_for_keepers`, as details (no query)."""
    costs = [c for c in service.cost_options.all() if c.amount]
    contacts = list(service.contacts.all())
    return ServiceDetails(
        **{name: getattr(service, name) for name in SCALARS},
        terms=tuple(sorted(str(t.term_id) for t in service.service_terms.all())),
        places=tuple(place_of(sal.location) for sal in service.service_at_locations.all() if has_words(sal)),
        opening=tuple(
            Opening(s.byday, s.opens_at, s.closes_at)
            for s in sorted(service.schedules.all(), key=lambda s: (_day_order(s.byday), s.opens_at or time()))
            if s.byday in DAY_NAMES and s.opens_at and s.closes_at
        ),
        areas=tuple(a.name for a in service.service_areas.all()),
        free=not costs,
        cost_amount=costs[0].amount if costs else None,
        cost_words=costs[0].amount_description if costs else "",
        languages=tuple(lang.name for lang in service.languages.all()),
        contact_name=contacts[0].name if contacts else "",
        phones=tuple(p.number for p in service.phones.all()),
    )


def place_of(location) -> Place:
    return Place(
        location.name, location.address_1, location.city, location.postal_code.upper(), location.transportation
    )


def has_words(service_at_location) -> bool:
    """Does the place have anything a keeper can read or change (a name, address, postcode or directions)? A
    location with none (online only, or only a map position) is kept as it is, out of the form."""
    return any(place_of(service_at_location.location).__dict__.values())


def _day_order(byday: str) -> int:
    codes = [code for code, _ in DAYS]
    return codes.index(byday) if byday in codes else 7


# --- reads ---------------------------------------------------------------------------------------------------------


def _service_everything(queryset):
    return queryset.select_related("organisation", "editor").prefetch_related(
        Prefetch("service_terms__term"),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").order_by("location__name", "id"),
        ),
        Prefetch("schedules", queryset=Schedule.objects.filter(service_at_location__isnull=True)),
        "service_areas",
        "cost_options",
        "languages",
        "contacts",
        "phones",
    )


def service_for_keepers(pk) -> Service | None:
    """One service, retired or not, with everything about it (ten queries)."""
    return _service_everything(Service.objects.filter(pk=pk)).first()


def organisation_for_keepers(pk) -> Organisation | None:
    """One organisation with its services and phones (three queries)."""
    return (
        Organisation.objects.filter(pk=pk)
        .select_related("editor")
        .prefetch_related(Prefetch("services", queryset=Service.objects.order_by("name", "id")), "phones")
        .first()
    )


def history(object_type: str, pk) -> list[ListingChange]:
    """Who changed a listing, what and when, newest first. One query."""
    return list(ListingChange.objects.filter(object_type=object_type, object_id=pk).select_related("by")[:100])


def organisation_choices() -> list[tuple[str, str]]:
    return [
        (str(pk), name) for pk, name in Organisation.objects.filter(retired_at__isnull=True).values_list("pk", "name")
    ]


def term_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in TaxonomyTerm.objects.values_list("pk", "name")]


FILTERS = {
    "": "In use",
    "stale": "Needs checking",
    "retired": "Retired",
}


@dataclass
class KeeperPage:
    organisations: list
    count: int
    counts: dict


def keeper_list(chosen: str, today: date, offset: int, limit: int) -> KeeperPage:
    """One page of organisations, by name, each with its services that match the filter: in use, needing a check
    (not checked for six months), or retired. Five queries however many listings there are."""
    stale = stale_q(today)
    live = Q(retired_at__isnull=True)
    if chosen == "stale":
        services = Service.objects.filter(live & stale)
        organisations = Organisation.objects.filter(
            live & (stale | Q(services__in=Service.objects.filter(live & stale)))
        ).distinct()
    elif chosen == "retired":
        services = Service.objects.filter(retired_at__isnull=False)
        organisations = Organisation.objects.filter(
            Q(retired_at__isnull=False) | Q(services__retired_at__isnull=False)
        ).distinct()
    else:
        services = Service.objects.filter(live)
        organisations = Organisation.objects.filter(live)
    counts = Organisation.objects.aggregate(
        all=Count("pk", filter=live),
        retired=Count("pk", filter=~live),
    ) | Service.objects.aggregate(
        services=Count("pk", filter=live),
        stale=Count("pk", filter=live & stale),
        retired_services=Count("pk", filter=~live),
    )
    count = organisations.count()
    page = list(
        organisations.order_by("name", "id").prefetch_related(
            Prefetch("services", queryset=services.order_by("name", "id"), to_attr="shown_services")
        )[offset : offset + limit]
    )
    return KeeperPage(page, count, counts)


def stale_counts(today: date) -> dict:
    """How many organisations and services in use need a check. Two queries."""
    live_stale = Q(retired_at__isnull=True) & stale_q(today)
    return {
        "organisations": Organisation.objects.filter(live_stale).count(),
        "services": Service.objects.filter(live_stale).count(),
    }


def stale_services(today: date, limit: int) -> list[Service]:
    return list(
        Service.objects.filter(Q(retired_at__isnull=True) & stale_q(today))
        .select_related("organisation")
        .order_by("checked_on", "added_on", "name")[:limit]
    )
