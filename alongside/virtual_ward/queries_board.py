"""What the capacity board and the day's visits read: the same figures and patients for the page, its live region
and the API, in a fixed number of queries however many patients the ward has.

People's data is read through `access.seen_referrals` (audited, one insert): the board shows only the referrals and
episodes the rule lets the user see. Counts that name no one (beds, people accepted and waiting) are plain counts.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from alongside.core.numbers import whole_number
from alongside.partners.models import Membership, Role, Team
from alongside.partners.roles import caring_team_ids
from alongside.people.access import record_denied

from . import access
from .models import DayCapacity, Episode, PlannedContact, Referral, Review, Ward

LEAVING_WITHIN = timedelta(hours=12)
REVIEW_OVERDUE = timedelta(hours=24)
NURSE_ROLES = (Role.CLINICIAN, Role.TEAM_LEADER)


def my_ward_list(request) -> list[Ward]:
    """The wards whose team the user gives care in (no query: from request.memberships, then one for the wards)."""
    return list(access.my_wards(request))


def chosen_ward(request, wards: list[Ward]) -> Ward | None:
    """The ward asked for with ?ward=<id> (one of the user's), or the first of them."""
    asked = request.GET.get("ward") or request.POST.get("ward") or ""
    if (ward_id := whole_number(asked)) is not None:
        return next((w for w in wards if w.pk == ward_id), None)
    return wards[0] if wards else None


def leads(request, ward: Ward) -> bool:
    """Whether the user leads the ward's team (sets the day's beds)."""
    return any(m.team_id == ward.team_id and m.role == Role.TEAM_LEADER for m in request.memberships)


def on_a_ward_team(request) -> bool:
    """For the header link: a membership of a virtual ward team (no query)."""
    return any(getattr(m.team, "kind", "") == Team.Kind.VIRTUAL_WARD for m in getattr(request, "memberships", ()))


def beds_on(ward: Ward, day: date) -> tuple[int, str]:
    """The ward's beds on a day, and why they differ from the usual number ('' when they do not)."""
    found = DayCapacity.objects.filter(ward=ward, day=day).first()
    return (found.beds, found.reason or "Set for the day") if found else (ward.beds, "")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def people_on_ward(ward: Ward, day: date) -> int:
    """How many people had a bed on the ward at some time that day."""
    start, end = day_bounds(day)
    return (
        Episode.objects.filter(ward=ward, admitted_at__lt=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))
        .count()
    )


@dataclass
class Patient:
    episode: Episode
    name: str
    hour: int
    hours: int
    next_contact: PlannedContact | None
    review: Review | None
    since_review: timedelta | None
    leaving_soon: bool

    @property
    def review_overdue(self) -> bool:
        return self.since_review is None or self.since_review > REVIEW_OVERDUE

    @property
    def hours_since_review(self) -> int | None:
        return int(self.since_review.total_seconds() // 3600) if self.since_review is not None else None


@dataclass
class Board:
    ward: Ward
    now: datetime
    beds: int
    beds_reason: str
    patients: list[Patient] = field(default_factory=list)
    waiting_for_bed: list[Referral] = field(default_factory=list)
    waiting_for_bed_count: int = 0
    deciding_count: int = 0
    oldest_decision_due: datetime | None = None

    @property
    def occupied(self) -> int:
        return len(self.patients)

    @property
    def free(self) -> int:
        return max(0, self.beds - self.occupied)

    @property
    def leaving(self) -> list[Patient]:
        """Who leaves soon, the soonest first."""
        return sorted((p for p in self.patients if p.leaving_soon), key=lambda p: p.episode.due_end_at)

    @property
    def decision_time_left(self) -> timedelta | None:
        return self.oldest_decision_due - self.now if self.oldest_decision_due else None


def _candidates(ward: Ward) -> list[Referral]:
    """The ward's referrals that can be on the board: waiting for a decision, accepted and waiting for a bed, or
    admitted and not ended. Each episode is given its person (the referral's) and ward, read once."""
    found = list(
        access.with_everything()
        .filter(ward=ward)
        .filter(
            Q(decision="")
            | Q(decision=Referral.Decision.ACCEPTED, episode__isnull=True)
            | Q(episode__isnull=False, episode__ended_at__isnull=True)
        )
        .order_by("referred_at", "pk")
    )
    for referral in found:
        episode = getattr(referral, "episode", None)
        if episode is not None:
            episode.person, episode.ward = referral.person, referral.ward
    return found


def board(request, ward: Ward, what: str) -> Board:
    """The board of one ward for this user, audited as `what`. Queries: the day's beds, the candidates, the rule's
    facts, the audit insert, the accepted-and-waiting, the next contacts and the latest reviews: the same whatever
    the number of patients."""
    now = timezone.now()
    beds, reason = beds_on(ward, timezone.localdate())
    seen = access.seen_referrals(request, _candidates(ward), what)
    shown = Board(ward=ward, now=now, beds=beds, beds_reason=reason)
    waiting = [s.referral for s in seen if not s.referral.decision]
    shown.deciding_count = len(waiting)
    shown.oldest_decision_due = min((r.decision_due for r in waiting), default=None)
    shown.waiting_for_bed = [
        s.referral for s in seen if s.referral.decision and getattr(s.referral, "episode", None) is None
    ]
    shown.waiting_for_bed_count = len(shown.waiting_for_bed)
    episodes = [
        s.referral.episode
        for s in seen
        if s.referral.decision and getattr(s.referral, "episode", None) is not None and s.as_ward_team
    ]
    ids = [e.pk for e in episodes]
    nexts, reviews = (next_contacts(ids, now), latest_reviews(ids)) if ids else ({}, {})
    for e in sorted(episodes, key=lambda e: e.bed):
        hours = max(1, round((e.due_end_at - e.admitted_at).total_seconds() / 3600))
        hour = min(hours, int((now - e.admitted_at).total_seconds() // 3600) + 1)
        review = reviews.get(e.pk)
        shown.patients.append(
            Patient(
                episode=e,
                name=e.person.full_name,
                hour=max(1, hour),
                hours=hours,
                next_contact=nexts.get(e.pk),
                review=review,
                since_review=now - review.at if review else None,
                leaving_soon=e.due_end_at <= now + LEAVING_WITHIN,
            )
        )
    return shown


def next_contacts(episode_ids: list[int], now: datetime) -> dict[int, PlannedContact]:
    """Each episode's next visit, call or readings not yet done (from an hour ago on), with its nurse: one query."""
    found = (
        PlannedContact.objects.filter(
            episode_id__in=episode_ids, done_at__isnull=True, due_at__gte=now - timedelta(hours=1)
        )
        .select_related("nurse")
        .order_by("episode_id", "due_at", "pk")
        .distinct("episode_id")
    )
    return {p.episode_id: p for p in found}


def latest_reviews(episode_ids: list[int]) -> dict[int, Review]:
    """Each episode's latest review: one query."""
    found = (
        Review.objects.filter(episode_id__in=episode_ids).order_by("episode_id", "-at", "-pk").distinct("episode_id")
    )
    return {r.episode_id: r for r in found}


# --- a day's visits ----------------------------------------------------------------------------------------------


@dataclass
class DayPlan:
    ward: Ward
    day: date
    contacts: list[PlannedContact]
    names: dict[int, str]
    nurses: list


def nurses_of(ward: Ward) -> list:
    """The ward team's nurses (clinicians and its leaders), by name: one query."""
    members = Membership.objects.active().filter(team_id=ward.team_id, role__in=NURSE_ROLES).select_related("user")
    return sorted({m.user_id: m.user for m in members}.values(), key=lambda u: (u.display_name, u.pk))


def day_plan(request, ward: Ward, day: date, what: str) -> DayPlan:
    """The visits and calls of one day for the ward's patients this user sees (audited as `what`), with nurses."""
    seen = access.seen_referrals(request, _candidates(ward), what)
    episodes = {s.referral.episode.pk: s.referral.episode for s in seen if s.referral.decision and s.as_ward_team}
    start, end = day_bounds(day)
    contacts = list(
        PlannedContact.objects.filter(episode_id__in=list(episodes), due_at__gte=start, due_at__lt=end)
        .exclude(kind=PlannedContact.Kind.READINGS)
        .select_related("nurse")
        .order_by("due_at", "pk")
    )
    for c in contacts:
        c.episode = episodes[c.episode_id]
    names = {e.person_id: e.person.full_name for e in episodes.values()}
    return DayPlan(ward=ward, day=day, contacts=contacts, names=names, nurses=nurses_of(ward))


def usual_nurses(episode_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each episode, the nurse who did most of its done contacts, and how many: one query."""
    counts = (
        PlannedContact.objects.filter(episode_id__in=episode_ids, done_at__isnull=False, nurse__isnull=False)
        .values("episode_id", "nurse_id")
        .annotate(n=Count("pk"))
        .order_by("episode_id", "-n", "nurse_id")
    )
    usual: dict[int, tuple[int, int]] = {}
    for row in counts:
        usual.setdefault(row["episode_id"], (row["nurse_id"], row["n"]))
    return usual


def high_scores(episode_ids: list[int]) -> set[int]:
    """The episodes whose latest review scored medium or high."""
    return {e for e, r in latest_reviews(episode_ids).items() if r.response in ("medium", "high")}


def seen_planned(request, planned_id: int, what: str) -> tuple[PlannedContact, access.Seen] | None:
    """A visit or call of the ward's plan, for a member of the ward's team, audited; None (answer as missing,
    audited) otherwise. Someone else's and a missing one take the same path and the same queries."""
    planned = (
        PlannedContact.objects.filter(pk=planned_id)
        .select_related(
            "nurse", "episode__referral__ward", "episode__referral__person", "episode__referral__referred_by"
        )
        .first()
    )
    seen = []
    if planned is not None and planned.kind != PlannedContact.Kind.READINGS:
        referral = planned.episode.referral
        referral.episode = planned.episode
        planned.episode.person, planned.episode.ward = referral.person, referral.ward
        if referral.ward.team_id in caring_team_ids(request):
            seen = [s for s in access.seen_referrals(request, [referral], what) if s.as_ward_team]
    if not seen or planned is None:
        person_id = planned.person_id if planned else None
        record_denied(request, what, person_id, object_type="ward_planned_contact", object_id=planned_id)
        return None
    return planned, seen[0]


def duration_in_words(length: timedelta) -> str:
    """'1 hour 20 minutes', '45 minutes', '26 hours'."""
    minutes = max(0, int(length.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


NEWS2_WORDS = {
    "low": ("Low", "green"),
    "low_medium": ("3 in one sign: urgent review", "yellow"),
    "medium": ("Medium: urgent review", "orange"),
    "high": ("High: emergency response", "red"),
}


def news2_tag(review: Review | None) -> tuple[str, str]:
    """The words and colour of a NEWS2 tag: 'Incomplete' (never scored as normal) when a reading was missing."""
    if review is None:
        return "No NEWS2 yet", "grey"
    if review.news2 is None:
        least = f" (at least {review.news2_at_least})" if review.news2_at_least else ""
        return f"NEWS2 incomplete{least}", "grey"
    words, colour = NEWS2_WORDS.get(review.response, ("", "grey"))
    return f"NEWS2 {review.news2}: {words}" if words else f"NEWS2 {review.news2}", colour


def when(at: datetime) -> str:
    """A time on the board, to follow a verb: 'at 14:00' today, 'tomorrow at 09:30', 'yesterday at 22:10', else
    'on 7 December at 14:00'."""
    local, today = timezone.localtime(at), timezone.localdate()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    words = {0: f"at {clock}", 1: f"tomorrow at {clock}", -1: f"yesterday at {clock}"}
    return words.get(days, f"on {local:%-d %B} at {clock}")
