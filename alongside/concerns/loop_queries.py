"""Reads for closing the loop: who stands where around a concern, the concern to answer or to reply to, what the
volunteer may be told about the person, the volunteer's answered concerns, and a hub's open loops.

Who may see and answer a concern is the one access rule for concerns (raising_access, over
`people.policy.concern_basis`); `standing` says what it means for closing the loop.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from alongside.core.numbers import whole_number
from alongside.core.registry import StartShown
from alongside.partners.models import Membership, Role, Team
from alongside.people.access import coordinated_hub_ids, facts_for_people, volunteer_view_of
from alongside.people.models import CareRelationship
from alongside.people.policy import (
    VOLUNTEER_VIEW,
    Basis,
    Category,
    Facts,
    RelationshipKind,
)

from . import lifecycle, raising_access
from .models import Concern, ConcernEvent, Route

REPLIES = (ConcernEvent.What.THANKED, ConcernEvent.What.STILL_WORRIED)
RECENT_DAYS = 90  # the open loops page's closed concerns, and the volunteer's earlier answers
SHOWN = 200  # the most concerns of each kind one page lists


# --- who stands where around a concern: the one permission rule of this part ---------------------------------


@dataclass(frozen=True)
class Standing:
    """How the user stands to one concern (see `standing`)."""

    raised_it: bool = False  # the volunteer who raised it, still visiting the person
    coordinates: bool = False  # a coordinator of the concern's hub
    acts: bool = False  # the one who acts: its named user, a carer in its team, or in the person's care
    basis: Basis | None = None  # for the audit

    @property
    def may_answer(self) -> bool:
        return self.coordinates or self.acts

    @property
    def may_see(self) -> bool:
        return self.raised_it or self.may_answer


NOBODY = Standing()


def standing(request, concern: Concern | None, facts: Facts | None = None) -> Standing:
    """How this user stands to the concern, by the one access rule for concerns (`people.policy.concern_basis`,
    through `raising_access.basis_for`): the volunteer who raised it, while they still visit the person; a
    coordinator of its hub; or the one who acts: staff caring for the person, or the team leader it was phoned
    through to. The same work for a missing concern (None) as for a refused one. (`facts` is not needed: the rule
    gathers its own.)"""
    basis = raising_access.basis_for(request, concern or Concern(person_id=0, raised_by_id=0, hub_id=0, route_kind=""))
    if concern is None or basis is None:
        return NOBODY
    return Standing(
        raised_it=basis == Basis.CONCERN_RAISER,
        coordinates=concern.hub_id in coordinated_hub_ids(request),
        acts=basis in (Basis.RELATIONSHIP, Basis.CONCERN_ROUTE),
        basis=basis,
    )


def concern(concern_id: int) -> Concern | None:
    """One concern with the people around it, in one query."""
    return (
        Concern.objects.select_related("person", "raised_by", "hub", "for_user", "for_team", "closed_by")
        .filter(pk=concern_id)
        .first()
    )


def events(concern: Concern) -> list[ConcernEvent]:
    return list(concern.events.select_related("by"))


def replied(concern: Concern) -> bool:
    """The volunteer has replied to the concern's current answer."""
    if concern.closed_at is None:
        return False
    return concern.events.filter(what__in=REPLIES, at__gte=concern.closed_at).exists()


def route_hours(concern: Concern) -> int:
    """The response target, in hours, of the route the concern's hub sets for its urgency (else the usual)."""
    hours = Route.objects.filter(hub_id=concern.hub_id, urgency=concern.urgency).values_list(
        "response_hours", flat=True
    )
    return lifecycle.response_hours(hours.first(), concern.urgency)


# --- what the volunteer may be told about the person ---------------------------------------------------------

CATEGORY_WORDS = {
    Category.NAME: "their name",
    Category.CONTACT: "their address and phone number",
    Category.KEY_CONTACTS: "who their family and carers are",
    Category.SHARED_WITH_VOLUNTEERS: "what they chose to tell volunteers about themselves",
    Category.STORY: "their story and what matters to them",
}


@dataclass(frozen=True)
class Sharing:
    """What the volunteer who raised a concern may be told about the person, by the person's own choices."""

    visits: bool  # the volunteer still visits the person
    withheld: list[str]  # what the person chose not to share with volunteers, in words
    shared: list[str]  # what more than the usual the person chose to share with volunteers


def sharing(concern: Concern) -> Sharing:
    """What the raising volunteer may be told: the one access policy's answer for a volunteer of the concern's
    hub, with the person's own consent choices. Two queries."""
    person = concern.person
    visits = (
        person.relationships.active().filter(user_id=concern.raised_by_id, kind=RelationshipKind.VOLUNTEER).exists()
    )
    view = volunteer_view_of(person, concern.hub.organisation_id)
    withheld = [CATEGORY_WORDS[c] for c in CATEGORY_WORDS if c in VOLUNTEER_VIEW and c not in view]
    shared = [CATEGORY_WORDS[c] for c in CATEGORY_WORDS if c not in VOLUNTEER_VIEW and c in view]
    return Sharing(visits, withheld, shared)


def start_shown(request, ref: str) -> StartShown | None:
    """A concern as the start of a referral to a community service, for one who may answer it; None for anyone
    else, or a concern that does not exist."""
    number = whole_number(ref, high=99_999_999_999)
    found = concern(number) if number is not None else None
    who = standing(request, found) if found is not None else None
    if found is None or who is None or not who.may_answer or who.basis is None:
        return None
    raised = f"{timezone.localtime(found.created_at):%-d %B}"
    return StartShown(
        words=f"the concern {found.raised_by.display_name} raised on {raised}",
        person_id=found.person_id,
        basis=who.basis.value,
    )


def start_page(ref: str) -> str:
    return reverse("concerns:loop_answer", args=[ref])


def demo_examples(count: int) -> list[tuple[int, str]]:
    """For the demo borough: up to `count` concerns a referral to a community service can start from, as
    (person_id, concern id), one a person, each raised at least a week ago about someone the raising volunteer
    still visits (so that a referral made in the last week came after it). One query."""
    visits = CareRelationship.objects.active().filter(
        person=OuterRef("person"), user=OuterRef("raised_by"), kind=RelationshipKind.VOLUNTEER
    )
    week_ago = timezone.now() - timedelta(days=7)
    found = Concern.objects.filter(Exists(visits), created_at__lte=week_ago)
    found = found.order_by("person_id", "pk").distinct("person_id")
    return [(person_id, str(pk)) for pk, person_id in found.values_list("pk", "person_id")[:count]]


# --- the volunteer's concerns, with what happened --------------------------------------------------------------


def _with_reply(queryset):
    answered = ConcernEvent.objects.filter(concern=OuterRef("pk"), what__in=REPLIES, at__gte=OuterRef("closed_at"))
    return queryset.annotate(replied=Exists(answered))


def raised_by(request) -> list[Concern]:
    """The user's own concerns still open, and those answered in the last RECENT_DAYS, in one query."""
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    found = Concern.objects.filter(raised_by=request.user).filter(
        Q(status=Concern.Status.OPEN) | Q(closed_at__gte=since)
    )
    return list(_with_reply(found).select_related("person").order_by("-closed_at", "answer_by", "pk")[:SHOWN])


def facts_about(request, concerns: list[Concern]) -> dict[int, Facts]:
    """The access policy's facts about the people of these concerns: three queries, however many."""
    people = list({c.person_id: c.person for c in concerns}.values())
    return facts_for_people(request, people) if people else {}


# --- a hub's open loops ----------------------------------------------------------------------------------------


def hubs(hub_ids: list[int]) -> list[Team]:
    return list(Team.objects.filter(pk__in=hub_ids).order_by("name"))


def open_in(hub_ids: list[int]) -> tuple[list[Concern], int]:
    """The hubs' open concerns, the soonest due first (the most SHOWN), and how many there are: two queries."""
    found = Concern.objects.filter(hub_id__in=hub_ids, status=Concern.Status.OPEN)
    reopened = ConcernEvent.objects.filter(concern=OuterRef("pk"), what=ConcernEvent.What.STILL_WORRIED)
    rows = (
        found.annotate(reopened=Exists(reopened))
        .select_related("person", "raised_by", "for_user", "for_team")
        .order_by("answer_by", "pk")[:SHOWN]
    )
    return list(rows), found.count()


def closed_in(hub_ids: list[int]) -> list[Concern]:
    """The hubs' concerns closed in the last RECENT_DAYS, the latest first, with whether the volunteer replied and
    how: one query."""
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    found = Concern.objects.filter(hub_id__in=hub_ids, status=Concern.Status.CLOSED, closed_at__gte=since)
    thanked = ConcernEvent.objects.filter(
        concern=OuterRef("pk"), what=ConcernEvent.What.THANKED, at__gte=OuterRef("closed_at")
    )
    return list(
        found.annotate(thanked=Exists(thanked))
        .select_related("person", "raised_by", "closed_by")
        .order_by("-closed_at", "-pk")
    )


# --- who is told --------------------------------------------------------------------------------------------------


def coordinator_ids(hub_id: int) -> list[int]:
    return list(
        Membership.objects.active()
        .filter(team_id=hub_id, role=Role.COORDINATOR)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def who_acts(concern: Concern) -> list[int]:
    """The one who acts on the concern: the user it is for, and whoever answered it last; else the leaders of the
    team it is for (a hub's coordinators, for the hub)."""
    found = [pk for pk in (concern.for_user_id, concern.closed_by_id) if pk]
    if found:
        return sorted(set(found))
    if concern.for_team_id is None or concern.for_team_id == concern.hub_id:
        return coordinator_ids(concern.hub_id)
    return list(
        Membership.objects.active()
        .filter(team_id=concern.for_team_id, role=Role.TEAM_LEADER)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def last_answerer(concern: Concern) -> int | None:
    """Whoever wrote the concern's latest outcome (kept in its events when it reopens)."""
    return (
        concern.events.filter(what=ConcernEvent.What.CLOSED)
        .order_by("-at", "-pk")
        .values_list("by_id", flat=True)
        .first()
    )


def volunteer_choices(user_id: int) -> tuple[str, bool, bool]:
    """The volunteer's phone and whether they chose to hear good news by text and by email, from their profile.

    Read by the model's label, not imported: capabilities do not import each other. Without the volunteers app or a
    profile, they hear in Alongside only."""
    try:
        profiles = apps.get_model("volunteers", "Volunteer")
    except LookupError:
        return "", False, False
    found = profiles.objects.filter(user_id=user_id).values_list("phone", "by_text", "by_email").first()
    return found if found else ("", False, False)
