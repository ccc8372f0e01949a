"""The referring part's step of building the demo borough: a few dozen referrals to community services, in every
state, for people with staff around them, each made by one of those staff (their named worker or a member of
their care team) over the last four months:

- sent and waiting, within five working days; past them, with the reminder (the referrer's alert) sent;
- accepted; not able to help, with the service's reason; not taken up; the outcome given, in the service's words;
- one whose link has expired with no answer.

Each has the timeline entries and the referrer's alerts the real actions write (`actions_referring`), the link's
token hash, and the site the link was sent from. The `clinician` login has a few of its own people's referrals
to look at; the `coordinator` login, as a member of a few of the hub's clients' care teams, a few of its own, two
of them started from a volunteer's concern. Referrals started from a concern are told to it as the real flow
tells it (the registry's `ReferralStart.heard`), so the concern's history and the volunteer's alert are made the
same way.

As the borough streams past, the step keeps the few people it needs; at the end it writes the referrals (one bulk
insert per table: a few dozen rows).
"""

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.urls import reverse

from alongside.core import registry
from alongside.core.models import Alert
from alongside.core.registry import ReferralNews
from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building, copy_rows
from alongside.people.models import CareRelationship, Entry, Person

from . import referring_queries, referring_rules
from .actions_referring import ANSWER_WORDS, TIMELINE_KIND, answer_alert
from .finding_demo import SERVICE_KINDS
from .finding_queries import open_services
from .models import Service
from .referring_models import CommunityReferral
from .referring_rules import Status

# The demo's site: where `make demo` serves it (the link in a service's email starts with it).
SITE = "http://localhost:8000"
HUB = "Living Well volunteer hub"

WAITING = "sent, waiting"
REMINDED = "sent, past five working days and reminded"
EXPIRED = "sent, link expired"
ACCEPTED = "accepted"
NOT_ABLE = "not able to help"
NOT_TAKEN_UP = "not taken up"
OUTCOME = "outcome given"
STATES = [WAITING, REMINDED, ACCEPTED, NOT_ABLE, NOT_TAKEN_UP, OUTCOME, EXPIRED]
# How many of each, besides the logins' and the concerns' own.
HOW_MANY = {WAITING: 5, REMINDED: 4, ACCEPTED: 6, NOT_ABLE: 4, NOT_TAKEN_UP: 3, OUTCOME: 6, EXPIRED: 1}
CLINICIAN_STATES = [WAITING, ACCEPTED, OUTCOME, REMINDED, NOT_ABLE]
COORDINATOR_STATES = [ACCEPTED, WAITING, OUTCOME]
CONCERN_STATES = [WAITING, ACCEPTED, NOT_ABLE, OUTCOME, NOT_TAKEN_UP, ACCEPTED]
KEPT = 200  # people with staff around them, kept as the borough streams past

# What would help, in the referrer's words, with the needs (taxonomy codes) of the services that fit, best first.
WHAT_WOULD_HELP = [
    ("{name} lives alone and has not been out much since a fall. Would like company once a week.", ("befriending",)),
    ("{name} is worried about money since their partner died and does not know what they can claim.", ("benefits",)),
    ("{name} would like to get out more and enjoys a chat over a cup of tea.", ("groups", "company")),
    ("{name} has been feeling low and would like someone to talk to.", ("wellbeing",)),
    ("{name} cares for their partner, who has dementia, and is worn out. Would like time to themselves.", ("carers",)),
    ("{name} finds cooking hard now. A hot meal with other people a few times a week would help.", ("lunch", "food")),
    ("{name} cannot get to the shops or appointments since giving up driving.", ("transport",)),
    ("{name} would like to be more active after time in hospital, at a gentle pace.", ("walking", "activity")),
    ("{name} would like help to use a tablet to video call their grandchildren.", ("digital",)),
    ("{name} has debts building up and letters they are afraid to open.", ("debt", "money")),
]
REASONS = [
    "We have a waiting list of about three months. We have added them to it and will call when a place is free.",
    "We do not cover their part of Northvale. Please look for a service nearer to them.",
    "We are not taking on anyone new until the spring: we are short of volunteers.",
]
# The outcome, in the service's words, by the need the referral was for (the first of WHAT_WOULD_HELP's codes).
OUTCOMES = {
    "befriending": "A volunteer has visited every week since we met. They get on well and talk about gardening.",
    "benefits": "We checked their benefits: they can now claim Attendance Allowance, about 70 pounds a week.",
    "groups": "They come to the coffee morning most weeks and have made a friend there.",
    "wellbeing": "They came to six sessions and say they feel more like themselves. They know they can come back.",
    "carers": "We made a carer's plan with them, and a sitter now comes one afternoon a week.",
    "lunch": "They come to the lunch club on Thursdays and have made a friend there.",
    "transport": "They are signed up and use the minibus to go shopping every Friday.",
    "walking": "They came to the walking group for 8 weeks and now walk to the shops on their own.",
    "digital": "They have a tablet and can video call their family. They are coming to the next session too.",
    "debt": "Their debts are in a repayment plan they can afford, and the letters have stopped.",
}
SHARED = [
    ["name", "contact"],
    ["name", "contact", "communication"],
    ["name"],
]


@dataclass(frozen=True)
class Candidate:
    index: int
    name: str  # the person's full name
    given_name: str
    staff: str  # username: their current named worker, else a member of their care team


@dataclass
class Planned:
    person_id: int
    name: str
    given_name: str
    referrer: str  # username
    state: str
    came_from: str = ""
    care_team_since: datetime | None = None  # the referrer joins the care team then (the coordinator login)


class ReferringStep:
    """One build's community referrals: `person` keeps people with staff around them; `finish` writes them."""

    def __init__(self, building: Building):
        self.building = building
        self.rng = random.Random(building.seed * 7_919 + 46)
        self.others: list[Candidate] = []
        self.clinician: list[Candidate] = []
        self.hub_clients: list[Candidate] = []
        self.team_of = {p.username: p.team for p in building.plan.personas}
        self.services: list[Service] = []  # the services that take referrals, and by need: read in `finish`
        self.by_need: dict[str, list[Service]] = {}

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        current = [r for r in care.relationships if r.ended_at is None and r.user]
        staff = [r.user for r in current if r.kind == "named_worker"] + [
            r.user for r in current if r.kind == "care_team"
        ]
        name = f"{row.given_name} {row.family_name}"
        if staff and staff[0] == "clinician" and len(self.clinician) < len(CLINICIAN_STATES):
            self.clinician.append(Candidate(index, name, row.given_name, "clinician"))
        elif index and any(r.kind == "volunteer" for r in current) and len(self.hub_clients) < len(COORDINATOR_STATES):
            self.hub_clients.append(Candidate(index, name, row.given_name, "coordinator"))
        elif staff and len(self.others) < KEPT:
            self.others.append(Candidate(index, name, row.given_name, staff[0]))

    def plan(self) -> list[Planned]:
        b, rng = self.building, self.rng
        planned: list[Planned] = []
        taken: set[int] = set()

        def add(c: Candidate, state: str, **more) -> None:
            taken.add(c.index)
            planned.append(Planned(b.person_id(c.index), c.name, c.given_name, c.staff, state, **more))

        for c, state in zip(self.clinician, CLINICIAN_STATES, strict=False):
            add(c, state)
        for c, state in zip(self.hub_clients, COORDINATOR_STATES, strict=False):
            add(c, state, care_team_since=b.now - timedelta(days=rng.randint(130, 300)))
        others = [c for c in self.others if c.index not in taken]
        rng.shuffle(others)
        for state in STATES:
            for _ in range(HOW_MANY[state]):
                if others:
                    add(others.pop(), state)
        return planned

    def from_concerns(self) -> list[Planned]:
        """Referrals started from volunteers' concerns: the first two by the coordinator login (joining the
        person's care team), the others by the person's named worker or care team member."""
        b = self.building
        found = []
        for start in registry.referral_starts():
            if start.examples is not None:
                found += [(start.kind, person_id, ref) for person_id, ref in start.examples(len(CONCERN_STATES))]
        found = found[: len(CONCERN_STATES)]
        people = {p.pk: p for p in _people([person_id for _, person_id, _ in found])}
        staff = _staff_around([person_id for _, person_id, _ in found])
        planned = []
        for number, ((kind, person_id, ref), state) in enumerate(zip(found, CONCERN_STATES, strict=False)):
            person = people[person_id]
            referrer, since = staff.get(person_id), None
            if number < 2 or referrer is None:
                referrer, since = "coordinator", b.now - timedelta(days=self.rng.randint(130, 300))
            planned.append(
                Planned(person_id, person.full_name, person.given_name, referrer, state, f"{kind}:{ref}", since)
            )
        return planned

    def finish(self) -> None:
        b = self.building
        services = list(
            open_services()
            .exclude(referral_email="")
            .filter(maximum_age__isnull=True)  # the people referred are adults: no young carers group
            .select_related("organisation")
            .order_by("name", "pk")
        )
        by_need: dict[str, list[Service]] = {}  # by what each is (finding_demo.SERVICE_KINDS), not its other needs
        for code, kinds in SERVICE_KINDS.items():
            names = {name for name, _ in kinds}
            by_need[code] = [s for s in services if s.name in names or s.name.split(" at ")[0] in names]
        self.services, self.by_need = services, by_need
        planned = self.plan() + self.from_concerns()
        if not services or not planned:
            return
        users, teams = b.ids.users, b.ids.teams
        joining = [
            (p.person_id, "care_team", users[p.referrer], p.care_team_since, "")
            for p in {(p.person_id, p.referrer): p for p in planned}.values()
            if p.care_team_since is not None
            and not CareRelationship.objects.active(b.now)
            .filter(person_id=p.person_id, user_id=users[p.referrer], kind__in=["named_worker", "care_team"])
            .exists()
        ]
        with connection.cursor() as cursor:  # as the build writes relationships: rows, not an action
            copy_rows(cursor, CareRelationship, ["person", "kind", "user", "started_at", "ended_reason"], joining)
        for p in planned:
            self._write(p, users, teams)

    def _write(self, p: Planned, users: dict[str, int], teams: dict[str, int]) -> None:
        rng, now = self.rng, self.building.now
        wording, needs = rng.choice(WHAT_WOULD_HELP)
        fitting = next((self.by_need[code] for code in needs if self.by_need.get(code)), self.services)
        service = rng.choice(fitting)
        sent_at, answers = self._times(p, OUTCOMES[needs[0]])
        if p.care_team_since and sent_at <= p.care_team_since:
            sent_at = p.care_team_since + timedelta(days=1)
        form_key = uuid.UUID(int=rng.getrandbits(128), version=4)
        words = wording.format(name=p.given_name)
        status = answers[-1][0] if answers else Status.SENT
        overdue = referring_rules.answer_overdue(sent_at, now)
        reminded_at = referring_rules.add_working_days(sent_at, referring_rules.WAIT_WORKING_DAYS) if overdue else None
        if answers and reminded_at and reminded_at > answers[0][1]:
            reminded_at = None  # answered before a reminder was due
        referrer = users[p.referrer]
        referral = CommunityReferral.objects.create(
            person_id=p.person_id,
            service=service,
            referred_by_id=referrer,
            team_id=teams.get(self.team_of.get(p.referrer, "")),
            came_from=p.came_from,
            what_would_help=words,
            shared=sorted(rng.choice(SHARED)),
            agreed_on=sent_at.date(),
            agreement_recorded_by_id=referrer,
            status=status.value,
            reason=next((w for a, _, w in answers if a == Status.NOT_ABLE), ""),
            outcome=next((w for a, _, w in answers if a == Status.OUTCOME), ""),
            sent_at=sent_at,
            answered_at=answers[-1][1] if answers else None,
            first_answered_at=answers[0][1] if answers else None,
            reminded_at=reminded_at,
            token_hash=CommunityReferral.hash(referring_queries.token_for(form_key)),
            expires_at=referring_rules.expires_at(sent_at),
            form_key=form_key,
            site=SITE,
        )
        name = service.name
        Entry.objects.create(
            person_id=p.person_id,
            kind=TIMELINE_KIND,
            author_id=referrer,
            at=sent_at,
            text=f"Referred to {name} ({service.organisation.name}). What would help: {words}",
        )
        page = reverse("directory:referring_referral", args=[referral.pk])  # where the real alerts lead
        alerts: list[tuple[str, datetime]] = []
        if reminded_at:
            alerts.append(
                (f"No answer yet from {name} about {p.name}, 5 working days after you referred them", reminded_at)
            )
        start = registry.referral_start(p.came_from.partition(":")[0]) if p.came_from else None
        ref = p.came_from.partition(":")[2]
        if start is not None:
            start.heard(ref, ReferralNews(p.person_id, name, "sent"))
        for answer, at, said_words in answers:
            said = f"{name} {ANSWER_WORDS[answer]}" + (f": {said_words}" if said_words else ".")
            Entry.objects.create(person_id=p.person_id, kind=TIMELINE_KIND, author=None, at=at, text=said)
            alerts.append((answer_alert(name, answer, said_words), at))
            if start is not None:
                start.heard(ref, ReferralNews(p.person_id, name, answer.value, said_words))
        for text, at in alerts:
            alert = Alert.objects.create(recipient_id=referrer, text=text[:300], url=page)
            read = at + timedelta(hours=3) if at < now - timedelta(days=7) else None  # the older ones read
            Alert.objects.filter(pk=alert.pk).update(created_at=at, read_at=read)

    def _times(self, p: Planned, outcome: str) -> tuple[datetime, list[tuple[Status, datetime, str]]]:
        """When it was sent, and each answer of the service: (answer, when, the service's words)."""
        rng, now = self.rng, self.building.now
        if p.came_from:  # after the concern was raised: in the last few days
            days = {WAITING: (0, 1)}.get(p.state, (2, 6))
        else:
            days = {WAITING: (0, 3), REMINDED: (8, 13), EXPIRED: (20, 110)}.get(p.state, (10, 120))
        sent_at = now - timedelta(days=rng.randint(*days), hours=rng.randint(1, 8), minutes=rng.randint(0, 59))
        if p.state == WAITING:
            while referring_rules.answer_overdue(sent_at, now):  # within five working days, whatever the weekday
                sent_at += timedelta(days=1)
            sent_at = min(sent_at, now - timedelta(hours=1))
        if p.state in (WAITING, REMINDED, EXPIRED):
            return sent_at, []
        left = (now - sent_at).total_seconds()
        first = sent_at + timedelta(seconds=left * rng.uniform(0.05, 0.3))
        if p.state == ACCEPTED:
            return sent_at, [(Status.ACCEPTED, first, "")]
        if p.state == NOT_ABLE:
            return sent_at, [(Status.NOT_ABLE, first, rng.choice(REASONS))]
        later = first + timedelta(seconds=(now - first).total_seconds() * rng.uniform(0.3, 0.9))
        if p.state == NOT_TAKEN_UP:
            if rng.random() < 0.5:
                return sent_at, [(Status.NOT_TAKEN_UP, first, "")]
            return sent_at, [(Status.ACCEPTED, first, ""), (Status.NOT_TAKEN_UP, later, "")]
        return sent_at, [(Status.ACCEPTED, first, ""), (Status.OUTCOME, later, outcome)]


def _people(ids: list[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=ids))


def _staff_around(ids: list[int]) -> dict[int, str]:
    """Each person's current named worker, else a current member of their care team, by username."""
    found: dict[int, str] = {}
    relationships = (
        CareRelationship.objects.active()
        .filter(person_id__in=ids, kind__in=["named_worker", "care_team"], user__isnull=False)
        .order_by("person_id", "-kind", "pk")  # named_worker before care_team
        .values_list("person_id", "user__username")
    )
    for person_id, username in relationships:
        found.setdefault(person_id, username)
    return found
