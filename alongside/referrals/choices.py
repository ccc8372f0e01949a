"""The facts behind triage's suggestions, read in a few queries, handed to `allocation` to put in order."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from alongside.partners.models import Membership, Neighbourhood, Organisation, Role, Team
from alongside.partners.roles import possible_named_workers
from alongside.people.models import CareRelationship
from alongside.people.policy import RelationshipKind

from . import intake
from .allocation import TeamOption, TeamSuggestion, Worker, WorkerSuggestion, suggest_teams, suggest_workers
from .models import Referral

ACCEPTING_KINDS = [Team.Kind.NEIGHBOURHOOD, Team.Kind.VIRTUAL_WARD]


def neighbourhood_of(postcode: str) -> int | None:
    """The neighbourhood covering this postcode's district, if any does."""
    districts = dict(Neighbourhood.objects.exclude(postcode_districts="").values_list("pk", "postcode_districts"))
    return intake.neighbourhood_for(postcode, districts)


def teams_for(referral: Referral) -> list[TeamSuggestion]:
    person = referral.person
    caring = set()
    practice_neighbourhood = None
    address_neighbourhood = referral.neighbourhood_id
    if person is not None:
        caring = set(
            CareRelationship.objects.active()
            .filter(person=person, kind=RelationshipKind.TEAM_CASELOAD)
            .values_list("team_id", flat=True)
        )
        practice_neighbourhood = person.gp_practice.neighbourhood_id if person.gp_practice_id else None
        if person.postcode:
            districts = dict(
                Neighbourhood.objects.exclude(postcode_districts="").values_list("pk", "postcode_districts")
            )
            address_neighbourhood = intake.neighbourhood_for(person.postcode, districts) or person.neighbourhood_id
    teams = Team.objects.filter(kind__in=ACCEPTING_KINDS).order_by("name")
    return suggest_teams(
        [
            TeamOption(
                team_id=t.pk,
                name=t.name,
                already_caring=t.pk in caring,
                serves_address=address_neighbourhood is not None and t.neighbourhood_id == address_neighbourhood,
                serves_practice=practice_neighbourhood is not None and t.neighbourhood_id == practice_neighbourhood,
            )
            for t in teams
        ]
    )


def workers_for(referral: Referral) -> list[WorkerSuggestion]:
    """The accepting team's members who can be a named worker: three queries, however big the team."""
    members = list(possible_named_workers(referral.team_id).select_related("user").order_by("user__last_name"))
    ids = [m.user_id for m in members]
    caseloads = dict(
        CareRelationship.objects.active()
        .filter(user_id__in=ids, kind=RelationshipKind.NAMED_WORKER)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    knows = _who_knows(referral, ids)
    seen, workers = set(), []
    for m in members:
        if m.user_id in seen:
            continue
        seen.add(m.user_id)
        workers.append(
            Worker(
                user_id=m.user_id,
                name=m.user.display_name,
                caseload=caseloads.get(m.user_id, 0),
                capacity=m.caseload_capacity or settings.USUAL_CASELOAD_CAPACITY,
                knows=knows.get(m.user_id, ""),
            )
        )
    return suggest_workers(workers)


def _who_knows(referral: Referral, user_ids: list[int]) -> dict[int, str]:
    """How each of these workers already knows the person, in words: their named worker now or before, or in
    their care team."""
    if referral.person_id is None:
        return {}
    now = timezone.now()
    found: dict[int, str] = {}
    relationships = CareRelationship.objects.filter(
        Q(kind=RelationshipKind.NAMED_WORKER) | Q(kind=RelationshipKind.CARE_TEAM),
        person_id=referral.person_id,
        user_id__in=user_ids,
    ).order_by("-started_at")
    for r in relationships:
        current = r.ended_at is None or r.ended_at > now
        if r.kind == RelationshipKind.NAMED_WORKER:
            words = "Their named worker now" if current else f"Was their named worker until {r.ended_at:%B %Y}"
        else:
            words = "In their care team now" if current else f"Was in their care team until {r.ended_at:%B %Y}"
        if r.user_id not in found or (current and "now" not in found[r.user_id]):
            found[r.user_id] = words
    return found


def partner_services():
    """The voluntary services that are partners in Alongside, with a coordinator to receive a referral, by name."""
    coordinated = Membership.objects.active().filter(role=Role.COORDINATOR).values("team__organisation_id")
    return Organisation.objects.filter(kind=Organisation.Kind.VOLUNTARY, pk__in=coordinated).order_by("name")
