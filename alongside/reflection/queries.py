"""What the reflection pages read: the contact a worker is reflecting on (through the registry, audited as a read
about the person it was with), the worker's own reflections, and a team's anonymous patterns."""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.paginator import Page, Paginator
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from alongside.core import registry
from alongside.core.registry import ContactTakenPart
from alongside.partners.models import Team
from alongside.partners.roles import caring_team_ids
from alongside.people.access import decide, record_access, record_denied
from alongside.people.models import Person
from alongside.people.policy import Action, Category

from . import patterns
from .models import Reflection
from .tips import KEYS

PER_PAGE = 20
MONTHS_SHOWN = 6


@dataclass(frozen=True)
class ContactToReflectOn:
    ref: str
    taken: ContactTakenPart
    person: Person
    done: Reflection | None  # the worker's reflection on it, if they have written one


def contact_to_reflect_on(request, contact_id: int) -> ContactToReflectOn:
    """The contact, when this user took part in it and may still read the care of the person it was with; else 404,
    audited alike whether the contact is someone else's or does not exist (neither names a person)."""
    ref = f"contact:{contact_id}"
    taken = registry.contact_taken_part(request, ref)
    person = Person.objects.filter(pk=taken.person_id).first() if taken else None
    decision = decide(request, person, Action.READ, Category.CARE) if person else None
    if person is None or not decision:
        record_denied(request, "reflection_opened", None, object_type="contact", object_id=contact_id)
        raise Http404
    record_access(request, person, "reflection_opened", decision, contact=contact_id)
    done = Reflection.objects.filter(worker=request.user, contact=ref).first()
    return ContactToReflectOn(ref, taken, person, done)


def own_reflections(request, page_number) -> Page:
    """The user's own reflections, newest first, a page at a time: what they ticked and wrote, the contact's kind and
    day, never whom it was with (so no person's data is read here)."""
    found = Reflection.objects.filter(worker=request.user).only(
        "contact_kind", "contact_at", "hard", "note", "written_at"
    )
    return Paginator(found, PER_PAGE).get_page(page_number)


def my_teams(request) -> list[Team]:
    """The teams whose patterns the user may see: those they give care in (their leaders among them)."""
    mine = set(caring_team_ids(request))
    return sorted({m.team for m in request.memberships if m.team_id in mine}, key=lambda team: team.name)


def team_patterns(request, team_id: int) -> tuple[Team, list[patterns.Month]] | None:
    """A team of the user's, with its anonymous patterns for the last months (newest first); None when the user
    does not give care in the team (or it does not exist)."""
    team = next((t for t in my_teams(request) if t.pk == team_id), None)
    if team is None:
        return None
    months = patterns.months_back(timezone.localdate(), MONTHS_SHOWN)
    since = timezone.make_aware(datetime.combine(months[-1], time.min))
    rows = (
        Reflection.objects.filter(team=team, written_at__gte=since)
        .annotate(month=TruncMonth("written_at"))
        .values_list("month", "hard")
    )
    written = [patterns.Written(month.date(), frozenset(hard)) for month, hard in rows]
    return team, patterns.monthly(written, months, KEYS, open_from=months[0])
