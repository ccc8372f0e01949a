"""What the meeting pages read: meetings and their agendas, who may be invited or own an action, and what the
agenda sources suggest. Each page reads a fixed number of queries however many items it shows; who sees which
item is `access.seen_items`, never decided here."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from alongside.core import registry
from alongside.core.registry import AgendaSource, AgendaSuggestion
from alongside.partners.models import Membership
from alongside.partners.roles import CARE_ROLES
from alongside.people.access import acting, names_for_visitor, visible_people
from alongside.people.areas import of_area
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Acting, RelationshipKind

from . import access
from .access import Seen
from .agenda import starts
from .models import Action, Attendance, CoreMember, Invitation, Item, Mdt, Meeting

User = get_user_model()
PAST_SHOWN = 10
FOUND_SHOWN = 20


def area_of_mdt(mdt: Mdt) -> int | None:
    """The neighbourhood an MDT serves (for its local terms): its own, or its practice's. Select `mdt__practice`
    with a practice's MDT to read it without a query."""
    if mdt.neighbourhood_id:
        return mdt.neighbourhood_id
    return mdt.practice.neighbourhood_id if mdt.practice_id else None


def meeting(meeting_id: int) -> Meeting | None:
    return Meeting.objects.select_related("mdt__practice", "finished_by").filter(pk=meeting_id).first()


def items_of(meeting: Meeting) -> list[Item]:
    """The meeting's whole agenda, in order, each with its person (and its meeting, for the audience rule)."""
    items = list(Item.objects.filter(meeting=meeting).select_related("person").order_by("position", "pk"))
    for item in items:
        item.meeting = meeting
    return items


def on_agenda(meeting: Meeting, person_id: int) -> bool:
    return Item.objects.filter(meeting=meeting, person_id=person_id).exists()


def invited_items_of(meeting_id: int, invited: frozenset[int]) -> list[Item]:
    """The items of this meeting among those the user is invited to (before the audience rule says which they
    see): one query whether or not the meeting exists, none when they are invited to nothing."""
    if not invited:
        return []
    items = Item.objects.filter(meeting_id=meeting_id, pk__in=invited).select_related("person")
    return list(items.order_by("position", "pk"))


def starts_of(meeting: Meeting, items: list[Item]) -> dict[int, datetime]:
    """When each item starts, from the whole agenda's minutes (the same for every reader)."""
    return dict(zip([i.pk for i in items], starts(meeting.starts_at, [i.minutes for i in items]), strict=True))


def starts_of_items(items: list[Item]) -> dict[int, datetime]:
    """When each of these items (of any meetings) starts: one query, the minutes of the items before each."""
    if not items:
        return {}
    earlier = (
        Item.objects.filter(meeting_id=OuterRef("meeting_id"))
        .filter(Q(position__lt=OuterRef("position")) | Q(position=OuterRef("position"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("meeting_id")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    before = dict(
        Item.objects.filter(pk__in=[i.pk for i in items])
        .annotate(before=Coalesce(Subquery(earlier, output_field=IntegerField()), 0))
        .values_list("pk", "before")
    )
    return {i.pk: i.meeting.starts_at + timedelta(minutes=before[i.pk]) for i in items}


def invitations_by_item(item_ids: list[int]) -> dict[int, list[Invitation]]:
    found: dict[int, list[Invitation]] = defaultdict(list)
    standing = Invitation.objects.filter(item_id__in=item_ids, withdrawn_at__isnull=True).select_related("user")
    for invitation in standing.order_by("at", "pk"):
        found[invitation.item_id].append(invitation)
    return found


def actions_by_item(item_ids: list[int]) -> dict[int, list[Action]]:
    found: dict[int, list[Action]] = defaultdict(list)
    for action in Action.objects.filter(item_id__in=item_ids).select_related("owner").order_by("due", "pk"):
        found[action.item_id].append(action)
    return found


def volunteer_items(item_ids: list[int]) -> set[int]:
    """The items with a standing invitation of a volunteer who visits the person (for 'put them first')."""
    volunteers = CareRelationship.objects.active().filter(
        kind=RelationshipKind.VOLUNTEER, person_id=OuterRef("item__person_id"), user_id=OuterRef("user_id")
    )
    return set(
        Invitation.objects.filter(item_id__in=item_ids, withdrawn_at__isnull=True)
        .filter(Exists(volunteers))
        .values_list("item_id", flat=True)
    )


# --- the list of meetings ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MdtMeetings:
    mdt: Mdt
    upcoming: list[Meeting]
    past: list[Meeting]


def member_meetings(request) -> list[MdtMeetings]:
    """The user's MDTs (as a core member), each with its meetings to come and its latest past ones, and how many
    items each has: three queries."""
    mdt_ids = access.member_mdt_ids(request)
    if not mdt_ids:
        return []
    mdts = list(Mdt.objects.filter(pk__in=mdt_ids).order_by("name"))
    meetings = (
        Meeting.objects.filter(mdt_id__in=mdt_ids).annotate(item_count=Count("items")).order_by("starts_at", "pk")
    )
    now = timezone.now()
    upcoming, past = defaultdict(list), defaultdict(list)
    for m in meetings:
        done = m.status == Meeting.Status.FINISHED or m.starts_at < now - timedelta(hours=12)
        (past if done else upcoming)[m.mdt_id].append(m)
    return [MdtMeetings(mdt, upcoming[mdt.pk], past[mdt.pk][::-1][:PAST_SHOWN]) for mdt in mdts]


def my_invited_items(request, what: str) -> list[Seen]:
    """The items the user is invited to and may see (audited as `what`), soonest first."""
    ids = access.invited_item_ids(request)
    if not ids:
        return []
    items = list(
        Item.objects.filter(pk__in=ids).select_related("meeting__mdt", "person").order_by("meeting__starts_at", "pk")
    )
    return access.seen_items(request, items, what)


def takes_part(request) -> bool:
    """Is the user a core member of an MDT (as staff), or invited to an item? For the link in the header: one
    query."""
    user = request.user
    if not user.is_authenticated or acting(request) == Acting.NONE:
        return False
    now = timezone.now()
    member = CoreMember.objects.filter(user=user, start__lte=now).filter(Q(end__isnull=True) | Q(end__gt=now))
    invited = Invitation.objects.filter(user=user, withdrawn_at__isnull=True)
    if acting(request) != Acting.STAFF:
        return invited.exists()
    return User.objects.filter(pk=user.pk).filter(Exists(member) | Exists(invited)).exists()


# --- who can be added, invited, and own an action ------------------------------------------------------------------


def _population(mdt: Mdt) -> Q:
    """The people an MDT discusses: registered at its practice, or living in its neighbourhood (one of the two is
    set, models.Mdt's constraint)."""
    return of_area(mdt.practice_id, mdt.neighbourhood_id, via="") or Q(pk__in=[])


def people_to_add(request, mdt: Mdt, words: str) -> list[Person]:
    """People of the MDT's population the member may see whose name has these words: at most FOUND_SHOWN."""
    found = visible_people(request).filter(_population(mdt))
    for word in words.split()[:3]:
        found = found.filter(
            Q(given_name__istartswith=word) | Q(family_name__istartswith=word) | Q(preferred_name__istartswith=word)
        )
    return list(found.order_by("family_name", "given_name", "pk")[:FOUND_SHOWN])


def person_to_add(request, mdt: Mdt, person_id: int) -> Person | None:
    return visible_people(request).filter(_population(mdt)).filter(pk=person_id).first()


def in_population(mdt: Mdt, person_id: int) -> Person | None:
    return Person.objects.filter(_population(mdt)).filter(pk=person_id).first()


def volunteers_of(person_id: int) -> list:
    """The volunteers who visit the person now."""
    ids = CareRelationship.objects.active().filter(person_id=person_id, kind=RelationshipKind.VOLUNTEER)
    return list(User.objects.filter(pk__in=ids.values("user_id")).order_by("first_name", "last_name", "pk"))


def staff_of(mdt: Mdt) -> list:
    """Care staff of the MDT's organisations (its practice, or the organisations of its neighbourhood) and of its
    core members' organisations: whom a member may invite for one item."""
    now = timezone.now()
    organisations = (
        Q(team__organisation_id=mdt.practice_id)
        if mdt.practice_id
        else Q(team__organisation__neighbourhood_id=mdt.neighbourhood_id)
    )
    member_users = CoreMember.objects.filter(mdt=mdt, end__isnull=True).values("user_id")
    member_orgs = Membership.objects.active(now).filter(user_id__in=member_users).values("team__organisation_id")
    staff = (
        Membership.objects.active(now)
        .filter(role__in=CARE_ROLES)
        .filter(organisations | Q(team__organisation_id__in=member_orgs))
        .select_related("user", "team")
        .order_by("user__first_name", "user__last_name", "user_id", "started_at", "pk")
    )
    found: dict[int, object] = {}
    for membership in staff:  # one query; a user in two teams is shown with their first
        if membership.user_id not in found:
            user = membership.user
            user.role_and_team = f"{membership.get_role_display().lower()}, {membership.team.name}"
            found[user.pk] = user
    return list(found.values())


def core_members(mdt: Mdt) -> list[CoreMember]:
    now = timezone.now()
    members = CoreMember.objects.filter(mdt=mdt, start__lte=now).filter(Q(end__isnull=True) | Q(end__gt=now))
    return list(members.select_related("user").order_by("part", "pk"))


def invitees_present(meeting: Meeting) -> list[Invitation]:
    """Who came for an item: the standing invitations of someone marked present who is not a core member, each
    with the item's person, in agenda order: one query."""
    now = timezone.now()
    came = Attendance.objects.filter(meeting=meeting, present=True).values("user_id")
    members = CoreMember.objects.filter(mdt_id=meeting.mdt_id, start__lte=now).filter(
        Q(end__isnull=True) | Q(end__gt=now)
    )
    standing = Invitation.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True, user_id__in=came)
    standing = standing.exclude(user_id__in=members.values("user_id"))
    return list(standing.select_related("user", "item__person").order_by("item__position", "item__pk", "pk"))


def attendance_of(meeting: Meeting) -> dict[int, Attendance]:
    return {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}


# --- suggestions ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggested:
    source: AgendaSource
    suggestion: AgendaSuggestion
    person: Person


def suggestions(mdt: Mdt, on_agenda: set[int]) -> list[Suggested]:
    """What each agenda source suggests for the MDT's practice or neighbourhood, for people not on the agenda yet
    and of its population, oldest first; never a suggestion already taken to any meeting of this MDT (an item has
    it as its source). One query for those taken, one for the people, and each source's own."""
    found = [
        (source, s)
        for source in registry.agenda_sources()
        for s in source.suggest(mdt.practice_id, mdt.neighbourhood_id)
        if s.person_id not in on_agenda
    ]
    if found:
        taken = set(
            Item.objects.filter(meeting__mdt=mdt, source__in=[s.ref for _, s in found]).values_list("source", flat=True)
        )
        found = [(source, s) for source, s in found if s.ref not in taken]
    people = Person.objects.filter(_population(mdt)).in_bulk([s.person_id for _, s in found])
    shown = [Suggested(source, s, people[s.person_id]) for source, s in found if s.person_id in people]
    return sorted(shown, key=lambda x: x.suggestion.since)


def names(request, people: list[Person]) -> dict[int, str]:
    """The names of the people of items the user sees: staff (a member, or invited for the item) see the name the
    item is about; a volunteer sees it as the people they visit are named for them (a client may keep their name
    back from volunteers). The caller has already let the user see each item."""
    if acting(request) == Acting.STAFF:
        return {p.pk: p.full_name for p in people}
    return names_for_visitor(request, people)


def mdt(mdt_id: int) -> Mdt:
    """One MDT (the caller has checked the user is its member)."""
    return Mdt.objects.get(pk=mdt_id)


def may_open(request, person_id: int) -> bool:
    """Whether the user may open the person's page (to link their name to it)."""
    return visible_people(request).filter(pk=person_id).exists()
