"""Reading training: the courses a user may use, a team's coverage, someone's own records, and shares across
many teams. Each reads a fixed number of queries however many people, courses and records there are."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from alongside.core.registry import TeamShare
from alongside.partners.models import Membership, Organisation, Team

from .expiry import Done, Standing, Tally, is_for, latest, standing_of, tally
from .models import Course, Record, Retirement
from .who import STAFF_ROLES

RECOVERY = "recovery_approach"
SAFEGUARDING = "safeguarding_adults"


def team(team_id: int) -> Team | None:
    return Team.objects.filter(pk=team_id).first()


def record_of(pk: int) -> Record | None:
    return Record.objects.select_related("course", "user", "recorded_by").filter(pk=pk).first()


def staff_teams_of(user_id: int) -> list[Team]:
    """The teams the user is active staff in: those whose leader (or administrator) may put their records right."""
    found = Membership.objects.active().filter(user_id=user_id, role__in=list(STAFF_ROLES)).select_related("team")
    return [m.team for m in found]


def course_names(organisation_ids: Iterable[int]) -> dict[int, set[str]]:
    """For each organisation, the names a new course of its own may not take: the shipped courses' and its own."""
    ids = list(organisation_ids)
    taken: dict[int, set[str]] = {pk: set() for pk in ids}
    for owner, name in _all_courses_for(ids).values_list("organisation_id", "name"):
        for pk in ids if owner is None else [owner]:
            taken[pk].add(name)
    return taken


def organisations(organisation_ids: Iterable[int]) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=list(organisation_ids)).order_by("name", "pk"))


def _all_courses_for(organisation_ids: Iterable[int]):
    return Course.objects.filter(Q(organisation=None) | Q(organisation_id__in=list(organisation_ids)))


def courses_for(organisation_ids: Iterable[int]) -> list[Course]:
    """The courses offered: the shipped courses, then the organisations' own, in the order they were added; none
    that any of the organisations has retired."""
    ids = list(organisation_ids)
    return list(_all_courses_for(ids).exclude(retirements__organisation_id__in=ids))


def retired_for(organisation_ids: Iterable[int]) -> list[Retirement]:
    """The courses the organisations no longer offer: each retirement, with its course and organisation."""
    found = Retirement.objects.filter(organisation_id__in=list(organisation_ids)).select_related(
        "course", "organisation"
    )
    return list(found.order_by("organisation__name", "course__name", "pk"))


def course_to_retire(course_id: int, organisation_ids: Iterable[int]) -> tuple[Course | None, list, set[int]]:
    """The course, if one of the organisations may retire it (shipped, or its own); those of the organisations that
    may (its own organisation, or all of them for a shipped course), by name; and those that have retired it
    already."""
    ids = list(organisation_ids)
    found = _all_courses_for(ids).filter(pk=course_id).first()
    if found is None:
        return None, [], set()
    may = [found.organisation_id] if found.organisation_id is not None else ids
    retired = set(
        Retirement.objects.filter(course=found, organisation_id__in=may).values_list("organisation_id", flat=True)
    )
    return found, list(Organisation.objects.filter(pk__in=may).order_by("name", "pk")), retired


@dataclass(frozen=True)
class Member:
    user_id: int
    name: str
    roles: frozenset[str] = frozenset()  # their staff roles in the team


def staff_of(team_ids: Sequence[int]) -> dict[int, list[Member]]:
    """Each team's active staff (anyone in a role other than volunteer), by name, with their roles; one query."""
    rows = (
        Membership.objects.active()
        .filter(team_id__in=list(team_ids), role__in=list(STAFF_ROLES))
        .values_list("team_id", "user_id", "user__first_name", "user__last_name", "user__username", "role")
        .order_by("user__first_name", "user__last_name", "user_id")
    )
    names: dict[int, dict[int, str]] = defaultdict(dict)
    roles: dict[tuple[int, int], set[str]] = defaultdict(set)
    for team_id, user_id, first, last, username, role in rows:
        names[team_id][user_id] = f"{first} {last}".strip() or username
        roles[(team_id, user_id)].add(role)
    return {
        team_id: [Member(user_id, name, frozenset(roles[(team_id, user_id)])) for user_id, name in members.items()]
        for team_id, members in names.items()
    }


def _done(user_ids: Iterable[int], courses: Iterable[int]) -> dict[tuple[int, int], list[Done]]:
    """(user id, course id) -> their completions; one query."""
    found: dict[tuple[int, int], list[Done]] = defaultdict(list)
    rows = Record.objects.filter(user_id__in=list(user_ids), course_id__in=list(courses))
    for user_id, course_id, completed, expires in rows.values_list(
        "user_id", "course_id", "completed_on", "expires_on"
    ):
        found[(user_id, course_id)].append(Done(completed, expires))
    return found


@dataclass(frozen=True)
class CourseCoverage:
    course: Course
    tally: Tally  # only the staff the course is for
    people: list[tuple[Member, Standing, Done | None]]  # empty unless names may be seen

    @property
    def to_do(self) -> list[tuple[Member, Standing, Done | None]]:
        """Those with something to do: expired, due soon or not done."""
        return [p for p in self.people if p[1] != Standing.IN_DATE]


@dataclass(frozen=True)
class Coverage:
    staff: int
    courses: list[CourseCoverage]
    recovery: CourseCoverage | None
    mine: dict[int, tuple[Standing, Done | None]]  # course id -> the user's own standing, if they are staff here


def coverage(team, user_id: int, names: bool, today: date | None = None) -> Coverage:
    """For each course, how the team's staff it is for stand; with names for those who manage the team. Three
    queries."""
    today = today or timezone.localdate()
    courses = courses_for([team.organisation_id])
    members = staff_of([team.pk]).get(team.pk, [])
    done = _done([m.user_id for m in members], [c.pk for c in courses])
    shown = []
    mine = {}
    for course in courses:
        people = []
        for member in (m for m in members if is_for(course.for_roles, m.roles)):
            found = done.get((member.user_id, course.pk), [])
            people.append((member, standing_of(found, today), latest(found)))
            if member.user_id == user_id:
                mine[course.pk] = (people[-1][1], people[-1][2])
        shown.append(CourseCoverage(course, tally(s for _, s, _ in people), people if names else []))
    recovery = next((c for c in shown if c.course.key == RECOVERY), None)
    return Coverage(len(members), shown, recovery, mine)


def shares(course_key: str, team_ids: Sequence[int], today: date | None = None) -> dict[int, TeamShare]:
    """How many of each team's staff the course is for have it in date (due soon included: it has not run out);
    teams with none of them are left out. Three queries."""
    today = today or timezone.localdate()
    the_course = Course.objects.filter(key=course_key).first()
    if the_course is None:
        return {}
    members = {
        team_id: [m for m in team if is_for(the_course.for_roles, m.roles)]
        for team_id, team in staff_of(team_ids).items()
    }
    users = {m.user_id for team in members.values() for m in team}
    done: dict[int, list[Done]] = defaultdict(list)
    rows = Record.objects.filter(user_id__in=users, course=the_course)
    for user_id, completed, expires in rows.values_list("user_id", "completed_on", "expires_on"):
        done[user_id].append(Done(completed, expires))
    result = {}
    for team_id, team in members.items():
        if team:
            counted = tally(standing_of(done.get(m.user_id, []), today) for m in team)
            result[team_id] = TeamShare(counted.valid, counted.of)
    return result


@dataclass(frozen=True)
class OwnCourse:
    course: Course
    standing: Standing
    records: list[Record]
    elsewhere: int = 0  # records left out: made in another organisation


def own(
    user,
    organisation_ids: Iterable[int],
    roles: Iterable[str],
    today: date | None = None,
    recorded_in: int | None = None,
) -> list[OwnCourse]:
    """The user's own records for each course that is for them (their staff `roles`), with where they stand. Given
    `recorded_in` (for a leader or an administrator of that organisation), only the records made in it are listed:
    the standing still counts them all, as the team's coverage does. Three queries."""
    today = today or timezone.localdate()
    held = set(roles)
    records: dict[int, list[Record]] = defaultdict(list)
    for record in Record.objects.filter(user=user).select_related("recorded_by"):
        records[record.course_id].append(record)
    offered = {c.pk for c in courses_for(organisation_ids)}
    courses = [  # a retired course stays while the user has records of it: they still count while in date
        c
        for c in _all_courses_for(organisation_ids)
        if is_for(c.for_roles, held) and (c.pk in offered or records[c.pk])
    ]
    found = []
    for c in courses:
        standing = standing_of([Done(r.completed_on, r.expires_on) for r in records[c.pk]], today)
        shown = [r for r in records[c.pk] if recorded_in is None or r.organisation_id == recorded_in]
        found.append(OwnCourse(c, standing, shown, len(records[c.pk]) - len(shown)))
    return found
