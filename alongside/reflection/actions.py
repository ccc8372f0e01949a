"""Writing a reflection: only by a worker who took part in the contact, audited as something done about the person
the contact was with (the person sees that a worker thought back on a contact with them, never what they wrote),
once per contact however often the button is pressed."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from alongside.core import registry
from alongside.partners.roles import caring_team_ids
from alongside.people.access import decide, record_access
from alongside.people.models import Person
from alongside.people.policy import Action, Category

from .models import Reflection
from .tips import KEYS

NOTE_LONGEST = 2000


def team_for(request, team_id: int | None) -> int | None:
    """The team whose patterns the reflection counts in: the contact's team when the worker is in it, else the
    first team they give care in."""
    mine = caring_team_ids(request)
    if team_id in mine:
        return team_id
    return mine[0] if mine else None


@transaction.atomic
def reflect(request, contact: str, hard: list[str], note: str) -> Reflection:
    """The worker's reflection on a contact they had or recorded. A second one for the same contact is not made:
    the first is answered."""
    taken = registry.contact_taken_part(request, contact)
    if taken is None:
        raise PermissionDenied
    person = Person.objects.get(pk=taken.person_id)
    decision = decide(request, person, Action.READ, Category.CARE)
    if not decision:
        raise PermissionDenied
    if set(hard) - set(KEYS) or len(note) > NOTE_LONGEST:
        raise ValueError("A reflection ticks only the ten tips and keeps a short note")
    reflection, made = Reflection.objects.get_or_create(
        worker=request.user,
        contact=contact,
        defaults={
            "team_id": team_for(request, taken.team_id),
            "person": person,
            "contact_at": taken.at,
            "contact_kind": taken.kind,
            "hard": [key for key in KEYS if key in hard],
            "note": note.strip(),
        },
    )
    if made:
        record_access(request, person, "reflection_written", decision, reflection=reflection.pk)
    return reflection
