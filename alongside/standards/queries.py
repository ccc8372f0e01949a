"""Reading standards, cycles, ratings and stakeholders' checks, each page in a constant number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone

from alongside.core import link_tokens, registry
from alongside.core.registry import TeamShare
from alongside.partners.models import Team
from alongside.partners.roles import caring_team_ids

from . import quarters
from .models import Check, Colour, Cycle, Rating, StakeholderLink, Standard, StandardSet
from .quarters import Quarter
from .sets import install

HISTORY_CYCLES = 6


def hash_token(token: str) -> str:
    return link_tokens.hash_of(token)


def today() -> date:
    return timezone.localdate()


def caring_team(request, team_id: int) -> Team | None:
    """The team, if the user gives care in it (its leaders among them): else None, like a team that does not
    exist."""
    if team_id not in caring_team_ids(request):
        return None
    return next(m.team for m in request.memberships if m.team_id == team_id)


def set_for(organisation_id: int) -> StandardSet:
    """The set a team of this organisation rates in a new cycle: the organisation's newest own set, else the one
    that ships with Alongside."""
    found = (
        StandardSet.objects.filter(Q(organisation_id=organisation_id) | Q(organisation=None))
        .order_by(F("organisation_id").desc(nulls_last=True), "-added_at", "-pk")
        .first()
    )
    return found or install(StandardSet, Standard)


def shipped_set() -> StandardSet | None:
    return StandardSet.objects.filter(organisation=None).order_by("pk").first()


def cycle_of(team_id: int, quarter: Quarter) -> Cycle | None:
    return Cycle.objects.filter(team_id=team_id, year=quarter.year, quarter=quarter.number).first()


@dataclass
class RatedStandard:
    standard: Standard
    rating: Rating | None
    figure: tuple[str, TeamShare] | None = None  # (label, share) of the standard's evidence, when registered
    checks: list[Check] = field(default_factory=list)

    @property
    def agreed(self) -> int:
        return sum(1 for c in self.checks if c.agrees)

    @property
    def challenges(self) -> list[Check]:
        return [c for c in self.checks if not c.agrees]


@dataclass
class CyclePage:
    team: Team
    quarter: Quarter
    cycle: Cycle | None
    rows: list[RatedStandard]
    links: int = 0

    @property
    def rated(self) -> int:
        return sum(1 for row in self.rows if row.rating)

    @property
    def all_rated(self) -> bool:
        return bool(self.rows) and self.rated == len(self.rows)

    @property
    def shared(self) -> bool:
        return self.cycle is not None and self.cycle.shared_at is not None

    @property
    def open_challenges(self) -> int:
        return sum(1 for row in self.rows for c in row.challenges if c.answered_at is None)


def cycle_page(team: Team, quarter: Quarter, with_checks: bool = True) -> CyclePage:
    """The team's cycle for this quarter (or the standards it would rate, if none has started), with the evidence
    figures and what stakeholders said."""
    cycle = Cycle.objects.select_related("standard_set").filter(team=team, year=quarter.year, quarter=quarter.number)
    found = cycle.first()
    standard_set = found.standard_set if found else set_for(team.organisation_id)
    standards = list(Standard.objects.filter(standard_set=standard_set)) if standard_set else []
    ratings = {r.standard_id: r for r in Rating.objects.filter(cycle=found)} if found else {}
    checks: dict[int, list[Check]] = {}
    links = 0
    if found and found.shared_at and with_checks:
        for check in Check.objects.filter(rating__cycle=found).select_related("link").order_by("made_at", "pk"):
            checks.setdefault(check.rating_id, []).append(check)
        links = StakeholderLink.objects.filter(cycle=found).count()
    figures = evidence_figures(standards, team.pk)
    rows = []
    for standard in standards:
        rating = ratings.get(standard.pk)
        mine = checks.get(rating.pk, []) if rating else []
        rows.append(RatedStandard(standard, rating, figures.get(standard.evidence), mine))
    return CyclePage(team, quarter, found, rows, links)


def evidence_figures(standards: list[Standard], team_id: int) -> dict[str, tuple[str, TeamShare]]:
    """Each standard's evidence (a team figure another capability keeps), for this team, where it is registered."""
    found = {}
    for key in sorted({s.evidence for s in standards if s.evidence}):
        figure = registry.team_figure(key)
        if figure is None:
            continue
        share = figure.shares([team_id]).get(team_id)
        if share is not None:
            found[key] = (figure.label, share)
    return found


def standard_of(cycle_page_: CyclePage, number: int) -> RatedStandard | None:
    return next((row for row in cycle_page_.rows if row.standard.number == number), None)


# --- the link page -------------------------------------------------------------------------------------------------


def link_by_token(token: str) -> StakeholderLink | None:
    return link_by_hash(hash_token(token)) if token and len(token) <= 100 else None


def link_by_hash(token_hash: str) -> StakeholderLink | None:
    """The link whose token has this hash (what the session keeps), whatever its state."""
    return (
        StakeholderLink.objects.select_related("cycle__team", "cycle__standard_set")
        .filter(token_hash=token_hash)
        .first()
    )


def link_is_good(link: StakeholderLink, now=None) -> bool:
    """Unexpired, for a cycle that is shared and still open for checking."""
    now = now or timezone.now()
    cycle = link.cycle
    return (
        now < link.expires_at
        and cycle.shared_at is not None
        and quarters.is_open(cycle.period, timezone.localdate(now))
    )


@dataclass
class LinkRow:
    standard: Standard
    rating: Rating
    check: Check | None


def link_rows(link: StakeholderLink) -> list[LinkRow]:
    """The cycle's ratings with this stakeholder's own check of each (and the team's answer): nothing else."""
    ratings = Rating.objects.filter(cycle=link.cycle).select_related("standard").order_by("standard__number")
    mine = {c.rating_id: c for c in Check.objects.filter(link=link)}
    return [LinkRow(r.standard, r, mine.get(r.pk)) for r in ratings]


# --- history -------------------------------------------------------------------------------------------------------


@dataclass
class History:
    quarters: list[Quarter]
    rows: list[tuple[Standard, list[str | None]]]  # each standard with its colour in each quarter (None: not rated)


def history(team: Team, n: int = HISTORY_CYCLES) -> History:
    cycles = list(Cycle.objects.filter(team=team).order_by("-year", "-quarter")[:n])[::-1]
    latest_set = cycles[-1].standard_set_id if cycles else None
    standards = list(Standard.objects.filter(standard_set_id=latest_set)) if latest_set else []
    colours: dict[tuple[int, int], str] = {
        (r["cycle_id"], r["standard__number"]): r["colour"]
        for r in Rating.objects.filter(cycle__in=cycles).values("cycle_id", "standard__number", "colour")
    }
    rows = [(s, [colours.get((c.pk, s.number)) for c in cycles]) for s in standards]
    return History([c.period for c in cycles], rows)


# --- the partnership's view ----------------------------------------------------------------------------------------


GIVES_NO_CARE = (Team.Kind.CORPORATE,)  # governance and digital teams: not rated, so left out unless they rated


@dataclass
class TeamLine:
    team: Team
    quarter: Quarter | None
    colours: dict[str, int]
    open_challenges: int
    shares: dict[str, TeamShare]


def partnership(now_quarter: Quarter) -> tuple[list[tuple[str, str]], list[TeamLine]]:
    """Every team's latest cycle (counts of red, amber and green, challenges waiting) and every registered team
    figure, side by side (leaving out teams that give no care and have never rated): the teams in one query, the
    latest cycles with their counts in one, each figure in its own constant number."""
    teams = list(Team.objects.select_related("organisation").order_by("name", "pk"))
    newest = Cycle.objects.order_by("team_id", "-year", "-quarter").distinct("team_id").values("pk")
    latest = (
        Cycle.objects.filter(pk__in=newest)
        .annotate(
            red=Count("ratings", filter=Q(ratings__colour=Colour.RED), distinct=True),
            amber=Count("ratings", filter=Q(ratings__colour=Colour.AMBER), distinct=True),
            green=Count("ratings", filter=Q(ratings__colour=Colour.GREEN), distinct=True),
            waiting=Count(
                "ratings__checks",
                filter=Q(ratings__checks__agrees=False, ratings__checks__answered_at=None),
                distinct=True,
            ),
        )
        .values("team_id", "year", "quarter", "red", "amber", "green", "waiting")
    )
    by_team = {row["team_id"]: row for row in latest}
    figures = registry.team_figures()
    ids = [t.pk for t in teams]
    shares = {figure.key: figure.shares(ids) for figure in figures}
    lines = []
    for team in teams:
        row = by_team.get(team.pk)
        if row is None and team.kind in GIVES_NO_CARE:
            continue
        lines.append(
            TeamLine(
                team,
                Quarter(row["year"], row["quarter"]) if row else None,
                {c: row[c] for c in ("red", "amber", "green")} if row else {},
                row["waiting"] if row else 0,
                {key: found[team.pk] for key, found in shares.items() if team.pk in found},
            )
        )
    return [(f.key, f.label) for f in figures], lines


# --- panels --------------------------------------------------------------------------------------------------------


def panel_counts(team_id: int, quarter: Quarter) -> dict | None:
    """This quarter's cycle of the team in one query: rated, shared, links, challenges waiting."""
    row = (
        Cycle.objects.filter(team_id=team_id, year=quarter.year, quarter=quarter.number)
        .annotate(
            rated=Count("ratings", distinct=True),
            total=Count("standard_set__standards", distinct=True),
            links_made=Count("links", distinct=True),
            waiting=Count(
                "ratings__checks",
                filter=Q(ratings__checks__agrees=False, ratings__checks__answered_at=None),
                distinct=True,
            ),
        )
        .values("shared_at", "rated", "total", "links_made", "waiting")
        .first()
    )
    return row


def waiting_challenges(team_ids: list[int]) -> list[dict]:
    """For a team leader's home page: the teams with stakeholders' challenges waiting for an answer, in one
    query."""
    return list(
        Check.objects.filter(rating__cycle__team_id__in=team_ids, agrees=False, answered_at=None)
        .values("rating__cycle__team_id", "rating__cycle__team__name", "rating__cycle__year", "rating__cycle__quarter")
        .annotate(waiting=Count("pk"))
        .order_by("rating__cycle__team__name", "rating__cycle__year", "rating__cycle__quarter")
    )


def challenge(check_id: int) -> Check | None:
    """A stakeholder's challenge (a check that does not agree), with its rating, standard, cycle, team and link."""
    return (
        Check.objects.select_related("rating__standard", "rating__cycle__team", "link")
        .filter(pk=check_id, agrees=False)
        .first()
    )
