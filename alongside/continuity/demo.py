"""Continuity of care in the demo borough: two years of contacts, the facts behind continuity priority, and a week
of appointments to book. Plain Python: no Django here.

Drawn in two steps, from random streams of their own (so adding them leaves the rest of the borough unchanged):

1. `ContinuityGenerator.person` draws each person's contacts and, for some, their recorded facts, as the loader
   streams the borough past, and keeps a few thousand people of each neighbourhood to ask for appointments.
2. `ContinuityGenerator.week` then lays out the neighbourhood teams' appointments: a few already booked earlier
   this week, and next week's slots and the requests waiting for them, a few more requests than slots.

How continuity differs between people:

- **Need.** Each person has a level of need (low, medium or high, more often high the older they are): it decides
  how many contacts they had in two years (2 to 6, 5 to 15, or 15 to 40, fewer for people who joined the caseload
  since), how many of them were home visits, and how likely staff were to record the facts behind continuity
  priority (frailty, a long-term condition, a crisis, ...), which are themselves drawn by need.
- **The practice.** Half the GP practices (one in each neighbourhood, `PERSONAL_LIST_PRACTICES`) work with the
  neighbourhood team on personal lists: 70% to 85% of their patients' contacts are with the named worker of the
  time. At the others it is 25% to 40%, and the rest are spread over the neighbourhood team's clinicians (and the
  care-team members of the time). Each person's share varies a little around their practice's.
- **Time.** A contact can only be with the named worker active at the time: people whose named worker changed saw
  the earlier one before the handover, and nobody saw their named worker before that part began.

Rows refer to people by their index in the borough, to staff by username and to teams by name, as the rest of the
generator does; the loader (`demo_step.py`, continuity's step of building the borough) turns them into database
ids.
"""

import math
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo

from alongside.continuity import priority as continuity_priority
from alongside.demo.borough import (
    NEIGHBOURHOODS,
    PRACTICE_NAMES,
    BoroughPlan,
    PersonCare,
    PersonRow,
    Staffing,
    caseload_team,
)

UK = ZoneInfo("Europe/London")
HISTORY = timedelta(days=730)  # two years of contacts, up to `now`

# The share of a person's contacts with their named worker of the time, by GP practice (see the module docstring).
PRACTICE_CONTINUITY = {
    "Riverside Medical Centre": 0.80,
    "Wharf Lane Surgery": 0.30,
    "Hillcrest Health Centre": 0.35,
    "Beacon Practice": 0.75,
    "Old Town Surgery": 0.85,
    "Market Square Practice": 0.25,
    "Meadowbank Family Practice": 0.40,
    "Kingfisher Medical Group": 0.70,
}
PERSONAL_LIST_PRACTICES = [name for name in PRACTICE_NAMES if PRACTICE_CONTINUITY[name] >= 0.7]
PERSON_SPREAD = 0.08  # how much one person's share varies around their practice's (standard deviation)
CARE_TEAM_SHARE = 0.35  # of the contacts not with the named worker, those with a care-team member of the time

LOW, MEDIUM, HIGH = 0, 1, 2
NEED_BY_AGE = [(65, (70, 25, 5)), (80, (50, 35, 15)), (200, (30, 40, 30))]  # (below this age, weights by need)
CONTACTS_BY_NEED = [(2, 6), (5, 15), (15, 40)]  # in two years on the caseload
NO_CONTACTS_SHARE = 0.05
KINDS = ["home_visit", "clinic", "phone", "video"]
KIND_WEIGHTS = [(25, 35, 30, 10), (40, 25, 28, 7), (55, 15, 25, 5)]  # by need
MINUTES = {"home_visit": (20, 60), "clinic": (10, 30), "phone": (10, 25), "video": (15, 30)}
NOTE_SHARE = 0.3
NOTES = {
    "home_visit": [
        "Dressing changed; healing well.",
        "Checked the blister pack and the tablets left.",
        "Walked to the gate together.",
        "Blood pressure checked.",
        "Talked through the falls plan.",
        "Pressure areas checked; skin is fine.",
    ],
    "clinic": ["Leg ulcer reviewed.", "Bloods taken.", "Blood pressure checked.", "Weight steady."],
    "phone": [
        "Rang to see how the week went.",
        "Called about the new tablets.",
        "Their daughter rang with a question about the visits.",
    ],
    "video": ["Breathing and inhaler technique checked on video.", "Went through the staying well plan."],
}

# Recorded facts: who has them, and what they are, by need (low, medium, high).
FACTS_SHARE = (0.15, 0.35, 0.7)
FRAILTY = (
    ["", "", "", "mild"],
    ["", "", "mild", "mild", "moderate"],
    ["mild", "mild", "moderate", "moderate", "severe"],
)
LONG_TERM_CONDITION = (0.4, 0.7, 0.85)
INCURABLE_ILLNESS = (0.01, 0.05, 0.15)
LIVES_ALONE = (0.35, 0.4, 0.45)
WANTS_CONTINUITY = (0.15, 0.25, 0.35)
CRISIS = (0.03, 0.12, 0.35)  # a crisis in the last 400 days; about one in five of them in the last 90
ADJUSTMENT_SHARE = 0.04
ADJUSTMENTS = [
    (2, "Their main carer is in hospital: a familiar face matters more for now."),
    (1, "Frightened since the burglary; knows and trusts their named worker."),
    (1, "Very hard of hearing: a familiar worker understands them best."),
    (-1, "Well supported by family and happy to see anyone from the team."),
    (-2, "Has told us they do not mind who visits."),
]

# The week of appointments.
SESSIONS = [time(9, 0), time(13, 30)]  # a morning and an afternoon session, each of nine 20-minute slots
SLOTS_PER_SESSION, SLOT_MINUTES = 9, 20
SESSIONS_A_WEEK = (3, 5)  # each clinician works this many of the week's ten sessions
OVERSUBSCRIBED = 1.08  # requests for each slot next week: a few cannot be served
FROM_FACTS_SHARE = 0.75  # requests for people with a continuity priority above 0 (whose facts are recorded)
ASKED_SHARE = 0.25  # at most this share of the people kept in a neighbourhood are asked for next week
WINDOWS = [("half", 10), (1, 30), (2, 20), (3, 15), (5, 25)]  # days (or half a day) and weights
DAY_ENDS = time(17, 0)
WHAT_FOR = [
    "Review of leg ulcer dressing",
    "Check medicines after hospital stay",
    "Blood pressure check",
    "Review of breathing and inhalers",
    "Diabetes foot check",
    "Catheter change",
    "Wound check after the operation",
    "Talk through the staying well plan",
    "Check on mood and sleep",
    "Pressure area check",
    "Falls review at home",
    "Blood test",
    "Follow-up after a chest infection",
    "Review of pain relief",
    "B12 injection",
]
BOOKED_THIS_WEEK = 0.7  # of this week's slots (up to today), those already booked
CANDIDATES_KEPT = 2_000  # people kept per neighbourhood, with and without recorded facts, to ask for appointments
CLINICIAN_LOGIN_REQUESTS = 6  # next week's requests, at least, for people of the 'clinician' login


class ContactRow(NamedTuple):
    person: int
    practitioner: str  # username; they recorded it too
    team: str
    kind: str
    at: datetime
    minutes: int
    note: str
    recorded_at: datetime


class FactsRow(NamedTuple):
    person: int
    frailty: str
    long_term_condition: bool
    incurable_illness: bool
    lives_alone: bool
    wants_continuity: bool
    last_crisis_on: date | None
    adjustment: int
    adjustment_note: str
    priority: int
    updated_by: str
    updated_at: datetime


class PersonContinuity(NamedTuple):
    contacts: list[ContactRow]
    facts: FactsRow | None


NO_CONTINUITY = PersonContinuity([], None)


class SlotRow(NamedTuple):
    number: int  # its place among the demo's slots, from 0: the loader adds the first id it reserved
    team: str
    practitioner: str
    start: datetime
    minutes: int
    kind: str
    created_by: str
    created_at: datetime


class RequestRow(NamedTuple):
    person: int
    team: str
    earliest: datetime
    latest: datetime
    what_for: str
    asked_by: str
    asked_at: datetime
    slot: int | None = None  # a SlotRow's number, once booked
    booked_at: datetime | None = None
    booked_by: str | None = None
    booking_reason: str = ""
    with_named_worker: bool = False


class Candidate(NamedTuple):
    """A person kept to ask for an appointment: their named worker now, and their continuity priority."""

    person: int
    worker: str | None
    priority: int


@dataclass
class WeekRows:
    this_monday: date
    next_monday: date
    slots: list[SlotRow] = field(default_factory=list)
    requests: list[RequestRow] = field(default_factory=list)


class ContinuityGenerator:
    """Contacts and facts one person at a time (`person`), then the appointments (`week`). The same seed, borough
    and `now` always give the same rows."""

    def __init__(self, seed: int, now: datetime, today: date, plan: BoroughPlan, zone: tzinfo = UK):
        self.rng = random.Random(seed * 104_729 + 53)
        self.week_rng = random.Random(seed * 15_485_863 + 11)  # the week's own: its sessions do not depend on `now`
        self.now, self.today, self.zone = now, today, zone
        self.staff = Staffing(plan)
        self.team_of = {p.username: p.team for p in plan.personas}
        self.name_of = {p.username: f"{p.given_name} {p.family_name}" for p in plan.personas}
        self.leader_of = {p.team: p.username for p in plan.personas if p.role == "team_leader"}
        # The people kept, by neighbourhood, to ask for appointments: those with a continuity priority above 0, and
        # the others (no facts recorded, or facts that give 0).
        self.with_priority: list[list[Candidate]] = [[] for _ in NEIGHBOURHOODS]
        self.without_priority: list[list[Candidate]] = [[] for _ in NEIGHBOURHOODS]

    # -- one person

    def person(self, index: int, row: PersonRow, care: PersonCare) -> PersonContinuity:
        caseload = next((r for r in care.relationships if r.kind == "team_caseload"), None)
        if caseload is None:
            return NO_CONTINUITY
        rng = self.rng
        named = sorted((r for r in care.relationships if r.kind == "named_worker"), key=lambda r: r.started_at)
        current = next((r.user for r in named if r.ended_at is None), None)
        age = (self.today - row.birth_date).days / 365.25
        need = rng.choices((LOW, MEDIUM, HIGH), next(w for below, w in NEED_BY_AGE if age < below))[0]
        since = max(caseload.started_at, self.now - HISTORY)
        facts = None
        if index == 0 or rng.random() < FACTS_SHARE[need]:
            facts = self._facts(index, row, need, current, since)
        contacts = self._contacts(index, row, care, need, named, since)
        kept = self.with_priority if facts and facts.priority else self.without_priority
        if len(kept[row.neighbourhood_index]) < CANDIDATES_KEPT:
            kept[row.neighbourhood_index].append(Candidate(index, current, facts.priority if facts else 0))
        return PersonContinuity(contacts, facts)

    def _contacts(self, index, row, care, need, named, since) -> list[ContactRow]:
        rng, now = self.rng, self.now
        days = (now - since).days
        if days < 2 or (index != 0 and rng.random() < NO_CONTACTS_SHARE):
            return []
        low, high = CONTACTS_BY_NEED[need]
        count = max(1, round(rng.randint(low, high) * days / HISTORY.days))
        if index == 0:
            count = max(count, 8)  # the 'person' login sees their contacts
        practice = PRACTICE_NAMES[row.practice_index]
        share = min(0.98, max(0.02, rng.gauss(PRACTICE_CONTINUITY[practice], PERSON_SPREAD)))
        clinicians = self.staff.clinicians[row.neighbourhood_index]
        # The loop runs for every contact in the borough (millions in a large one), so it draws with `random()`
        # alone (a third of the time of randint and choices), and keeps each part of a relationship as (who, from,
        # until), with `now` for a part still going on.
        draw, team_of = rng.random, self.team_of
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        parts = [(r.user, r.started_at, r.ended_at or now) for r in named]
        care_team = [(r.user, r.started_at, r.ended_at or now) for r in care.relationships if r.kind == "care_team"]
        others: dict[str | None, list[str]] = {}  # the neighbourhood's clinicians other than a named worker
        kind_weights = KIND_WEIGHTS[need]
        cumulative = [sum(kind_weights[: k + 1]) / sum(kind_weights) for k in range(len(KINDS) - 1)]
        contacts = []
        for _ in range(count):
            day = 1 + int(draw() * (days - 1))  # 1 to days - 1 days ago, in the working day (08:00 to 18:00)
            at = midnight + timedelta(days=-day, minutes=480 + 5 * int(draw() * 120))
            worker = None
            for user, begin, until in parts:
                if begin <= at < until:
                    worker = user
                    break
            if worker is not None and draw() < share:
                practitioner = worker
            else:
                members = [user for user, begin, until in care_team if user != worker and begin <= at < until]
                if members and draw() < CARE_TEAM_SHARE:
                    practitioner = members[int(draw() * len(members))]
                else:
                    pool = others.get(worker)
                    if pool is None:
                        pool = others[worker] = [c for c in clinicians if c != worker]
                    practitioner = pool[int(draw() * len(pool))]
            kind = KINDS[bisect_right(cumulative, draw())]
            shortest, longest = MINUTES[kind]
            minutes = shortest + 5 * int(draw() * ((longest - shortest) // 5 + 1))
            note = ""
            if draw() < NOTE_SHARE:
                notes = NOTES[kind]
                note = notes[int(draw() * len(notes))]
            recorded = min(now, at + timedelta(minutes=minutes + 5 + int(draw() * 236)))
            contacts.append(ContactRow(index, practitioner, team_of[practitioner], kind, at, minutes, note, recorded))
        contacts.sort(key=lambda c: c.at)
        return contacts

    def _facts(self, index, row, need, current, since) -> FactsRow:
        rng, today = self.rng, self.today
        if index == 0:  # the 'person' login: high priority, with its reasons to read
            frailty, long_term, incurable, alone, wants, crisis = "mild", True, False, False, True, None
        else:
            frailty = rng.choice(FRAILTY[need])
            long_term = rng.random() < LONG_TERM_CONDITION[need]
            incurable = rng.random() < INCURABLE_ILLNESS[need]
            alone = rng.random() < LIVES_ALONE[need]
            wants = rng.random() < WANTS_CONTINUITY[need]
            crisis = today - timedelta(days=rng.randint(3, 400)) if rng.random() < CRISIS[need] else None
        adjustment, note = 0, ""
        if index != 0 and rng.random() < ADJUSTMENT_SHARE:
            adjustment, note = rng.choice(ADJUSTMENTS)
        facts = continuity_priority.Facts(frailty, long_term, incurable, alone, wants, crisis, adjustment, note)
        score = continuity_priority.priority(facts, today).score
        by = current or rng.choice(self.staff.clinicians[row.neighbourhood_index])
        earliest = since if crisis is None else max(since, datetime.combine(crisis, time(), tzinfo=self.now.tzinfo))
        days = max(1, (self.now - earliest).days)
        updated = (self.now - timedelta(days=rng.randint(1, days))).replace(
            hour=8 + rng.randrange(10), minute=rng.randrange(60), second=0, microsecond=0
        )
        return FactsRow(
            index, frailty, long_term, incurable, alone, wants, crisis, adjustment, note, score, by, updated
        )

    # -- the week

    def week(self) -> WeekRows:
        """Each neighbourhood team's appointments: this week's so far, booked; next week's slots and requests."""
        today = self.today
        rows = WeekRows(today - timedelta(days=today.weekday()), today + timedelta(days=7 - today.weekday()))
        for nbhd in range(len(NEIGHBOURHOODS)):
            used: set[int] = set()
            self._this_week(rows, nbhd, used)
            self._next_week(rows, nbhd, used)
        return rows

    def _at(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=self.zone)

    def _add_session(self, rows: WeekRows, team: str, clinician: str, day: date, session: int, made: datetime) -> list:
        rng = self.week_rng
        kind = "home_visit" if rng.random() < 0.4 else "clinic"
        first = self._at(day, SESSIONS[session])
        slots = [
            SlotRow(
                len(rows.slots) + k,
                team,
                clinician,
                first + timedelta(minutes=SLOT_MINUTES * k),
                SLOT_MINUTES,
                kind,
                self.leader_of.get(team, clinician),
                made,
            )
            for k in range(SLOTS_PER_SESSION)
        ]
        rows.slots += slots
        return slots

    def _this_week(self, rows: WeekRows, nbhd: int, used: set[int]) -> None:
        """A session for some of the clinicians (the 'clinician' login on Monday morning) on the days up to today,
        most of it booked directly by staff, often with the person's named worker."""
        rng, team = self.week_rng, caseload_team(nbhd)
        clinicians = self.staff.clinicians[nbhd]
        bookers = [b for b in (self.leader_of.get(team),) if b]
        days = min(self.today.weekday(), 4) + 1  # Monday up to today (the whole week at the weekend)
        people = self.with_priority[nbhd] + self.without_priority[nbhd]
        room = max(3, len(people) // 10)  # bookings at most, so that next week has people to ask for
        by_worker: dict[str, list[Candidate]] = {}
        for c in people:
            if c.worker:
                by_worker.setdefault(c.worker, []).append(c)
        made = self._at(rows.this_monday, time(8)) - timedelta(days=14)
        for clinician in clinicians:
            login = clinician == "clinician"
            if room == 0 or (not login and rng.random() >= 0.5):
                continue
            day = rows.this_monday + timedelta(days=0 if login else rng.randrange(days))
            for slot in self._add_session(rows, team, clinician, day, 0 if login else rng.randrange(2), made):
                if room == 0 or rng.random() >= BOOKED_THIS_WEEK:
                    continue
                own = [c for c in by_worker.get(clinician, []) if c.person not in used]
                pool = own if own and rng.random() < 0.6 else [c for c in people if c.person not in used]
                if not pool:
                    continue
                who = rng.choice(pool)
                used.add(who.person)
                room -= 1
                if rng.random() < 0.5:
                    earliest, latest = self._at(day, SESSIONS[0]), self._at(day, DAY_ENDS)
                else:
                    earliest = self._at(rows.this_monday, SESSIONS[0])
                    latest = self._at(rows.this_monday + timedelta(days=4), DAY_ENDS)
                asked = self._at(rows.this_monday, time(9)) - timedelta(
                    days=rng.randint(2, 9), minutes=rng.randrange(480)
                )
                booked = asked + timedelta(hours=rng.randint(1, 30))
                booker = rng.choice([*bookers, clinician])
                named = who.worker == clinician
                reason = f"Booked directly with {'their named worker, ' if named else ''}{self.name_of[clinician]}"
                asker = who.worker if who.worker in clinicians else booker
                what_for = rng.choice(WHAT_FOR)
                rows.requests.append(
                    RequestRow(
                        who.person,
                        team,
                        earliest,
                        latest,
                        what_for,
                        asker,
                        asked,
                        slot.number,
                        booked,
                        booker,
                        reason,
                        named,
                    )
                )

    def _next_week(self, rows: WeekRows, nbhd: int, used: set[int]) -> None:
        """Next week's sessions, and a few more requests than slots, from the team's caseload: most for people whose
        facts are recorded, in windows from half a day to the whole week. In a small borough, fewer sessions, so that
        no more than a quarter of the people kept are asked for."""
        rng, team = self.week_rng, caseload_team(nbhd)
        clinicians = self.staff.clinicians[nbhd]
        sessions = []  # (clinician, session of the week, 0 to 9)
        for clinician in clinicians:
            worked = 4 if clinician == "clinician" else rng.randint(*SESSIONS_A_WEEK)
            sessions += [(clinician, session) for session in sorted(rng.sample(range(10), worked))]
        keen = [c for c in self.with_priority[nbhd] if c.person not in used]  # a priority above 0
        others = [c for c in self.without_priority[nbhd] if c.person not in used]
        room = int((len(keen) + len(others)) * ASKED_SHARE / OVERSUBSCRIBED) // SLOTS_PER_SESSION
        if len(sessions) > room:  # the 'clinician' login keeps their sessions
            login = [n for n, (clinician, _) in enumerate(sessions) if clinician == "clinician"]
            rest = [n for n, (clinician, _) in enumerate(sessions) if clinician != "clinician"]
            kept = set(login[: max(1, room)]) | set(rng.sample(rest, max(0, room - len(login))))
            sessions = [s for n, s in enumerate(sessions) if n in kept]
        made = self.now - timedelta(days=rng.randint(3, 10))
        count = 0
        for clinician, session in sessions:
            day = rows.next_monday + timedelta(days=session // 2)
            count += len(self._add_session(rows, team, clinician, day, session % 2, made))
        wanted = min(len(keen) + len(others), math.ceil(count * OVERSUBSCRIBED) + 1)
        chosen = [c for c in keen + others if c.worker == "clinician"][:CLINICIAN_LOGIN_REQUESTS]
        taken = {c.person for c in chosen}
        keen = [c for c in keen if c.person not in taken]
        others = [c for c in others if c.person not in taken]
        from_keen = min(len(keen), round((wanted - len(chosen)) * FROM_FACTS_SHARE))
        picked = rng.sample(range(len(keen)), from_keen)
        chosen += [keen[n] for n in picked]
        chosen += rng.sample(others, min(len(others), wanted - len(chosen)))
        if len(chosen) < wanted:  # few people without facts: take more of those with them
            taken = set(picked)
            spare = [c for n, c in enumerate(keen) if n not in taken]
            chosen += rng.sample(spare, min(len(spare), wanted - len(chosen)))
        for who in chosen:
            used.add(who.person)
            width = rng.choices([w for w, _ in WINDOWS], [n for _, n in WINDOWS])[0]
            if width == "half":
                day = rows.next_monday + timedelta(days=rng.randrange(5))
                earliest = self._at(day, SESSIONS[rng.randrange(2)])
                latest = earliest + timedelta(minutes=SLOT_MINUTES * SLOTS_PER_SESSION)
            else:
                day = rows.next_monday + timedelta(days=rng.randrange(5 - width + 1))
                earliest = self._at(day, SESSIONS[0])
                latest = self._at(day + timedelta(days=width - 1), DAY_ENDS)
            asker = who.worker if who.worker in clinicians else rng.choice([*clinicians, self.leader_of[team]])
            asked = self.now - timedelta(days=rng.randint(0, 9), minutes=rng.randrange(600))
            rows.requests.append(RequestRow(who.person, team, earliest, latest, rng.choice(WHAT_FOR), asker, asked))
