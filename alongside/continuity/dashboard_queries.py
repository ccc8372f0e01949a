"""What the continuity dashboard, a person's measures and the named-worker review read.

Each function returns plain values or model instances already read, in a fixed number of queries however many
people, contacts or workers there are. The audit of who was listed is written here, beside the read it records.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef

from alongside.core.models import User
from alongside.partners import roles
from alongside.partners.models import Membership, Organisation
from alongside.partners.roles import NAMED_WORKER_ROLES
from alongside.people.access import record_list_access, visible_people
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Basis, Category

from . import actions, measure
from . import dashboard_figures as figures
from .models import ChangeRequest, Contact, ContinuityFacts
from .priority import HIGH, Priority, priority

PER_PAGE = 10  # people shown on each page of "People who most need a familiar face"
CONTACTS_LISTED = 200  # contacts shown at most on a person's measures page
LOW_SHARE = 0.5  # fewer than half their contacts with their named worker is low continuity


# --- the dashboard ------------------------------------------------------------------------------------------------


def led_teams(request) -> list:
    return roles.led_teams(request)


def gp_practices() -> list[tuple[int, str]]:
    return list(Organisation.objects.filter(kind=Organisation.Kind.GP_PRACTICE).values_list("pk", "name"))


def caseload_of(team) -> dict[int, int | None]:
    """The people on the team's caseload, with their GP practice. One query."""
    return dict(
        CareRelationship.objects.active()
        .filter(kind="team_caseload", team=team)
        .values_list("person_id", "person__gp_practice_id")
    )


def team_workers(team) -> list[User]:
    """The team's members who can be a named worker, by name."""
    members = roles.possible_named_workers(team).select_related("user").order_by("user__first_name", "user__last_name")
    found = {}
    for m in members:
        found.setdefault(m.user_id, m.user)
    return list(found.values())


def people_seen(first: date, last: date) -> list[tuple[int, int | None]]:
    """Everyone with a contact from `first` to `last`, with their GP practice: who the borough and practice
    figures are about. One query."""
    start, end = measure.Period(first, last).bounds
    had_contact = Contact.objects.filter(person=OuterRef("pk"), at__gte=start, at__lt=end)
    return list(Person.objects.filter(Exists(had_contact)).values_list("pk", "gp_practice_id"))


def named_worker_lists(workers: list[User] | None = None) -> list[tuple[int, int]]:
    """(person, worker) for each person whose named worker now is one of `workers` (or anyone). One query."""
    found = CareRelationship.objects.active().filter(kind="named_worker")
    if workers is not None:
        found = found.filter(user__in=workers)
    return list(found.values_list("person_id", "user_id"))


def live_figures(team, caseload, workers: list[User], period: measure.Period, today: date) -> figures.Figures:
    """The team's dashboard figures worked out now from everyone's contacts over the period and the last eight
    quarters (read once). Four queries."""
    quarters = measure.quarters(today)
    everything = measure.contacts(measure.Period(min(period.first, quarters[0].first), max(period.last, today)))
    seen = people_seen(min(period.first, quarters[0].first), today)
    teams = {team.pk: (list(caseload), [w.pk for w in workers])}
    return figures.work_out(period, quarters, everything, teams, named_worker_lists(workers), seen)


def nightly_figures(today: date) -> figures.Figures:
    """Every team's dashboard figures for the year up to `today` and the last eight quarters. Five queries."""
    period = measure.Period.last_year(today)
    quarters = measure.quarters(today)
    first = min(period.first, quarters[0].first)
    everything = measure.contacts(measure.Period(first, today))
    teams: dict[int, tuple[list[int], list[int]]] = {}
    caseloads = CareRelationship.objects.active().filter(kind="team_caseload").values_list("team_id", "person_id")
    for team_id, person_id in caseloads:
        teams.setdefault(team_id, ([], []))[0].append(person_id)
    members = Membership.objects.active().filter(role__in=NAMED_WORKER_ROLES).values_list("team_id", "user_id")
    for team_id, user_id in members.distinct():
        workers = teams.setdefault(team_id, ([], []))[1]
        if user_id not in workers:
            workers.append(user_id)
    return figures.work_out(period, quarters, everything, teams, named_worker_lists(), people_seen(first, today))


def dashboard_figures(team, caseload, workers: list[User], period: measure.Period, today: date, run=None):
    """The figures the nightly task kept in `run`, when they are for this period (one query); else worked out
    now."""
    if run and (run.first, run.last) == (period.first, period.last):
        return figures.stored(run, team.pk, [w.pk for w in workers])
    return live_figures(team, caseload, workers, period, today)


def latest_run():
    return figures.latest_run()


def default_period(today: date, run) -> measure.Period:
    """The period the dashboard opens on: the year the nightly figures in `run` cover, else the year up to today."""
    return measure.Period(run.first, run.last) if run else measure.Period.last_year(today)


@dataclass(frozen=True)
class NeedsFamiliarFace:
    """Someone for whom a familiar worker matters a lot, whose continuity over the period was low."""

    person: Person
    priority: Priority
    named_worker: User | None
    contacts: int
    with_named_worker: int
    may_review: bool

    @property
    def share(self) -> float:
        return self.with_named_worker / self.contacts if self.named_worker and self.contacts else 0.0


def people_needing_a_familiar_face(request, team, period: measure.Period, today: date) -> list[NeedsFamiliarFace]:
    """High-priority people on the team's caseload whom the user may see, with low continuity over the period (no
    named worker now, or fewer than half their contacts with them; no contacts counts as low). Highest priority
    first, then the lowest share with their named worker. Four queries, however many people."""
    on_caseload = CareRelationship.objects.active().filter(kind="team_caseload", team=team).values("person_id")
    records = (
        ContinuityFacts.objects.filter(person_id__in=on_caseload, priority__gte=HIGH)
        .filter(person__in=visible_people(request, Category.CARE))
        .select_related("person")
        .only("person_id", "priority", *actions.FACT_FIELDS, "person__given_name", "person__family_name")
    )
    high = {}
    for record in records:
        now = priority(actions.facts_of(record), today)  # the stored score can only fall since (a crisis ages)
        if now.score >= HIGH:
            high[record.person_id] = (record.person, now)
    named = {
        r.person_id: r.user
        for r in CareRelationship.objects.active()
        .filter(kind="named_worker", person_id__in=list(high))
        .select_related("user")
    }
    deciding = {}
    caseloads = CareRelationship.objects.active().filter(kind="team_caseload", person_id__in=list(high))
    for person_id, team_id in caseloads.order_by("started_at").values_list("person_id", "team_id"):
        deciding.setdefault(person_id, team_id)  # as actions.deciding_team: the earliest caseload
    contacts, with_named = Counter(), Counter()
    start, end = period.bounds
    theirs = Contact.objects.filter(person_id__in=list(high), at__gte=start, at__lt=end)
    for person_id, practitioner_id in theirs.values_list("person_id", "practitioner_id"):
        contacts[person_id] += 1
        worker = named.get(person_id)
        with_named[person_id] += worker is not None and worker.pk == practitioner_id
    found = []
    for person_id, (person, now) in high.items():
        row = NeedsFamiliarFace(
            person=person,
            priority=now,
            named_worker=named.get(person_id),
            contacts=contacts[person_id],
            with_named_worker=with_named[person_id],
            may_review=actions.leads(request, deciding.get(person_id)),
        )
        if row.named_worker is None or row.contacts == 0 or row.share < LOW_SHARE:
            found.append(row)
    return sorted(found, key=lambda r: (-r.priority.score, r.share, r.person.full_name))


def listed_needing_a_familiar_face(request, team, period: measure.Period, today: date, page: int = 1):
    """One page (PER_PAGE) of `people_needing_a_familiar_face`, each audited as listed, how many there are, and
    the page shown (the last, when one beyond it is asked for)."""
    needing = people_needing_a_familiar_face(request, team, period, today)
    page = min(page, max(1, -(-len(needing) // PER_PAGE)))
    shown = needing[(page - 1) * PER_PAGE : page * PER_PAGE]
    record_list_access(request, [n.person for n in shown], "continuity_priority_listed", Basis.RELATIONSHIP)
    return shown, len(needing), page


# --- one person's measures ----------------------------------------------------------------------------------------


def contacts_in(person, period: measure.Period) -> list[Contact]:
    """The person's contacts in the period, latest first, at most CONTACTS_LISTED, with their practitioner."""
    start, end = period.bounds
    return list(
        Contact.objects.filter(person=person, at__gte=start, at__lt=end)
        .select_related("practitioner")
        .order_by("-at", "-pk")[:CONTACTS_LISTED]
    )


# --- a team leader reviews the named worker -----------------------------------------------------------------------


def person_exists(pk) -> bool:
    return Person.objects.filter(pk=pk).exists()


def who_they_have_seen(person, period: measure.Period) -> list[tuple[int, str, int]]:
    """Who the person had contacts with in the period, and how many: most first, then most recent. One query."""
    start, end = period.bounds
    rows = (
        Contact.objects.filter(person=person, at__gte=start, at__lt=end)
        .values("practitioner_id", "practitioner__first_name", "practitioner__last_name", "practitioner__username")
        .annotate(contacts=Count("pk"), last=Max("at"))
        .order_by("-contacts", "-last")
    )
    return [
        (
            row["practitioner_id"],
            f"{row['practitioner__first_name']} {row['practitioner__last_name']}".strip()
            or row["practitioner__username"],
            row["contacts"],
        )
        for row in rows
    ]


def change_request_waiting(person, team, user) -> ChangeRequest | None:
    """A request to change the person's named worker, waiting for the team's answer, that `user` did not make as
    the current worker."""
    return (
        ChangeRequest.objects.filter(person=person, team=team, answered_at__isnull=True)
        .exclude(current_worker=user)
        .first()
    )
