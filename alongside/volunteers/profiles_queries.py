"""What the profile pages, panels and reminders read: a volunteer's own profile, the volunteers of a coordinator's
hubs with their standing, one volunteer of those, and their current clients. Each read takes a fixed number of
queries, however many volunteers or clients there are.

Who the user is comes from `request.memberships` (read once per request by the middleware): a volunteer is a
member of a volunteer hub in the volunteer role; a coordinator, in the coordinator role.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch

from alongside.core.models import User
from alongside.partners.models import Membership, Neighbourhood, Organisation, Role, Team
from alongside.people.models import CareRelationship

from .models import Agreement, Check, Training, Volunteer
from .standing import Held, Standing, standing


def hub_ids(request, role: str) -> list[int]:
    """The volunteer hubs the user is a member of in this role ("volunteer" or "coordinator"). No query."""
    return sorted({m.team_id for m in request.memberships if m.role == role and m.team.kind == Team.Kind.VOLUNTEER_HUB})


def is_volunteer(request) -> bool:
    return bool(hub_ids(request, Role.VOLUNTEER))


def is_coordinator(request) -> bool:
    return bool(hub_ids(request, Role.COORDINATOR))


def _with_held(queryset):
    return queryset.prefetch_related(
        Prefetch("checks", queryset=Check.objects.order_by("kind", "-expires_on", "pk")),
        Prefetch("training", queryset=Training.objects.order_by("course", "-expires_on", "pk")),
        Prefetch("agreements", queryset=Agreement.objects.order_by("-signed_on", "-pk")),
        "practices",
        "neighbourhoods",
    )


def standing_of(profile: Volunteer | None, today: date) -> Standing:
    """The standing of a profile read with `_with_held` (no query); no profile: nothing held."""
    if profile is None or profile.pk is None:
        return standing([], None, today)
    held = [Held(c.kind, c.expires_on) for c in profile.checks.all()]
    held += [Held(t.course, t.expires_on) for t in profile.training.all()]
    agreements = list(profile.agreements.all())
    return standing(held, agreements[0].version if agreements else None, today)


def own_profile(user) -> Volunteer:
    """The volunteer's profile with everything they hold (six queries), or a new unsaved one (version 0) if they
    have none yet."""
    found = _with_held(Volunteer.objects.filter(user=user)).first()
    return found or Volunteer(user=user, version=0)


def practice_choices() -> list[tuple[int, str]]:
    """The GP practices in Alongside, by name. One query."""
    return list(Organisation.objects.filter(kind=Organisation.Kind.GP_PRACTICE).values_list("pk", "name"))


def neighbourhood_choices() -> list[tuple[int, str]]:
    return list(Neighbourhood.objects.values_list("pk", "name"))


@dataclass
class VolunteerRow:
    """One volunteer of a coordinator's hub, as the list, the panels and the volunteer's page show them."""

    user: User
    hub: Team
    profile: Volunteer | None
    standing: Standing
    clients: int

    @property
    def capacity(self) -> int:
        return self.profile.capacity if self.profile else 0

    @property
    def lapsed(self) -> bool:
        return not self.standing.may_take_clients

    @property
    def due_soon(self) -> bool:
        return bool(self.standing.due_soon)


def hub_volunteers(request, today: date, user_ids: list[int] | None = None) -> list[VolunteerRow]:
    """The volunteers of the user's hubs (where they coordinate), by name, each with their standing and how many
    clients they have now. Seven queries, however many volunteers (`user_ids`: only these)."""
    memberships = (
        Membership.objects.active()
        .filter(role=Role.VOLUNTEER, team_id__in=hub_ids(request, Role.COORDINATOR))
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name", "user_id", "team__name")
    )
    if user_ids is not None:
        memberships = memberships.filter(user_id__in=user_ids)
    first_hub: dict[int, Membership] = {}
    for membership in memberships:
        first_hub.setdefault(membership.user_id, membership)
    ids = list(first_hub)
    profiles = {p.user_id: p for p in _with_held(Volunteer.objects.filter(user_id__in=ids))}
    counts = dict(
        CareRelationship.objects.active()
        .filter(kind=CareRelationship.Kind.VOLUNTEER, user_id__in=ids)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    return [
        VolunteerRow(m.user, m.team, profiles.get(uid), standing_of(profiles.get(uid), today), counts.get(uid, 0))
        for uid, m in first_hub.items()
    ]


def hub_volunteer(request, user_id: int, today: date) -> VolunteerRow | None:
    """One volunteer of the user's hubs, or None if they are not one (missing, ended, or another hub's)."""
    found = hub_volunteers(request, today, [user_id])
    return found[0] if found else None


def clients_of(user) -> list[CareRelationship]:
    """The volunteer's current allocations, with each person, by name. One query."""
    return list(
        CareRelationship.objects.active()
        .filter(kind=CareRelationship.Kind.VOLUNTEER, user=user)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def hub_coordinators(hub_id: int) -> list[User]:
    """The hub's coordinators now. One query."""
    return [
        m.user for m in Membership.objects.active().filter(team_id=hub_id, role=Role.COORDINATOR).select_related("user")
    ]
