"""Every change the episodes part makes: refer, decide, admit to a bed, add to the plan, extend, end.

Who may do each is asked of the one access policy: referring is for staff who may write the person's care (an
active care relationship) or the single point of access; deciding, admitting, planning, extending and ending are
for the ward's team while the referral is current (`access.seen_referral`, basis WARD_TEAM). See ADR 0034.

A bed is never double-booked: an admission locks the ward's row (so admissions to one ward take turns), counts the
open episodes against today's capacity, and the database's `one_person_a_bed` constraint is the last guard.
While the episode is open the ward's team has the person on its caseload (a TEAM_CASELOAD care relationship).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.core.models import Alert
from alongside.partners.roles import is_triage
from alongside.people.access import acting, decide, facts_for, record
from alongside.people.models import Person
from alongside.people.policy import Acting, Action, Basis, Category, Facts, care_kept_from

from . import caseload_episodes as caseload
from . import rules_episodes as rules
from .access import seen_episode, seen_referral
from .models import DayCapacity, Episode, PlannedContact, Referral, Ward


class Refused(Exception):
    """The user may not do this: answer as missing."""


class Problem(Exception):
    """Something kind to say instead of doing it ('That bed was just taken: choose another')."""


class AlreadyDone(Exception):
    """It was done already (a second press, another tab): `url` shows what was done."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


ALREADY_WAITING = "They already have a referral to a virtual ward waiting for a decision"
ALREADY_ON_WARD = "They are on a virtual ward now"
BED_TAKEN = "That bed was just taken: choose another"
NO_BED = "No bed is free: they wait for one"


# --- who may refer -------------------------------------------------------------------------------------------------


def refer_basis(request, person: Person, facts: Facts | None = None) -> Basis | None:
    """On what basis this user may refer the person to a virtual ward, or None. Staff who may write the person's
    care (their named worker, care team or caseload team), a GP or other care staff of the practice the person is
    registered with (who read their care by registered practice), or the single point of access for someone whose
    care it may read; never when the person keeps their care from the user's organisation."""
    if acting(request) != Acting.STAFF:
        return None
    facts = facts or facts_for(request, person)
    if facts.is_self:
        return None
    decision = decide(request, person, Action.WRITE, Category.CARE, facts)
    if decision:
        return decision.basis
    read = decide(request, person, Action.READ, Category.CARE, facts)
    if not read or care_kept_from(facts):
        return None  # never a name to someone who may not read the person's care (the refer page answers 404)
    if read.basis == Basis.REGISTERED_PRACTICE:
        return Basis.REGISTERED_PRACTICE
    if is_triage(request):
        return Basis.TRIAGE
    return None


# --- refer ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralIn:
    ward_id: int
    source: str
    direction: str
    reason: str


def problems_with(referral: ReferralIn, ward_ids: set[int]) -> dict[str, str]:
    """What is wrong with a referral, by field: the same for the page and the API."""
    problems = {}
    if referral.ward_id not in ward_ids:
        problems["ward"] = rules.WARD_MISSING
    if referral.source not in Referral.Source.values:
        problems["source"] = rules.SOURCE_MISSING
    if referral.direction not in Referral.Direction.values:
        problems["direction"] = rules.DIRECTION_MISSING
    if problem := rules.reason_problem(referral.reason, rules.REASON_MISSING):
        problems["reason"] = problem
    return problems


def refer(request, person: Person, referral: ReferralIn) -> Referral:
    """Refer the person to the ward, now; the decision is due `ward.decision_hours` later."""
    basis = refer_basis(request, person)
    if basis is None:
        raise Refused
    ward = Ward.objects.filter(pk=referral.ward_id).first()
    if ward is None:
        raise Problem(rules.WARD_MISSING)
    if Episode.objects.filter(person=person, ended_at__isnull=True).exists():
        raise Problem(ALREADY_ON_WARD)
    now = timezone.now()
    try:
        with transaction.atomic():
            made = Referral.objects.create(
                ward=ward,
                person=person,
                source=referral.source,
                direction=referral.direction,
                reason=referral.reason.strip(),
                referred_by=request.user,
                referred_at=now,
                decision_due=now + timedelta(hours=ward.decision_hours),
            )
    except IntegrityError:
        raise Problem(ALREADY_WAITING) from None
    record(
        request,
        "ward_referral_made",
        person.pk,
        basis,
        object_type="ward_referral",
        object_id=made.pk,
        ward=ward.name,
        source=made.source,
        direction=made.direction,
    )
    return made


# --- decide --------------------------------------------------------------------------------------------------------


def _as_team(request, referral_id: int, what: str) -> Referral:
    seen = seen_referral(request, referral_id, what)
    if seen is None or not seen.as_ward_team:
        raise Refused
    return seen.referral


def decide_referral(request, referral_id: int, decision: str, reason: str, version: int) -> Referral:
    """Accept or decline a referral with a reason. Either way the referrer is told, in plain words, with a link to
    the referral (which they see as its referrer)."""
    _as_team(request, referral_id, "ward_referral_opened_to_decide")
    problem = rules.reason_problem(
        reason, rules.DECLINE_REASON_MISSING if decision == "declined" else rules.ACCEPT_REASON_MISSING
    )
    if decision not in Referral.Decision.values:
        raise Problem(rules.DECISION_MISSING)
    if problem:
        raise Problem(problem)
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("ward", "person").get(pk=referral_id)
        if referral.decision:
            raise AlreadyDone(reverse("virtual_ward:referral", args=[referral.pk]))
        if referral.version != version:
            raise EditConflict(referral)
        referral.decision, referral.decision_reason = decision, reason.strip()
        referral.decided_by, referral.decided_at = request.user, timezone.now()
        referral.version += 1
        referral.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at", "version"])
        record(
            request,
            "ward_referral_decided",
            referral.person_id,
            Basis.WARD_TEAM,
            object_type="ward_referral",
            object_id=referral.pk,
            decision=decision,
        )
        if referral.referred_by_id != request.user.pk:
            # No name or reason in the alert's words (ADR 51): the referrer opens the referral to see who and why.
            if decision == Referral.Decision.DECLINED:
                text = f"{referral.ward.name} cannot take on someone you referred. Open the referral to see why"
            else:
                text = f"{referral.ward.name} can take on someone you referred. They will admit them to a bed soon"
            Alert.objects.create(
                recipient_id=referral.referred_by_id,
                text=caseload.fit(text),
                url=reverse("virtual_ward:referral", args=[referral.pk]),
            )
    return referral


# --- admit ---------------------------------------------------------------------------------------------------------


def capacity_on(ward: Ward, day) -> int:
    """The ward's beds on this day: the day's own number where one is set, else the usual number."""
    day_beds = DayCapacity.objects.filter(ward=ward, day=day).values_list("beds", flat=True).first()
    return ward.beds if day_beds is None else day_beds


def taken_beds(ward: Ward) -> set[int]:
    return set(Episode.objects.filter(ward=ward, ended_at__isnull=True).values_list("bed", flat=True))


def admit(request, referral_id: int, bed: int | None = None) -> Episode:
    """Admit an accepted referral to a free bed (the lowest free one unless `bed` is given), now."""
    _as_team(request, referral_id, "ward_referral_opened_to_admit")
    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("person").get(pk=referral_id)
        ward = Ward.objects.select_for_update().select_related("team").get(pk=referral.ward_id)
        existing = Episode.objects.filter(referral=referral).first()
        if existing is not None:
            raise AlreadyDone(reverse("virtual_ward:episode", args=[existing.pk]))
        if referral.decision != Referral.Decision.ACCEPTED:
            raise Problem("Only an accepted referral can be admitted")
        if Episode.objects.filter(person_id=referral.person_id, ended_at__isnull=True).exists():
            raise Problem(ALREADY_ON_WARD)
        now = timezone.now()
        capacity, taken = capacity_on(ward, timezone.localdate(now)), taken_beds(ward)
        free = rules.free_beds(capacity, taken)
        if not free:
            raise Problem(NO_BED)
        chosen = free[0] if bed is None else bed
        if chosen not in free:
            raise Problem(BED_TAKEN)
        try:
            with transaction.atomic():
                episode = Episode.objects.create(
                    referral=referral,
                    ward=ward,
                    person=referral.person,
                    step_up=referral.direction == Referral.Direction.STEP_UP,
                    bed=chosen,
                    admitted_at=now,
                    admitted_by=request.user,
                    due_end_at=now + timedelta(hours=ward.episode_hours),
                )
        except IntegrityError as error:
            raise Problem(ALREADY_ON_WARD if "one_open_episode" in str(error) else BED_TAKEN) from None
        caseload.start(request, referral.person, ward.team, episode.pk)
        record(
            request,
            "ward_admitted",
            referral.person_id,
            Basis.WARD_TEAM,
            object_type="ward_episode",
            object_id=episode.pk,
            bed=chosen,
        )
        caseload.tell_named_worker(
            request,
            referral.person,
            f"{_name(referral.person)} was admitted to {ward.name} at {_time(now)}. "
            f"The ward team will support them at home for the next {ward.episode_hours} hours.",
        )
    return episode


def _name(person: Person) -> str:
    return f"{person.given_name} {person.family_name}"


def _time(at: datetime) -> str:
    return timezone.localtime(at).strftime("%H:%M on %-d %B")


# --- the plan and the episode ---------------------------------------------------------------------------------------


def _open_episode_as_team(request, episode_id: int, what: str) -> Episode:
    seen = seen_episode(request, episode_id, what)
    if seen is None or not seen.as_ward_team:
        raise Refused
    return seen.referral.episode


@dataclass(frozen=True)
class PlannedIn:
    kind: str
    due_at: datetime
    minutes: int
    what_for: str


def add_to_plan(request, episode_id: int, planned: PlannedIn) -> PlannedContact:
    """Add a visit, call or readings to an open episode's plan."""
    episode = _open_episode_as_team(request, episode_id, "ward_episode_opened_to_plan")
    if episode.ended_at is not None:
        raise Problem("This stay on the virtual ward has ended")
    if planned.kind not in PlannedContact.Kind.values:
        raise Problem("Choose a visit, a call or readings")
    if problem := rules.plan_time_problem(episode.admitted_at, episode.due_end_at, planned.due_at):
        raise Problem(problem)
    if problem := rules.minutes_problem(planned.minutes):
        raise Problem(problem)
    with transaction.atomic():
        contact = PlannedContact.objects.create(
            episode=episode,
            person_id=episode.person_id,
            kind=planned.kind,
            due_at=planned.due_at,
            minutes=planned.minutes,
            what_for=planned.what_for.strip()[:200],
        )
        record(
            request,
            "ward_plan_added",
            episode.person_id,
            Basis.WARD_TEAM,
            object_type="ward_episode",
            object_id=episode.pk,
            kind=planned.kind,
        )
    return contact


def extend(request, episode_id: int, new_end: datetime, reason: str, version: int) -> Episode:
    """Keep an open episode going past its end, with a reason, to a new end no more than 7 days from admission."""
    _open_episode_as_team(request, episode_id, "ward_episode_opened_to_extend")
    if problem := rules.reason_problem(reason, rules.EXTEND_REASON_MISSING):
        raise Problem(problem)
    with transaction.atomic():
        episode = Episode.objects.select_for_update().get(pk=episode_id)
        if episode.ended_at is not None:
            raise AlreadyDone(reverse("virtual_ward:episode", args=[episode.pk]))
        if episode.version != version:
            raise EditConflict(episode)
        if problem := rules.new_end_problem(episode.admitted_at, episode.due_end_at, new_end, timezone.now()):
            raise Problem(problem)
        episode.due_end_at, episode.extended_reason = new_end, reason.strip()
        episode.version += 1
        episode.save(update_fields=["due_end_at", "extended_reason", "version"])
        record(
            request,
            "ward_episode_extended",
            episode.person_id,
            Basis.WARD_TEAM,
            object_type="ward_episode",
            object_id=episode.pk,
        )
    return episode


OUTCOME_WORDS = {
    Episode.Outcome.HOME: "went home from the virtual ward and is handed to the neighbourhood team",
    Episode.Outcome.HOSPITAL: "left the virtual ward and went into hospital",
    Episode.Outcome.DIED_AT_HOME: "died at home, as they wished, while on the virtual ward",
    Episode.Outcome.OTHER: "left the virtual ward",
}


def end(request, episode_id: int, outcome: str, reason: str, version: int) -> Episode:
    """End an open episode with its outcome, now: the ward team's caseload relationship ends and the named worker
    is told. A second press finds it ended (AlreadyDone) and changes nothing."""
    _open_episode_as_team(request, episode_id, "ward_episode_opened_to_end")
    if outcome not in Episode.Outcome.values:
        raise Problem(rules.OUTCOME_MISSING)
    if problem := rules.outcome_reason_problem(outcome, reason):
        raise Problem(problem)
    with transaction.atomic():
        episode = Episode.objects.select_for_update().select_related("ward__team", "person").get(pk=episode_id)
        if episode.ended_at is not None:
            raise AlreadyDone(reverse("virtual_ward:episode", args=[episode.pk]))
        if episode.version != version:
            raise EditConflict(episode)
        now = timezone.now()
        episode.ended_at, episode.ended_by = now, request.user
        episode.outcome = outcome
        episode.outcome_reason = reason.strip() if outcome in ("hospital", "other") else ""
        episode.version += 1
        episode.save(update_fields=["ended_at", "ended_by", "outcome", "outcome_reason", "version"])
        caseload.end(request, episode.person_id, episode.ward.team_id, episode.pk, now)
        record(
            request,
            "ward_episode_ended",
            episode.person_id,
            Basis.WARD_TEAM,
            object_type="ward_episode",
            object_id=episode.pk,
            outcome=outcome,
        )
        caseload.tell_named_worker(
            request,
            episode.person,
            f"{_name(episode.person)} {OUTCOME_WORDS[Episode.Outcome(outcome)]} at {_time(now)}.",
        )
    return episode
