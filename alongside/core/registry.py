"""The registry of what each app adds to the platform, declared in one place: the `contributions.py` of its app.

A capability (referrals, continuity, and each one to come) writes `CONTRIBUTIONS = Contributions(...)` in
`alongside/<app>/contributions.py`. Core and the person record loop over what is registered here, in the order of
INSTALLED_APPS and then of each item's `order`, and import no capability: a new capability joins by writing its
app and listing it in INSTALLED_APPS. See docs/adr/0020-capabilities-plug-in-through-contributions.md.

Every callable here takes the request first and answers None when the user is not to see the part at all, so
that who may see what is decided where the data is read (through the one access policy), never in a template.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True)
class PersonSection:
    """A part of the person page. `context(request, record)` gives what its template needs, or None to leave it
    out; `record` is the person record as read for this user (alongside.people.record.PersonRecord)."""

    name: str
    order: int
    template: str
    context: Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class HomePanel:
    """A part of the home page. `context(request)` gives what its template needs, or None to leave it out."""

    name: str
    order: int
    template: str
    context: Callable[[Any], dict | None]


@dataclass(frozen=True)
class NavigationItem:
    """A link in the header for the users `shows(request)` is true for; `href(request)` is where it goes."""

    text: str
    order: int
    href: Callable[[Any], str]
    shows: Callable[[Any], bool]


@dataclass(frozen=True)
class ScheduledTask:
    """Work the background worker keeps scheduled: `schedule(now)` queues the next run unless one is waiting."""

    name: str
    schedule: Callable[[datetime], object]


@dataclass(frozen=True)
class TimelineKind:
    """A kind of entry on a person's timeline, and the category of person data it belongs to."""

    value: str
    label: str
    category: str


@dataclass(frozen=True)
class DemoStep:
    """A capability's step of building the demo borough (see alongside/demo/steps.py). `start(building)` makes the
    step's state for one build, which sees each person stream past (answering rows to write with them) and writes
    the rest at the end. `tables` are where those rows for each person go: (model, field names), written in the
    same COPY as the people, chunk by chunk."""

    name: str
    order: int
    start: Callable[[Any], Any]
    tables: tuple[tuple[Any, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class AuthorisationCoverage:
    """What the one authorisation matrix must cover for this capability: the URL names of its pages and API
    operations (namespaced, as `reverse` takes them) and the states of its data that change who may do what."""

    endpoints: tuple[str, ...]
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferralNews:
    """What became of a referral to a community service that started somewhere else (a concern): who it is about,
    the service's name, what happened ("sent", "accepted", "not_able", "not_taken_up" or "outcome") and the
    service's own words, if any."""

    person_id: int
    service: str
    what: str
    words: str = ""


@dataclass(frozen=True)
class StartShown:
    """A start of a referral as a user who may act on it sees it: in a few words ("the concern Priya raised on 3
    December"), whom it is about, and the basis (a people.policy.Basis value) on which the user acts on it, which
    the referral's audit rows carry."""

    words: str
    person_id: int
    basis: str


@dataclass(frozen=True)
class ReferralStart:
    """Somewhere a referral to a community service can start, besides the person's page: `kind` names it ("concern";
    an MDT action when that capability comes), a reference (`ref`) names one of them. `describe(request, ref)` shows
    it to a user who may act on it, else None: acting on it lets them refer its person, even without writing the
    person's record (a volunteer hub's coordinator answering a social worry). `heard(ref, news)` is told what became
    of the referral, and passes it on (to the volunteer who raised the concern, within what the person shares).
    `page(ref)` is its page, where the referrer goes back to and is sent to hear the service's answer.
    `examples(n)`, for the demo borough: up to n (person_id, ref) a demo referral can start from."""

    kind: str
    describe: Callable[[Any, str], StartShown | None]
    heard: Callable[[str, ReferralNews], None]
    page: Callable[[str], str]
    examples: Callable[[int], list[tuple[int, str]]] | None = None


@dataclass(frozen=True)
class ContactTakenPart:
    """A contact as a worker who took part in it (its practitioner, or who recorded it) sees it, for what follows the
    contact (a moment of reflection): whom it was with, when, its kind in a word or two ("Home visit") and the team
    it was recorded for."""

    person_id: int
    at: datetime
    kind: str
    team_id: int | None


@dataclass(frozen=True)
class AgendaSuggestion:
    """Someone a capability suggests an MDT meeting discusses: whom, why in a few plain words, since when, and where
    the suggestion came from (`ref`, "concern:12"). `volunteer_id`: a volunteer who raised it and could be invited
    for the item (with the person's agreement)."""

    person_id: int
    ref: str
    reason: str
    since: datetime
    volunteer_id: int | None = None


@dataclass(frozen=True)
class AgendaSource:
    """Where MDT agenda items come from besides a member adding someone: `kind` names it ("concern"), `label` says
    it in a few words ("Worries from volunteers"). `suggest(practice_id, neighbourhood_id)` gives what to suggest
    for the people registered at that GP practice (an Organisation) or living in that neighbourhood, whichever is
    given; the MDT shows them only to its core members. `answered(ref, words, by_user_id)`, if given, is told when an
    action agreed at the MDT about the suggestion is done, with its outcome in plain words (for a concern: the
    answer the volunteer who raised it hears)."""

    kind: str
    label: str
    suggest: Callable[[int | None, int | None], list[AgendaSuggestion]]
    answered: Callable[[str, str, int], None] | None = None


@dataclass(frozen=True)
class TeamPanel:
    """A part of a team's page (alongside/partners, /teams/<id>/), under "How the team reflects and improves":
    `context(request, team)` gives what its template needs, or None to leave it out (for users who are not to see
    it: each capability decides, through the one access policy, who sees what of a team)."""

    name: str
    order: int
    template: str
    context: Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class TeamShare:
    """How many of a team's people something holds for (`of` is the whole: staff, members), for figures side by
    side across teams: 18 of 20 staff trained in the recovery approach."""

    count: int
    of: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.of) if self.of else None


@dataclass(frozen=True)
class TeamFigure:
    """A figure a capability keeps for each team, shown beside other capabilities' on the partnership's view and
    as evidence beside a standard: `key` ("training:recovery_approach"), `label` in a few plain words ("Staff
    trained in the recovery approach"), and `shares(team_ids)`, which answers every team asked for in a constant
    number of queries (a team with no one to count is left out). Shares only, never names: whoever may see the
    partnership's view may see them."""

    key: str
    label: str
    order: int
    shares: Callable[[Sequence[int]], dict[int, TeamShare]]


@dataclass(frozen=True)
class Contributions:
    person_sections: tuple[PersonSection, ...] = ()
    home_panels: tuple[HomePanel, ...] = ()
    navigation: tuple[NavigationItem, ...] = ()
    api_routers: tuple[str, ...] = ()  # dotted paths to django-ninja routers, mounted under /api/v1/
    tasks: tuple[ScheduledTask, ...] = ()
    timeline_kinds: tuple[TimelineKind, ...] = ()
    demo_steps: tuple[DemoStep, ...] = ()
    authorisation: AuthorisationCoverage | None = None
    # Asked before a membership ends: (request, membership) -> what it would leave undone, or None
    # (alongside.partners.handover).
    membership_ending: tuple[Callable[[Any, Any], Any], ...] = ()
    referral_starts: tuple[ReferralStart, ...] = ()
    # Where a referral to a community service can be made from a start: (request, person_id, "kind:ref") -> the
    # address of the page that makes it, or None when the user may not refer the person.
    referral_pages: tuple[Callable[[Any, int, str], str | None], ...] = ()
    # A crisis known to this app: person_id -> the day of a recent crisis it recorded, or None. The caller has
    # already been let read the person; the plans app shows the crisis plan at the top of the person page.
    crisis_known: tuple[Callable[[int], date | None], ...] = ()
    # The person's own goals: person_id -> [(key, the goal in their words)], current ones, in their order. The
    # caller has already been let read the person; goal-based outcomes ask each goal to be rated from 0 to 10.
    person_goals: tuple[Callable[[int], list[tuple[str, str]]], ...] = ()
    # After a contact is recorded: (request, "kind:ref") -> the address of a page to offer next (a moment of
    # reflection), or None.
    after_contact: tuple[Callable[[Any, str], str | None], ...] = ()
    # A contact the user took part in: (request, "contact:12") -> the contact, or None when there is no such contact
    # or the user neither had it nor recorded it. For what follows a contact without importing the app that keeps it.
    contact_taken_part: tuple[Callable[[Any, str], ContactTakenPart | None], ...] = ()
    agenda_sources: tuple[AgendaSource, ...] = ()
    # Record a contact with a person, from another capability (a virtual ward visit): (request, person_id, kind
    # ("home_visit" or "phone"), at, minutes, note) -> the contact ("contact:12"). It checks the user may write the
    # person's care and audits, as recording the contact on its own page does; PermissionDenied otherwise.
    contact_recorders: tuple[Callable[[Any, int, str, datetime, int, str], str], ...] = ()
    # Parts of a team's page, and figures kept for each team (how a team reflects and improves, issue 18).
    team_panels: tuple[TeamPanel, ...] = ()
    team_figures: tuple[TeamFigure, ...] = ()
    app: str = field(default="", compare=False)


def combined(*parts: Contributions) -> Contributions:
    """One app's contributions from the parts its modules declare (each field's items, part after part), so that
    the parts of a larger capability are declared beside the code they belong to."""
    names = [name for name in Contributions.__dataclass_fields__ if name not in ("authorisation", "app")]
    merged: dict[str, Any] = {name: tuple(item for part in parts for item in getattr(part, name)) for name in names}
    coverages = [part.authorisation for part in parts if part.authorisation is not None]
    if coverages:
        merged["authorisation"] = AuthorisationCoverage(
            endpoints=tuple(e for c in coverages for e in c.endpoints),
            states=tuple(s for c in coverages for s in c.states),
        )
    return Contributions(**merged)


@cache
def registered() -> tuple[Contributions, ...]:
    """Every installed app's contributions, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.contributions"
        if find_spec(module_name) is None:
            continue
        found.append(replace(import_module(module_name).CONTRIBUTIONS, app=config.label))
    return tuple(found)


def _all(part: str) -> Iterable:
    for contributions in registered():
        yield from getattr(contributions, part)


def person_sections() -> list[PersonSection]:
    return sorted(_all("person_sections"), key=lambda s: s.order)


def home_panels() -> list[HomePanel]:
    return sorted(_all("home_panels"), key=lambda p: p.order)


def navigation() -> list[NavigationItem]:
    return sorted(_all("navigation"), key=lambda n: n.order)


def api_routers() -> list[str]:
    return list(_all("api_routers"))


def tasks() -> list[ScheduledTask]:
    return list(_all("tasks"))


def timeline_kinds() -> list[TimelineKind]:
    return list(_all("timeline_kinds"))


def demo_steps() -> list[DemoStep]:
    return sorted(_all("demo_steps"), key=lambda s: s.order)


def membership_ending() -> list[Callable[[Any, Any], Any]]:
    return list(_all("membership_ending"))


def referral_starts() -> list[ReferralStart]:
    return list(_all("referral_starts"))


def referral_start(kind: str) -> ReferralStart | None:
    return next((start for start in _all("referral_starts") if start.kind == kind), None)


def referral_page(request, person_id: int, came_from: str) -> str | None:
    """Where this user can refer the person to a community service from `came_from` ("concern:12"), or None."""
    return next((href for page in _all("referral_pages") if (href := page(request, person_id, came_from))), None)


def crisis_known(person_id: int) -> date | None:
    """The latest recent crisis any app knows of for the person, or None."""
    return max((day for known in _all("crisis_known") if (day := known(person_id))), default=None)


def person_goals(person_id: int) -> list[tuple[str, str]]:
    """The person's current goals in their own words, as (key, words), from whichever app keeps them."""
    return [goal for goals in _all("person_goals") for goal in goals(person_id)]


def after_contact(request, contact: str) -> str | None:
    """The page to offer after a contact ("contact:12") is recorded, or None."""
    return next((href for offer in _all("after_contact") if (href := offer(request, contact))), None)


def contact_taken_part(request, contact: str) -> ContactTakenPart | None:
    """The contact ("contact:12") if this user took part in it, from whichever app keeps contacts, else None."""
    return next((found for taken in _all("contact_taken_part") if (found := taken(request, contact))), None)


def record_contact(request, person_id: int, kind: str, at: datetime, minutes: int, note: str) -> str | None:
    """Record a contact with the person by the user, with whichever app keeps contacts: "contact:12", or None when
    no app keeps contacts."""
    recorder = next(iter(_all("contact_recorders")), None)
    return recorder(request, person_id, kind, at, minutes, note) if recorder else None


def team_panels() -> list[TeamPanel]:
    return sorted(_all("team_panels"), key=lambda p: p.order)


def team_panel(name: str) -> TeamPanel | None:
    """One team panel by its name, for a page that shows another capability's panel (a group reflection session
    shows the team's anonymous reflection patterns)."""
    return next((panel for panel in _all("team_panels") if panel.name == name), None)


def team_figures() -> list[TeamFigure]:
    return sorted(_all("team_figures"), key=lambda f: f.order)


def team_figure(key: str) -> TeamFigure | None:
    return next((figure for figure in _all("team_figures") if figure.key == key), None)


def agenda_sources() -> list[AgendaSource]:
    return list(_all("agenda_sources"))


def agenda_source(kind: str) -> AgendaSource | None:
    return next((source for source in _all("agenda_sources") if source.kind == kind), None)


def authorisation() -> dict[str, AuthorisationCoverage]:
    """By app label: the endpoints and states each app asks the authorisation matrix to cover."""
    return {c.app: c.authorisation for c in registered() if c.authorisation is not None}


@receiver(setting_changed)
def _installed_apps_changed(setting, **kwargs):
    if setting == "INSTALLED_APPS":
        registered.cache_clear()
