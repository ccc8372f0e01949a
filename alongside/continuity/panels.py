"""The home-page panels continuity contributes, one for each role that has work in it:

- a named worker's: their appointments today and later this week, and the people they are named worker for, most
  pressing first (high continuity priority, not seen for a while), each with their last contact;
- a team leader's: requests for a different named worker waiting for an answer, referrals waiting for a named
  worker, and each worker's caseload against their capacity;
- the person's own: their next appointment, and what they asked about their named worker, with the answer.

Each list of people is a read of each of them, audited. Each panel reads a fixed number of times, however many
people it is about.
"""

from contextlib import suppress

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from alongside.partners.models import PERSON_ROLE, Role
from alongside.partners.roles import NAMED_WORKER_ROLES, is_triage
from alongside.people.access import Acting, acting, record_list_access
from alongside.people.policy import Basis

from . import queries

CASELOAD_SHOWN = 8  # the most pressing; the rest are a link away


def _named_worker(request) -> bool:
    return any(m.role in NAMED_WORKER_ROLES for m in request.memberships)


def _sees_people_mainly(request) -> bool:
    """Seeing people is the heart of their work (a coordinator may be a named worker, but mostly is not)."""
    return any(m.role in NAMED_WORKER_ROLES and m.role != Role.COORDINATOR for m in request.memberships)


def caseload(request) -> dict | None:
    """For anyone who may be a named worker: what is coming up, and who is most pressing to see."""
    if acting(request) != Acting.STAFF or not _named_worker(request):
        return None
    rows = queries.caseload(request, CASELOAD_SHOWN)
    count = queries.caseload_count(request)
    appointments = queries.appointments_to_come(request)
    if not count and not appointments and not _sees_people_mainly(request):
        return None  # a coordinator with no one on a caseload: their own panels come first, not empty ones
    record_list_access(request, [a.person for a in appointments], "appointments_listed", Basis.RELATIONSHIP)
    today = timezone.localdate()
    at = {a.pk: timezone.localtime(a.slot.start) for a in appointments}
    return {
        "caseload": rows,
        "caseload_count": count,
        "today": [(f"{at[a.pk]:%H:%M}", a) for a in appointments if at[a.pk].date() == today],
        "this_week": [(f"{at[a.pk]:%A %-d %B, %H:%M}", a) for a in appointments if at[a.pk].date() != today],
    }


def team_leader(request) -> dict | None:
    """For a team leader: what waits for their decision, and how full each worker's caseload is."""
    if Role.TEAM_LEADER not in request.roles:
        return None
    waiting, overdue = queries.change_requests_waiting(request)
    loads = queries.caseloads_in_led_teams(request)
    referrals_url = None
    if not is_triage(request):  # the single point of access has its own panel for referrals
        with suppress(NoReverseMatch):  # referrals is another capability: link to its page if it is installed
            referrals_url = reverse("referrals:team")
    return {
        "referrals_url": referrals_url,
        "changes_waiting": waiting,
        "changes_overdue": overdue,
        "loads": loads,
        "over": sum(1 for w in loads if w.state == "over"),
    }


def own_appointment(request) -> dict | None:
    """For the person signed in to their own record: their next appointment, and who they will see, beside who
    their named worker is now (it may have changed since the appointment was booked). Two queries."""
    if PERSON_ROLE not in request.roles:
        return None
    person = request.user.person
    found = queries.next_appointment(person)
    when = f"{timezone.localtime(found.slot.start):%A %-d %B %Y at %H:%M}" if found else ""
    return {"next": found, "when": when, "named_worker": queries.named_worker_of(person)}


def own_change_requests(request) -> dict | None:
    """For the person signed in to their own record: their requests for a different named worker, with the team
    leader's answers. One query."""
    if PERSON_ROLE not in request.roles:
        return None
    person = request.user.person
    return {"person": person, "asked": queries.change_requests_about(person)}
