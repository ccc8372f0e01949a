"""What the booking pages read: a team's week as the user may see it, whose sessions the user may add, a person's
caseload teams and named worker, and the appointment being cancelled.

Each function returns plain values or model instances already read; the views only put them on the page. The
audit of who was shown is written here, beside the read it records.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Min
from django.utils import timezone

from alongside.partners import roles
from alongside.partners.models import Role
from alongside.partners.roles import NAMED_WORKER_ROLES
from alongside.people.access import facts_for_people, record_list_access, visible_people
from alongside.people.models import CareRelationship
from alongside.people.policy import Action, Basis, Category, decide

from . import actions
from . import week as weeks
from .models import AppointmentRequest, Slot

SHOWN_TIMES = 10  # of the named worker's free times offered on the appointment form
CONSIDERED_TIMES = 100  # of their soonest free times, from which those fitting the person's preferred times come first


# --- the teams the user works in (from the memberships already read with the request) ------------------------


def led_teams(request) -> list:
    return roles.led_teams(request)


def session_teams(request) -> list:
    """Teams where the user may add a session: those they lead, and those they see people in."""
    return roles.teams_where(request, {Role.TEAM_LEADER, *NAMED_WORKER_ROLES})


def care_teams(request) -> list:
    return roles.care_teams(request)


# --- the team's week ----------------------------------------------------------------------------------------------


@dataclass
class WeekRead:
    """A team's week as this user may see it, and its plan."""

    current: weeks.Week
    plan: weeks.Plan
    booked: list[AppointmentRequest]
    may_cancel: set[int]  # the people whose appointments the user may cancel


def cancellable(request, team_id: int, people: list) -> set[int]:
    """The people whose appointments with this team the user may cancel (as `actions.cancel_appointment` checks).
    Three queries, however many people."""
    if not actions.in_team(request, team_id) or not people:
        return set()
    facts = facts_for_people(request, people)
    return {p.pk for p in people if decide(facts[p.pk], Action.WRITE, Category.CARE)}


def read_week(request, team, monday: date) -> WeekRead:
    """The week's waiting requests, free slots, plan and booked appointments, of the people the user may see;
    each person shown is audited. A constant number of queries, however many requests and slots."""
    people = visible_people(request)
    current = weeks.read_week(team.pk, monday, people)
    plan = weeks.plan(current)
    booked = weeks.booked_in_week(team.pk, monday, people)
    shown = list({r.person.pk: r.person for r in [*current.requests, *booked]}.values())
    record_list_access(request, shown, "booking_week_viewed", Basis.RELATIONSHIP)
    may_cancel = cancellable(request, team.pk, shown)
    return WeekRead(current, plan, booked, may_cancel)


def first_week_with_work(request, team, today: date) -> date:
    """The Monday of the first week, from this one on, with a request of the team waiting for an appointment (of
    the people the user may see); this week when none is waiting. One query."""
    start, _ = weeks.week_bounds(weeks.monday_of(today))
    first = (
        AppointmentRequest.objects.filter(
            team=team, slot__isnull=True, cancelled_at__isnull=True, latest__gte=max(start, timezone.now())
        )
        .filter(person__in=visible_people(request))
        .aggregate(first=Min("earliest"))["first"]
    )
    if first is None:
        return weeks.monday_of(today)
    return weeks.monday_of(max(weeks.local(first).date(), today))


# --- sessions of slots --------------------------------------------------------------------------------------------


def practitioners_for(request, team) -> list[tuple[int, str]]:
    """Whose session the user may add: anyone in the team who sees people, for its leader; else only themselves."""
    if actions.leads(request, team.pk):
        members = (
            roles.possible_named_workers(team)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user_id")
        )
        found = {}
        for m in members:
            found.setdefault(m.user_id, m.user.display_name)
        return list(found.items())
    if roles.may_be_named_worker_in(request, team.pk):
        return [(request.user.pk, request.user.display_name)]
    return []


# --- one person's appointment -------------------------------------------------------------------------------------


def caseload_team_ids(person, teams: list) -> set[int]:
    """Which of `teams` have the person on their caseload. One query."""
    return set(
        CareRelationship.objects.active()
        .filter(person=person, kind="team_caseload", team_id__in=[t.pk for t in teams])
        .values_list("team_id", flat=True)
    )


def named_worker_of(person) -> CareRelationship | None:
    """The person's named worker relationship now, with the worker, or None. One query."""
    return CareRelationship.objects.active().filter(person=person, kind="named_worker").select_related("user").first()


def free_times(
    named: CareRelationship, team_id: int, earliest: datetime, latest: datetime, limit: int = SHOWN_TIMES
) -> list[Slot]:
    """The named worker's first free slots with the team in the window, soonest first. One query."""
    return list(weeks.free_slots_of(named.user_id, team_id, earliest, latest)[:limit])


# --- cancelling ---------------------------------------------------------------------------------------------------


def appointment_to_cancel(appointment_id) -> AppointmentRequest | None:
    """The appointment or waiting request, if not cancelled yet, with its slot's practitioner and team."""
    return (
        AppointmentRequest.objects.filter(pk=appointment_id, cancelled_at__isnull=True)
        .select_related("slot__practitioner", "team")
        .first()
    )


def already_cancelled(request, appointment_id) -> AppointmentRequest | None:
    """A cancelled appointment the user could have cancelled (pressing twice), else None."""
    found = AppointmentRequest.objects.filter(pk=appointment_id, cancelled_at__isnull=False).first()
    if found is None or not actions.in_team(request, found.team_id):
        return None
    facts = facts_for_people(request, [found.person])[found.person_id]
    return found if decide(facts, Action.WRITE, Category.CARE) else None
