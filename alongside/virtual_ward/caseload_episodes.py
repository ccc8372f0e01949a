"""The ward team's part in the person's care during an episode, and who hears of it: a TEAM_CASELOAD care
relationship started at admission and ended at the end (through alongside.people.actions, the one writer of care
relationships), and an alert for the person's named worker at each."""

from django.urls import reverse

from alongside.core.models import Alert
from alongside.people import actions as people_actions
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Basis, RelationshipKind


def start(request, person: Person, team, episode_id: int) -> None:
    people_actions.start_relationship(
        request,
        person,
        RelationshipKind.TEAM_CASELOAD,
        basis=Basis.WARD_TEAM,
        team=team,
        virtual_ward_episode=episode_id,
    )


def end(request, person_id: int, team_id: int, episode_id: int, now) -> None:
    caseload = CareRelationship.objects.active(now).filter(
        person_id=person_id, team_id=team_id, kind=RelationshipKind.TEAM_CASELOAD
    )
    people_actions.end_relationships(
        request,
        list(caseload),
        "Their stay on the virtual ward ended",
        basis=Basis.WARD_TEAM,
        virtual_ward_episode=episode_id,
    )


def tell_named_worker(request, person: Person, text: str) -> None:
    """An alert for the person's named worker (unless it is the user who did it), linking to the person page."""
    worker_ids = (
        CareRelationship.objects.active()
        .filter(person=person, kind=RelationshipKind.NAMED_WORKER, user__isnull=False)
        .exclude(user_id=request.user.pk)
        .values_list("user_id", flat=True)
    )
    url = reverse("people:person", args=[person.pk])
    Alert.objects.bulk_create([Alert(recipient_id=uid, text=fit(text), url=url) for uid in worker_ids])


def fit(text: str, longest: int = 300) -> str:
    return text if len(text) <= longest else text[: longest - 1].rstrip() + "\u2026"
