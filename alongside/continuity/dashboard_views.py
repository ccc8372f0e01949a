"""The team leaders' continuity dashboard, a person's continuity measures, and a leader's review of a named worker.

Each page reads in a fixed number of queries, however many people, contacts or workers it shows: the period's
contacts come in one query (`measure.contacts`) and every table is a group-by over them.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Count, Exists, Max, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.core import audit
from alongside.core.access import PERSON_RECORD, access, roles
from alongside.core.forms import earlier_submission, once
from alongside.core.models import User
from alongside.partners.models import Membership, Organisation, Role
from alongside.partners.roles import NAMED_WORKER_ROLES
from alongside.people.access import open_record, record_denied, record_list_access, visible_people
from alongside.people.models import CareRelationship, Person
from alongside.people.policy import Basis, Category

from . import actions, measure
from .dashboard_forms import DashboardForm, PeriodForm, ReviewForm
from .models import ChangeRequest, Contact, ContinuityFacts
from .priority import HIGH, Priority, priority

TEAM_LEADERS = roles("team_leader")
LISTED = 50  # people shown at most in "People who most need a familiar face"
CONTACTS_LISTED = 200  # contacts shown at most on a person's measures page
LOW_SHARE = 0.5  # fewer than half their contacts with their named worker is low continuity

# Each index: its short name, its full name, and what it means in a sentence.
MEANINGS = {
    "upc": ("UPC", "Usual Provider of Care", "the share of contacts with the worker they saw most"),
    "breslau_upc": (
        "Breslau UPC",
        "Breslau's Usual Provider of Care",
        "the share of contacts with their named worker at the time",
    ),
    "coc": (
        "COC",
        "Bice-Boxerman Continuity of Care index",
        "the chance that two of their contacts, picked at random, were with the same worker",
    ),
    "hhi": ("HHI", "Herfindahl index", "how much their contacts were concentrated on one or a few workers"),
    "mmci": (
        "MMCI",
        "Modified Modified Continuity Index",
        "how few different workers they saw for how many contacts",
    ),
    "secon": ("SECON", "Sequential continuity", "the share of contacts with the same worker as the contact before"),
    "kpc": (
        "KPC",
        "Known provider continuity",
        "the share of contacts after the first with a worker they had seen in the year before",
    ),
    "slicc": (
        "SLICC",
        "St Leonard's Index of Continuity of Care",
        "of all the contacts of the people in the group, the share with their named worker at the time",
    ),
    "own_patient_ratio": (
        "Own-patient ratio",
        "Own-patient ratio",
        "of the contacts the workers gave, the share with people whose named worker they were",
    ),
}
GROUP_INDICES = ("upc", "breslau_upc", "coc", "kpc", "slicc", "own_patient_ratio")
PERSON_INDICES = ("upc", "breslau_upc", "coc", "hhi", "mmci", "secon", "kpc")


# --- the dashboard ------------------------------------------------------------------------------------------------


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


@dataclass
class Table:
    """A table of group summaries: a first column naming each row, some counts, then the indices."""

    id: str
    caption: str
    first: str
    counts: list[str]
    rows: list[tuple[str, list[int], measure.Summary]] = field(default_factory=list)
    caption_hidden: bool = False  # when a heading just above already says what the table is


@access(TEAM_LEADERS)
def dashboard(request):
    """For a team the user leads, over a chosen period: the people who most need a familiar face and are not
    getting one, then the team's, a GP practice's and the borough's continuity, quarter by quarter and by group."""
    today = timezone.localdate()
    teams = led_teams(request)
    practices = list(Organisation.objects.filter(kind=Organisation.Kind.GP_PRACTICE).values_list("pk", "name"))
    form = DashboardForm(request.GET, today=today, teams=[(t.pk, t.name) for t in teams], practices=practices)
    context = {"form": form, "has_errors": bool(form.errors), "several_teams": len(teams) > 1}
    period = form.period
    if period is None:
        return render(request, "continuity/dashboard.jinja", context)
    team = next(t for t in teams if str(t.pk) == form.cleaned_data["team"])
    caseload = dict(
        CareRelationship.objects.active()
        .filter(kind="team_caseload", team=team)
        .values_list("person_id", "person__gp_practice_id")
    )
    practice_id = int(form.cleaned_data["practice"] or 0) or usual_practice(caseload, practices)
    form.data["practice"] = str(practice_id or "")
    workers = team_workers(team)
    quarters = measure.quarters(today)
    # Everyone's contacts over the period and the last eight quarters, read once for every table below.
    everything = measure.contacts(measure.Period(min(period.first, quarters[0].first), max(period.last, today)))
    frame = measure.within(everything, period)

    needing = people_needing_a_familiar_face(request, list(caseload), frame, today)
    shown = needing[:LISTED]
    record_list_access(request, [n.person for n in shown], "continuity_priority_listed", Basis.RELATIONSHIP)
    audit.record(
        request,
        "continuity_dashboard_viewed",
        object_type="team",
        object_id=team.pk,
        detail={"first": period.first.isoformat(), "last": period.last.isoformat(), "practice": practice_id},
    )
    seen = people_seen(min(period.first, quarters[0].first), today)
    practice_name = dict(practices).get(practice_id, "")
    context |= {
        "team": team,
        "period": period,
        "needing": shown,
        "needing_count": len(needing),
        "practice_name": practice_name,
        "over_time": over_time_tables(everything, quarters, team, caseload, workers, seen, practice_id, practice_name),
        "by_worker": by_worker_table(frame, team, caseload, workers),
        "by_practice": by_practice_table(frame, seen, practices),
        "meanings": MEANINGS,
        "indices": GROUP_INDICES,
    }
    return render(request, "continuity/dashboard.jinja", context)


def led_teams(request) -> list:
    teams = {m.team_id: m.team for m in request.memberships if m.role == Role.TEAM_LEADER}
    return sorted(teams.values(), key=lambda t: t.name)


def usual_practice(caseload: dict[int, int | None], practices: list[tuple[int, str]]) -> int | None:
    """The GP practice most of the team's people are registered with, else the first practice."""
    known = {pk for pk, _ in practices}
    counted = Counter(p for p in caseload.values() if p in known).most_common(1)
    if counted:
        return counted[0][0]
    return practices[0][0] if practices else None


def team_workers(team) -> list[User]:
    """The team's members who can be a named worker, by name."""
    members = (
        Membership.objects.active()
        .filter(team=team, role__in=NAMED_WORKER_ROLES)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )
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


def people_needing_a_familiar_face(request, caseload: list[int], frame, today: date) -> list[NeedsFamiliarFace]:
    """High-priority people on the team's caseload whom the user may see, with low continuity over the period (no
    named worker now, or fewer than half their contacts with them; no contacts counts as low). Highest priority
    first, then the lowest share with their named worker. Three queries, however many people."""
    records = (
        ContinuityFacts.objects.filter(person_id__in=caseload, priority__gte=HIGH)
        .filter(person__in=visible_people(request, Category.CARE))
        .select_related("person")
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
    mine = frame.filter(frame["person_id"].is_in([str(pk) for pk in high]))
    for person_id, practitioner_id in mine.select("person_id", "practitioner_id").iter_rows():
        contacts[int(person_id)] += 1
        worker = named.get(int(person_id))
        with_named[int(person_id)] += worker is not None and str(worker.pk) == practitioner_id
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


def over_time_tables(everything, quarters, team, caseload, workers, seen, practice_id, practice_name) -> list[Table]:
    """The team's, the practice's and the borough's continuity in each of the last quarters, from contacts already
    read. The team's own-patient ratio counts its workers' contacts with anyone, and the practice's and the
    borough's count their own people's contacts."""
    team_trend = measure.over_time(
        quarters,
        measure.pairs((pk, "team") for pk in caseload),
        measure.pairs(((w.pk, "team") for w in workers), "practitioner_id"),
        frame=everything,
    )
    areas = [(pk, "borough") for pk, _ in seen] + [(pk, "practice") for pk, p in seen if p and p == practice_id]
    area_trend = measure.over_time(quarters, measure.pairs(areas), frame=everything)
    tables = []
    for group, caption, trend_found in [
        ("team", f"{team.name}, by quarter", team_trend),
        ("practice", f"{practice_name}, by quarter" if practice_name else "No GP practice to show", area_trend),
        ("borough", "The whole borough, by quarter", area_trend),
    ]:
        table = Table(f"over-time-{group}", caption, "Quarter", ["People seen", "Contacts"])
        for period, summaries in trend_found:
            summary = next((s for s in summaries if s.group == group), nothing(group))
            table.rows.append((quarter_name(period), [summary.people, summary.contacts], summary))
        tables.append(table)
    return tables


def by_worker_table(frame, team, caseload, workers) -> Table:
    """One row per named worker in the team, about the people whose named worker they are now, with the
    own-patient ratio of the contacts they gave; then the whole team. Two queries."""
    lists = list(
        CareRelationship.objects.active()
        .filter(kind="named_worker", user__in=workers)
        .values_list("person_id", "user_id")
    )
    people_in = measure.pairs(lists + [(pk, "team") for pk in caseload])
    givers_in = measure.pairs([(w.pk, w.pk) for w in workers] + [(w.pk, "team") for w in workers], "practitioner_id")
    found = {s.group: s for s in measure.summarise(frame, people_in, givers_in)}
    on_list = Counter(worker for _, worker in lists)
    counts = ["On their list", "Seen", "Contacts"]
    table = Table("by-named-worker", f"By named worker in {team.name}", "Named worker", counts, caption_hidden=True)
    for worker in workers:
        summary = found.get(str(worker.pk), nothing(str(worker.pk)))
        table.rows.append((worker.display_name, [on_list[worker.pk], summary.people, summary.contacts], summary))
    whole = found.get("team", nothing("team"))
    table.rows.append((f"Whole team ({team.name})", [len(caseload), whole.people, whole.contacts], whole))
    return table


def by_practice_table(frame, seen, practices) -> Table:
    """One row per GP practice, about the people registered with it, then the whole borough. No queries."""
    people_in = measure.pairs([(pk, p) for pk, p in seen if p] + [(pk, "borough") for pk, _ in seen])
    found = {s.group: s for s in measure.summarise(frame, people_in)}
    table = Table("practices", "By GP practice", "GP practice", ["People seen", "Contacts"], caption_hidden=True)
    for pk, name in practices:
        summary = found.get(str(pk), nothing(str(pk)))
        table.rows.append((name, [summary.people, summary.contacts], summary))
    borough = found.get("borough", nothing("borough"))
    table.rows.append(("Whole borough", [borough.people, borough.contacts], borough))
    return table


def nothing(group: str) -> measure.Summary:
    return measure.Summary(group=group, people=0, assessed=0, contacts=0, values={})


def quarter_name(period: measure.Period) -> str:
    """'January to March 2026'; a quarter not yet over says so."""
    first = period.first
    following = date(first.year + first.month // 10, (first.month + 2) % 12 + 1, 1)  # the next quarter's first day
    end = following - timedelta(days=1)
    name = f"{first:%B} to {end:%B %Y}"
    return name + " (so far)" if period.last < end else name


# --- one person's measures ----------------------------------------------------------------------------------------


@access(PERSON_RECORD)
def person_measures(request, pk):
    """The person's continuity over a chosen period, and the contacts the numbers come from."""
    person, _, _ = open_record(request, pk, Category.CARE, "continuity_measures_viewed")
    form = PeriodForm(request.GET, today=timezone.localdate())
    context = {"person": person, "form": form, "has_errors": bool(form.errors), "meanings": MEANINGS}
    period = form.period
    if period is None:
        return render(request, "continuity/person_measures.jinja", context)
    frame = measure.contacts(period, [person.pk])
    rows = measure.per_person(frame).to_dicts()
    numbers = rows[0] if rows else {"n_contacts": 0, "n_practitioners": 0}
    usual = dict(zip(frame["contact_id"].to_list(), frame["usual_practitioner_id"].to_list(), strict=True))
    start, end = period.bounds
    contacts = list(
        Contact.objects.filter(person=person, at__gte=start, at__lt=end)
        .select_related("practitioner")
        .order_by("-at", "-pk")[:CONTACTS_LISTED]
    )
    named = named_worker_of(person)
    context |= {
        "period": period,
        "numbers": numbers,
        "indices": [(name, numbers.get(name), why_not_measured(name, numbers)) for name in PERSON_INDICES],
        "contacts": [(c, usual.get(str(c.pk)) == str(c.practitioner_id)) for c in contacts],
        "contacts_total": frame.height,
        "named_worker": named.user if named else None,
    }
    return render(request, "continuity/person_measures.jinja", context)


def named_worker_of(person):
    return CareRelationship.objects.active().filter(person=person, kind="named_worker").select_related("user").first()


def why_not_measured(name: str, numbers: dict) -> str:
    if numbers["n_contacts"] == 0:
        return "no contacts in this period"
    if numbers["n_contacts"] == 1:
        return "only one contact in this period: it takes two or more"
    if name == "breslau_upc" and numbers.get(name) is None:
        return "they had no named worker at the time of any of these contacts"
    return ""


# --- a team leader reviews the named worker -----------------------------------------------------------------------


@access(TEAM_LEADERS)
def review_named_worker(request, pk):
    """The leader of the team that looks after the person gives them a different named worker, choosing, where
    they can, someone the person already knows."""
    team = actions.deciding_team(Person(pk=pk))
    if team is None or not actions.leads(request, team.pk):
        if Person.objects.filter(pk=pk).exists():  # a refusal is audited, as open_record does
            record_denied(request, "named_worker_review_opened", pk)
        raise Http404
    person, _, _ = open_record(request, pk, Category.CARE, "named_worker_review_opened")
    if request.method == "POST" and (previous := earlier_submission(request)):
        messages.success(request, "This change was already made: you may have pressed the button twice")
        return redirect(previous)
    current = named_worker_of(person)
    seen = who_they_have_seen(person, measure.Period.last_year(timezone.localdate()))
    times = {worker_id: count for worker_id, _, count in seen}
    choices = [w for w in team_workers(team) if not current or w.pk != current.user_id]
    choices.sort(key=lambda w: -times.get(w.pk, 0))  # people they know first; by name within that
    form = ReviewForm(
        request.POST or None, workers=[(w.pk, f"{w.display_name} – {seen_times(times.get(w.pk, 0))}") for w in choices]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def change():
            actions.review_named_worker(request, person, new_worker_id=int(data["new_worker"]), reason=data["reason"])
            return reverse("continuity:dashboard") + f"?team={team.pk}"

        url, made = once(request.user, data["form_key"], change)
        messages.success(request, "Named worker changed" if made else "This change was already made")
        return redirect(url)
    waiting = (
        ChangeRequest.objects.filter(person=person, team=team, answered_at__isnull=True)
        .exclude(current_worker=request.user)
        .first()
    )
    context = {
        "person": person,
        "team": team,
        "named_worker": current.user if current else None,
        "seen": seen,
        "form": form,
        "has_errors": bool(form.errors),
        "waiting": waiting,
    }
    return render(request, "continuity/review_named_worker.jinja", context)


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


def seen_times(count: int) -> str:
    return {0: "not seen in the last year", 1: "seen once", 2: "seen twice"}.get(count, f"seen {count} times")
