"""Who sees which MDT item: the one place the audience rule (people.policy `mdt_item_basis`) meets the database.

Pages, the API, the minutes and the home page all ask `seen_items` (or `seen_item` for one), so a volunteer
invited for their own client sees that item, and nothing else of the meeting, wherever they look. Each item shown
is audited as a read of the person's data, on its basis, in one insert.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from alongside.people.access import Read, acting, facts_for_people, my_clients, record_denied, record_each
from alongside.people.policy import Acting, Basis, MdtFacts, care_kept_from, mdt_item_basis

from .models import CoreMember, Invitation, Item


@dataclass(frozen=True)
class Seen:
    item: Item
    basis: Basis

    @property
    def as_member(self) -> bool:
        return self.basis == Basis.MDT_MEMBER


def member_mdt_ids(request) -> frozenset[int]:
    """The MDTs the user is an active core member of (as staff)."""
    if acting(request) != Acting.STAFF:
        return frozenset()
    now = timezone.now()
    members = CoreMember.objects.filter(user=request.user, start__lte=now).filter(Q(end__isnull=True) | Q(end__gt=now))
    return frozenset(members.values_list("mdt_id", flat=True))


def invited_item_ids(request) -> frozenset[int]:
    """The items the user is invited to, whose invitation stands."""
    if not request.user.is_authenticated:
        return frozenset()
    mine = Invitation.objects.filter(user=request.user, withdrawn_at__isnull=True)
    return frozenset(mine.values_list("item_id", flat=True))


def facts_for_items(
    request, items: list[Item], known: tuple[frozenset[int], frozenset[int]] | None = None
) -> dict[int, MdtFacts]:
    """The audience facts for each item: a fixed number of queries, however many items (the items come with
    `meeting` and `person` selected). `known`: the user's (member_mdt_ids, invited_item_ids), if already read."""
    if not items:
        return {}
    how = acting(request)
    members, invited = known or (member_mdt_ids(request), invited_item_ids(request))
    people = list({item.person_id: item.person for item in items}.values())
    person_facts = facts_for_people(request, people)
    clients = set(my_clients(request).filter(person_id__in=[p.pk for p in people]).values_list("person_id", flat=True))
    return {
        item.pk: MdtFacts(
            acting=how,
            core_member=item.meeting.mdt_id in members,
            invited=item.pk in invited,
            still_their_client=item.person_id in clients,
            care_kept_from_user=care_kept_from(person_facts[item.person_id]),
        )
        for item in items
    }


def seen_items(
    request, items: list[Item], what: str, known: tuple[frozenset[int], frozenset[int]] | None = None
) -> list[Seen]:
    """The items this user may see, in the order given, each audited as `what` on its basis (one insert)."""
    facts = facts_for_items(request, items, known)
    seen = [Seen(item, basis) for item in items if (basis := mdt_item_basis(facts[item.pk])) is not None]
    if seen:
        record_each(
            request, what, [Read(s.item.person_id, s.basis, object_id=s.item.pk) for s in seen], object_type="mdt_item"
        )
    return seen


def seen_item(request, item_id: int, what: str) -> Seen | None:
    """One item if this user may see it, audited; None (answer as missing) otherwise: a missing item and a refused
    one take the same path, and the same queries up to the refusal: the user's MDTs and invitations, then the item.
    Only an item of one of their MDTs, or one they are invited to, goes on to the rule."""
    known = (member_mdt_ids(request), invited_item_ids(request))
    item = Item.objects.select_related("meeting__mdt__practice", "person").filter(pk=item_id).first()
    reachable = item is not None and (item.meeting.mdt_id in known[0] or item.pk in known[1])
    seen = seen_items(request, [item], what, known) if reachable else []
    if not seen:
        record_denied(request, what, item.person_id if item else None, object_type="mdt_item", object_id=item_id)
        return None
    return seen[0]
