"""What the continuity pages for contacts, named-worker changes and priority facts read (`views`).

Each function returns plain values or model instances already read. The audit of who was listed is written here,
beside the read it records.
"""

from django.contrib.auth import get_user_model

from alongside.partners.roles import care_staff_in, caring_team_ids, led_team_ids, possible_named_workers
from alongside.people.access import record_list_access, visible_people
from alongside.people.policy import Basis

from .models import ChangeRequest, ContinuityFacts


def colleagues(request) -> list[tuple[int, str]]:
    """The user first, then the care staff in their teams: who can have had the contact."""
    team_ids = caring_team_ids(request)
    others = (
        care_staff_in(team_ids)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
    seen, found = {request.user.pk}, [(request.user.pk, f"Me ({request.user.display_name})")]
    for m in others:
        if m.user_id not in seen:
            seen.add(m.user_id)
            found.append((m.user_id, m.user.display_name))
    return found


def user(pk: int):
    return get_user_model().objects.get(pk=pk)


def change_requests(request) -> tuple[list[ChangeRequest], list[ChangeRequest]]:
    """Requests for a different named worker in the teams the user leads, of people the user may see, that the
    user did not make as the current worker: those waiting, soonest due, and the last 20 answered. Each person
    listed is audited."""
    led = led_team_ids(request)
    visible = visible_people(request)
    waiting = list(
        ChangeRequest.objects.filter(team_id__in=led, answered_at__isnull=True, person__in=visible)
        .exclude(current_worker=request.user)
        .select_related("person", "team")
        .order_by("answer_due")
    )
    answered = list(
        ChangeRequest.objects.filter(team_id__in=led, answered_at__isnull=False, person__in=visible)
        .exclude(current_worker=request.user)
        .select_related("person", "team", "new_worker")
        .order_by("-answered_at")[:20]
    )
    record_list_access(
        request, [c.person for c in waiting + answered], "named_worker_changes_listed", Basis.RELATIONSHIP
    )
    return waiting, answered


def change_to_answer(request, change_id) -> ChangeRequest | None:
    """A waiting request for a different named worker that the user did not make as the current worker."""
    return (
        ChangeRequest.objects.filter(pk=change_id, answered_at__isnull=True)
        .exclude(current_worker=request.user)
        .select_related("person", "team", "current_worker")
        .first()
    )


def other_workers(change: ChangeRequest) -> list[tuple[int, str]]:
    """Who in the team could be the person's named worker instead of the current one, by first name."""
    return [
        (m.user_id, m.user.display_name)
        for m in possible_named_workers(change.team)
        .exclude(user_id=change.current_worker_id)
        .select_related("user")
        .order_by("user__first_name")
    ]


def facts_record(person) -> ContinuityFacts | None:
    return ContinuityFacts.objects.filter(person=person).first()
