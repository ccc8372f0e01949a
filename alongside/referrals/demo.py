"""Referrals in the demo borough: the single point of access in every state, generated deterministically.

Plain Python: no Django here. The referrals are about the borough's own people, so they are drawn in two steps:

1. `ReferralPicker.see` watches each person go past as the loader streams the borough, and keeps the few it
   needs: the first few thousand people, and those whose one named worker (a clinician of their neighbourhood
   team) began most recently, whose referral was the one that brought that named worker.
2. `generate_referrals` then writes the referrals, each with its history (`TransitionRow`) and what its referrer
   was told and when (`Told`: an alert inside the service for staff, an email or text for the public).

Rows refer to people by their index in the borough, to staff by username, to teams by name and to neighbourhoods
by index, as the rest of the generator does; the loader (`demo_step.py`, the referrals' step of building the
borough) turns them into database ids and writes the outcome words, which need the referral's reference.

Every demo login that deals with referrals has something to show:
the 'gp' login made a dozen in every state (two of them drafts), the 'coordinator' login a few, the 'spa_triage'
login's queue has urgent, overdue and this week's decisions (it wrote none of those still to be matched, as a
writer never matches their own), and the 'team_leader' login's team (Riverside) has accepted referrals waiting
for a named worker. Someone close to the 'person' login referred them, and what they
said is offered into their story; one of the 'clinician' login's people came to them through a referral, likewise.
"""

import heapq
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from alongside.demo import borough
from alongside.demo.borough import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    NEIGHBOURHOODS,
    PRACTICE_NAMES,
    STREET_KINDS,
    STREET_STEMS,
    TOWN,
    VOLUNTARY,
    BoroughPlan,
    PersonCare,
    PersonRow,
    Staffing,
)
from alongside.referrals.timers import week_start

TARGET_HOURS = {"urgent": 4, "soon": 48, "routine": 120}  # the settings' default (TRIAGE_TARGET_HOURS)
STATUSES = ["draft", "received", "triaged", "accepted", "redirected", "declined", "allocated", "closed"]
SOURCES = [
    "self",
    "family_carer",
    "gp",
    "hospital_discharge",
    "neighbourhood_team",
    "volunteer_coordinator",
    "other_service",
]
CHANNELS = ["staff", "public", "api"]
URGENCIES = ["urgent", "soon", "routine"]
WAITING = ("received", "triaged")
SPA_LOGIN = "spa_triage"  # the demo login of the single point of access
TOLD_STATUSES = ("accepted", "allocated", "redirected", "declined")  # what a referrer is told of, after receipt


def referral_count(people: int) -> int:
    """About one referral for every 20 people in the borough: 250 for the default 5,000; at least 60, at most 1,500."""
    return max(60, min(1_500, people // 20))


class TransitionRow(NamedTuple):
    move: str
    from_status: str
    to_status: str
    by: str | None  # username; None for someone outside the service (the public form)
    at: datetime
    reason: str = ""


class Told(NamedTuple):
    """The referrer was told of this state at this time ("received": the public's acknowledgement)."""

    status: str
    at: datetime


class ReferralRow(NamedTuple):
    number: int  # its place among the demo's referrals, from 0: the loader adds the first id it reserved
    status: str
    source: str
    urgency: str
    channel: str
    person: int | None  # index in the borough
    matched_by: str
    nhs_number: str
    given_name: str
    family_name: str
    birth_date: date | None
    address_line: str
    postcode: str
    phone: str
    email: str
    reason: str
    situation: str
    person_agrees: bool | None
    referrer_user: str | None
    referrer_name: str
    referrer_organisation: str
    referrer_relationship: str
    referrer_email: str
    referrer_phone: str
    share_named_worker: bool
    neighbourhood: int | None  # index into NEIGHBOURHOODS
    team: str | None
    named_worker: str | None
    decision_reason: str
    redirected_to: str
    story_offer: str
    created_at: datetime
    received_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    version: int
    transitions: tuple[TransitionRow, ...]
    told: tuple[Told, ...]


# --- the words: invented, kind and plain ------------------------------------------------------------------------

REASONS = {
    "urgent": [
        "Home from hospital yesterday after a fall and not managing: unsteady on their feet, little food in the "
        "house and nobody to help until the weekend.",
        "Their husband, who is their main carer, was taken into hospital this morning. They cannot manage their "
        "tablets or meals on their own.",
        "Much more breathless since the weekend and frightened of being on their own tonight. Seen by the GP today, "
        "who asks for support at home.",
        "Found on the floor by a neighbour this morning after a fall in the night. Not hurt, but not safe to be "
        "alone today without some help.",
    ],
    "soon": [
        "Two falls at home in the last month. Now frightened to go upstairs and sleeping in the chair.",
        "Struggling with the new insulin since leaving hospital; blood sugars have been up and down all week.",
        "A leg ulcer needs dressing three times a week and they can no longer get to the surgery.",
        "Memory has got worse over the last few weeks: the cooker left on twice and several tablets missed.",
        "Their daughter, who helps most days, is going into hospital for an operation for two weeks.",
        "Eating very little and has lost weight since a chest infection; seems low and tired.",
    ],
    "routine": [
        "Lives alone and feels very lonely since their wife died in the spring. Would like company and something "
        "to look forward to.",
        "Finding it hard to get washed and dressed since the stroke last year, and wants to stay independent.",
        "Breathless on the stairs; would like help with the inhalers and ideas for staying active.",
        "The family are doing more and more at home and are getting tired; would like the help at home looked at.",
        "Arthritis in both knees makes shopping and cooking hard. Wants to keep doing things for themselves.",
        "Moved to Northvale recently to be near family and has no support set up here yet.",
        "Would like help to get back to the lunch club and the shops after a long time indoors.",
    ],
}
REASONS_SELF = {
    "urgent": [
        "I came home from hospital today and I am not managing. I can't get up the stairs and there is nobody here "
        "until Saturday.",
        "My wife looks after me and she has been taken into hospital. I don't know how to do my tablets.",
    ],
    "soon": [
        "I have fallen twice this month and I am scared it will happen again when I am on my own.",
        "Since my operation I can't get to the shops and I am running out of food.",
        "My legs are very swollen and the dressings need changing, but I can't get to the surgery.",
    ],
    "routine": [
        "I have been on my own since my husband died and I don't see anyone most days. I would like some company.",
        "My knees are bad and I can't do the garden or the shopping any more. I want to stay in my own home.",
        "I would like some help to get out of the house again. I used to go to the lunch club but I lost my "
        "confidence.",
    ],
}
SITUATIONS = [
    "Lives alone with a cat called Biscuit. Loves the radio, especially the football. A daughter visits on Sundays.",
    "Drove buses for thirty years and still likes to talk about it. A son lives nearby and does the shopping.",
    "Has cared for their wife, who has dementia, for six years and is very tired.",
    "Grew up in Northvale and knows everyone on the street. Used to sing in the church choir and misses it.",
    "A keen gardener who has not been able to get outside since the winter. A neighbour keeps an eye out.",
    "Speaks Polish at home; a granddaughter helps with letters and phone calls.",
    "Likes a routine: up early, the crossword with breakfast, and a walk to the corner shop on good days.",
    "Has a brother in the next street who visits most days. Does not like to be rushed.",
]
SITUATIONS_SELF = [
    "I live on my own with my dog, Pepper. My son rings every evening. I used to be a school cook.",
    "I have lived here all my life. I like to keep busy and I hate sitting still.",
    "I look after my husband, who is not well, and I worry about what happens if I get ill.",
    "I love the crossword and the radio. My granddaughter helps me with the computer.",
]
FAMILY = ["daughter", "son", "wife", "husband", "niece", "grandson", "neighbour", "friend"]
ACCEPT_REASONS = {
    "urgent": ["Not safe alone tonight: the team will visit today and again tomorrow morning."],
    "soon": [
        "Needs support at home to stay safe after the falls; the team will visit this week.",
        "Help with wound care and medicines at home; agreed with them on the phone.",
    ],
    "routine": [
        "Help to stay independent at home and to get out again; the team will arrange a first visit.",
        "Agreed with them on the phone; the team will be in touch to arrange a first visit.",
    ],
}
REDIRECTS = [
    ("the falls prevention service", "They can offer a home visit and a strength and balance class within two weeks."),
    ("the memory assessment service", "The worries about memory need an assessment first; the GP has been asked too."),
    ("Northvale Carers Centre", "A carer's assessment and a break would help most; the centre will ring this week."),
    ("the community mental health team", "Low mood is the main worry, and they are best placed to help with it."),
    ("the council's housing options team", "The stairs at home are the main problem; the housing team can help."),
    ("the district nursing service", "The district nurses visit at home and will take over the wound care."),
]
DECLINE_REASONS = [
    "They are already supported by the neighbourhood team, who will pick this up at their visit this week.",
    "They told us they would rather not have visits at the moment, and know they can ask again at any time.",
    "We could not reach them to talk about the referral after three calls and a letter.",
]
CLOSE_REASONS = {
    "allocated": "Named worker in place and the first visit done: nothing more for the single point of access.",
    "redirected": "Passed on, and the referrer told: nothing more to do here.",
    "declined": "The referrer has been told: nothing more to do here.",
}
OTHER_SERVICES = [
    "Northvale Fire and Rescue Service (safe and well visits)",
    "Northvale Homes tenancy support",
    "Market Square community pharmacy",
    "Northvale Citizens Advice",
]
HOSPITAL = "Northvale General Hospital"
HOSPITAL_WARDS = ["ward 7", "ward 12", "the discharge lounge", "the frailty unit"]


# --- who the referrals are about --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """A person the picker kept: their details, and their one named worker (if any) and since when."""

    index: int
    row: PersonRow
    worker: str | None  # their current named worker
    worker_since: datetime | None = None  # set only when that is their one and only named worker, a clinician
    caseload_since: datetime | None = None


class ReferralPicker:
    """Keeps, from the stream of people, those the referrals will be about: little memory at any size."""

    def __init__(self, seed: int, count: int, now: datetime, plan: BoroughPlan):
        self.seed, self.count, self.now, self.plan = seed, count, now, plan
        self.wanted = referral_count(count)
        self.pool: list[Seen] = []
        self.pool_size = 6 * self.wanted + 100
        self.recent: list[tuple[datetime, int, Seen]] = []  # a min-heap: the most recent named workers kept
        self.recent_size = self.wanted
        self.clinician_login: Seen | None = None
        self.clinicians = [frozenset(pool) for pool in Staffing(plan).clinicians]

    def see(self, index: int, row: PersonRow, care: PersonCare) -> None:
        current, named, caseload = None, 0, None
        for r in care.relationships:
            if r.kind == "named_worker":
                named += 1
                if r.ended_at is None:
                    current, since = r.user, r.started_at
            elif r.kind == "team_caseload":
                caseload = r.started_at
        if len(self.pool) < self.pool_size:
            self.pool.append(Seen(index, row, current))
        if named != 1 or current not in self.clinicians[row.neighbourhood_index]:
            return
        # This person's one named worker came from a referral: the most recent such are worth keeping.
        seen = Seen(index, row, current, since, caseload)
        if current == "clinician" and index != 0 and self.clinician_login is None:  # person 0 is the 'person' login
            self.clinician_login = seen
        item = (since, index, seen)
        if len(self.recent) < self.recent_size:
            heapq.heappush(self.recent, item)
        elif item[:2] > self.recent[0][:2]:
            heapq.heapreplace(self.recent, item)


def spare_nhs_numbers(seed: int) -> Iterator[str]:
    """Valid NHS numbers from the far end of the borough's sequence, which its people never reach below ~900,000."""
    space, step = 1_000_000, 7_919
    start = random.Random(seed).randrange(space)
    for i in range(space - 1, -1, -1):
        middle = f"999{(start + i * step) % space:06d}"
        check = borough.calculate_checksum(middle)
        if check != 10:
            yield f"{middle}{check}"


class Slot(NamedTuple):
    """What one referral is to be, before it is drawn: its state and how it got there, and what it must show."""

    status: str
    path: str = ""  # for closed: allocated, redirected or declined; for redirected/declined: received or triaged
    source: str | None = None
    channel: str | None = None
    urgency: str | None = None
    referrer: str | None = None  # a username, or None to choose one
    who: str = ""  # new, typo, nhs, confirmed, unallocated, allocation, person_login, clinician_login
    overdue: bool | None = None
    this_week: bool = False
    neighbourhood: int | None = None  # the person must live here
    practice: int | None = None  # preferably registered here
    offer: bool = False  # what the referrer said is offered into the person's story


def _forced_slots() -> list[Slot]:
    """The referrals each demo login needs to see."""
    gp = dict(source="gp", channel="staff", referrer="gp", practice=0)
    coordinator = dict(source="volunteer_coordinator", channel="staff", referrer="coordinator")
    return [
        # The 'gp' login: a dozen in every state, two still drafts.
        Slot("draft", **gp, who="new"),
        Slot("draft", **gp, who="new", urgency="soon"),
        Slot("received", **gp, who="nhs", urgency="soon", overdue=False, offer=True),
        Slot("received", **gp, who="typo", urgency="routine", overdue=False),
        Slot("triaged", **gp, who="confirmed", urgency="routine", overdue=False),
        Slot("accepted", **gp, who="unallocated", urgency="soon", neighbourhood=0, this_week=True),
        Slot("accepted", **gp, who="unallocated", urgency="routine", neighbourhood=0),
        Slot("redirected", "triaged", **gp, who="confirmed", urgency="routine", this_week=True),
        Slot("declined", "received", **gp, who="nhs", urgency="routine"),
        Slot("allocated", **gp, who="allocation"),
        Slot("closed", "allocated", **gp, who="allocation"),
        Slot("closed", "redirected", **gp, who="confirmed", urgency="soon"),
        # The 'coordinator' login: a few.
        Slot("received", **coordinator, who="new", urgency="routine", overdue=False),
        Slot("accepted", **coordinator, who="unallocated", urgency="routine"),
        Slot("declined", "triaged", **coordinator, who="confirmed", urgency="routine", this_week=True),
        Slot("closed", "redirected", **coordinator, who="new", urgency="soon"),
        # The 'spa_triage' login's queue: urgent ones, overdue ones, and this week's decisions.
        Slot("received", source="self", channel="public", urgency="urgent", who="new", overdue=True),
        Slot("received", source="hospital_discharge", channel="api", urgency="urgent", who="nhs", overdue=False),
        Slot("triaged", source="family_carer", channel="staff", urgency="soon", who="confirmed", overdue=True),
        Slot("received", source="family_carer", channel="public", urgency="routine", who="typo", overdue=True),
        Slot(
            "accepted",
            source="neighbourhood_team",
            channel="staff",
            urgency="urgent",
            who="unallocated",
            this_week=True,
        ),
        Slot(
            "redirected", "received", source="family_carer", channel="public", urgency="soon", who="new", this_week=True
        ),
        Slot("declined", "triaged", source="gp", channel="api", urgency="routine", who="nhs", this_week=True),
        Slot("closed", "declined", source="other_service", channel="staff", urgency="soon", who="new"),
        # The 'team_leader' login (Riverside neighbourhood team): another accepted, needing a named worker.
        Slot("accepted", source="family_carer", channel="public", urgency="soon", who="unallocated", neighbourhood=0),
        # The 'person' login: referred by someone close to them, whose words are offered into their story.
        Slot("triaged", source="family_carer", channel="public", urgency="routine", who="person_login", offer=True),
        # One of the 'clinician' login's people came to them through a referral.
        Slot("allocated", source="gp", channel="api", who="clinician_login", offer=True),
    ]


FILL_STATUSES = ["draft", "received", "triaged", "accepted", "redirected", "declined", "allocated", "closed"]
FILL_WEIGHTS = [2, 14, 8, 7, 6, 5, 17, 41]
CLOSED_PATHS = (["allocated", "redirected", "declined"], [50, 30, 20])
CHANNEL_BY_SOURCE = {
    "self": (["public", "staff"], [70, 30]),
    "family_carer": (["public", "staff"], [65, 35]),
    "gp": (["staff", "api"], [70, 30]),
    "hospital_discharge": (["api", "staff"], [60, 40]),
    "neighbourhood_team": (["staff"], [1]),
    "volunteer_coordinator": (["staff"], [1]),
    "other_service": (["staff"], [1]),
}
SOURCE_WEIGHTS = [12, 18, 30, 12, 14, 6, 8]
URGENCY_WEIGHTS = [12, 38, 50]
URGENCY_WEIGHTS_WAITING = [5, 40, 55]  # urgent referrals are decided within hours, so few are waiting at any time
OVERDUE_SHARE = 0.18
THIS_WEEK_SHARE = 0.3
DRAFTED_FIRST_SHARE = 0.1
SITUATION_SHARE = 0.45


class _Drawer:
    """Draws the referrals for the slots, claiming each person once (a tiny borough may repeat them)."""

    def __init__(self, picker: ReferralPicker, targets: Mapping[str, int]):
        self.rng = random.Random(picker.seed * 104_729 + 31)
        self.now, self.targets = picker.now, targets
        self.picker = picker
        self.week_start = week_start(picker.now)
        # The 'person' login's and the 'clinician' login's people are kept for the referrals planned for them.
        kept = [0, picker.clinician_login.index if picker.clinician_login else 0]
        self.used: set[int] = set(kept)
        self.recent = [seen for _, _, seen in sorted(picker.recent, key=lambda item: item[:2], reverse=True)]
        self.spare_nhs = spare_nhs_numbers(picker.seed) if picker.count <= 900_000 else iter(())
        staff = Staffing(picker.plan)
        self.staff = staff
        pools: dict[tuple[str, str], list[str]] = {}
        for p in picker.plan.personas:
            pools.setdefault((p.team, p.role), []).append(p.username)
        self.names = {p.username: f"{p.given_name} {p.family_name}" for p in picker.plan.personas}
        self.organisation_of = staff.organisation
        self.spa = staff.spa + pools[("Single point of access", "team_leader")]
        self.leaders = [pools[(f"{n} neighbourhood team", "team_leader")][0] for n in NEIGHBOURHOODS]
        self.neighbourhood_staff = [
            staff.clinicians[i] + staff.social_workers[i] + [self.leaders[i]] for i in range(len(NEIGHBOURHOODS))
        ]
        self.coordinators = pools[("Living Well volunteer hub", "coordinator")]
        self.gateway = pools[("Virtual ward", "team_leader")][0]  # holds the token the hospital's system uses

    def call_taker(self, drawn: str, status: str) -> str:
        """Who at the single point of access took the call. The 'spa_triage' login takes none of those still
        waiting to be matched, so that it can match every one: a writer never matches their own (ADR 0016)."""
        if drawn == SPA_LOGIN and status == "received":
            return next(s for s in self.spa if s != SPA_LOGIN)
        return drawn

    # -- times

    def between(self, start: datetime, end: datetime) -> datetime:
        span = max(1, int((end - start).total_seconds()))
        return (start + timedelta(seconds=self.rng.randrange(span))).replace(microsecond=0)

    def hours(self, low: float, high: float) -> timedelta:
        return timedelta(seconds=int(3600 * self.rng.uniform(low, high)))

    def target(self, urgency: str) -> timedelta:
        return timedelta(hours=self.targets[urgency])

    # -- people

    def claim(self, slot: Slot) -> Seen | None:
        """The person this slot is about, or None for someone not known to the service yet."""
        who = slot.who
        if who in ("new", ""):
            return None
        if who == "person_login":
            return self._take([s for s in self.picker.pool[:1] if s.index == 0], again=True)
        if who == "clinician_login":
            return self._take([self.picker.clinician_login] if self.picker.clinician_login else [], again=True)
        if who == "allocation":
            ordered = self.recent
            if slot.status == "closed":  # the older ones have been closed since
                cutoff = self.now - timedelta(days=21)
                ordered = [s for s in self.recent if s.worker_since < cutoff] + self.recent
            if slot.practice is not None:
                ordered = [s for s in ordered if s.row.practice_index == slot.practice] + ordered
            return self._take(ordered)
        pool = self.picker.pool
        if slot.practice is not None:
            pool = [s for s in pool if s.row.practice_index == slot.practice] + pool
        if who == "nhs":
            pool = [s for s in pool if s.row.nhs_number]
        if who == "unallocated":
            wanted = [s for s in pool if s.worker is None]
            if slot.neighbourhood is not None:
                wanted = [s for s in wanted if s.row.neighbourhood_index == slot.neighbourhood]
            pool = wanted + pool
        return self._take(pool) or (self._take(pool, again=True) if who not in ("typo",) else None)

    def _take(self, candidates: list[Seen], again: bool = False) -> Seen | None:
        for seen in candidates:
            if seen.index not in self.used or again:
                self.used.add(seen.index)
                return seen
        return None

    def new_person(self) -> dict:
        rng = self.rng
        nbhd = rng.randrange(len(NEIGHBOURHOODS))
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        age = rng.randint(58, 97)
        return {
            "nhs_number": next(self.spare_nhs, "") if rng.random() < 0.5 else "",
            "given_name": rng.choice(GIVEN_NAMES),
            "family_name": rng.choice(FAMILY_NAMES),
            "birth_date": (self.now - timedelta(days=age * 365 + rng.randrange(365))).date(),
            "address_line": f"{rng.randrange(1, 240)} {rng.choice(STREET_STEMS)} {rng.choice(STREET_KINDS)}",
            "postcode": f"NV{nbhd + 1} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}",
            "phone": self.phone() if rng.random() < 0.6 else "",
            "neighbourhood": nbhd,
        }

    def as_told(self, seen: Seen, nhs: bool, slip: bool) -> dict:
        """The person as the referrer described them: with their NHS number or not, and perhaps a slip of the pen."""
        rng, row = self.rng, seen.row
        given, family, born = row.given_name, row.family_name, row.birth_date
        if slip:
            if rng.random() < 0.5:
                given = typo(given, rng)
            else:
                family = typo(family, rng)
            if rng.random() < 0.25 and born.day <= 12 and born.day != born.month:
                born = born.replace(month=born.day, day=born.month)
        return {
            "nhs_number": row.nhs_number if nhs and row.nhs_number else "",
            "given_name": given,
            "family_name": family,
            "birth_date": born,
            "address_line": f"{row.address_line}, {TOWN}" if rng.random() < 0.3 else row.address_line,
            "postcode": row.postcode,
            "phone": row.phone if rng.random() < 0.6 else "",
            "neighbourhood": row.neighbourhood_index,
        }

    def phone(self) -> str:
        return f"07700 900{self.rng.randrange(1000):03d}"

    def email(self, given: str, family: str) -> str:
        return f"{given}.{family}{self.rng.randrange(10, 99)}@example.com".lower()

    # -- who referred

    def referrer(self, slot: Slot, source: str, channel: str, about: dict) -> dict:
        """Who referred and how they are told: staff inside the service, the public by email or text."""
        rng, nbhd = self.rng, about["neighbourhood"]
        blank = {
            "referrer_user": None,
            "referrer_name": "",
            "referrer_organisation": "",
            "referrer_relationship": "",
            "referrer_email": "",
            "referrer_phone": "",
        }
        if channel == "public":
            if source == "self":
                contact = {"referrer_email": self.email(about["given_name"], about["family_name"])}
                if rng.random() < 0.4:
                    contact = {"referrer_phone": self.phone()}
                return blank | contact
            given = rng.choice(GIVEN_NAMES)
            family = about["family_name"] if rng.random() < 0.6 else rng.choice(FAMILY_NAMES)
            contact = {"referrer_email": self.email(given, family)} if rng.random() < 0.6 else {}
            return blank | {
                "referrer_name": f"{given} {family}",
                "referrer_relationship": rng.choice(FAMILY),
                "referrer_phone": "" if contact else self.phone(),
                **contact,
            }
        if channel == "api":
            if source == "hospital_discharge":
                given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
                return blank | {
                    "referrer_user": self.gateway,
                    "referrer_name": f"{given} {family}",
                    "referrer_organisation": f"{HOSPITAL} discharge team",
                    "referrer_email": "discharge.team@example.org",
                }
            practice = about["practice"]
            user = slot.referrer or self.gp_of(practice)
            return blank | {
                "referrer_user": user,
                "referrer_name": self.names[user],
                "referrer_organisation": PRACTICE_NAMES[practice],
                "referrer_email": f"practice.{practice + 1}@example.org",
            }
        # Made in Alongside: by a member of staff, or a call to the single point of access recorded there.
        if source == "gp":
            practice = about["practice"]
            user = slot.referrer or self.gp_of(practice)
            organisation = PRACTICE_NAMES[0 if user == "gp" else practice]
        elif source == "neighbourhood_team":
            user = slot.referrer or rng.choice(self.neighbourhood_staff[nbhd])
            organisation = self.organisation_of[user]
        elif source == "volunteer_coordinator":
            user = slot.referrer or rng.choice([c for c in self.coordinators if c != "coordinator"])
            organisation = VOLUNTARY
        else:
            user = slot.referrer or self.call_taker(rng.choice(self.spa), slot.status)
            organisation = {
                "hospital_discharge": f"{HOSPITAL}, {rng.choice(HOSPITAL_WARDS)}",
                "other_service": rng.choice(OTHER_SERVICES),
            }.get(source, "")
        relationship = rng.choice(FAMILY) if source == "family_carer" else ""
        return blank | {
            "referrer_user": user,
            "referrer_name": self.names[user],
            "referrer_organisation": organisation,
            "referrer_relationship": relationship,
        }

    def gp_of(self, practice: int) -> str:
        """A GP of the practice, other than the 'gp' login (whose referrals are exactly the ones planned for it)."""
        gps = [g for g in self.staff.gps[practice] if g != "gp"] or self.staff.gps[1]
        return self.rng.choice(gps)

    # -- one referral

    def draw(self, number: int, slot: Slot) -> ReferralRow | None:
        rng = self.rng
        status = slot.status
        path = slot.path or {
            "closed": rng.choices(*CLOSED_PATHS)[0],
            "redirected": rng.choice(["received", "triaged", "triaged"]),
            "declined": rng.choice(["received", "triaged", "triaged"]),
        }.get(status, "")
        decided_from = path if status in ("redirected", "declined") else ""
        if status == "closed" and path in ("redirected", "declined"):
            decided_from = rng.choice(["received", "triaged", "triaged"])
        who = slot.who or self._who(status, path, decided_from)
        if who == "new" and (status in ("triaged", "accepted", "allocated") or decided_from == "triaged"):
            who = "confirmed"  # these have been matched to someone known
        slot = slot._replace(who=who)
        seen = self.claim(slot)
        if seen is None and who != "new":
            if status in ("allocated", "accepted", "triaged") or path == "allocated" or decided_from == "triaged":
                return None  # nobody left to be about (a borough of a handful of people)
            who = "new"
        urgency = (
            slot.urgency or rng.choices(URGENCIES, URGENCY_WEIGHTS_WAITING if status in WAITING else URGENCY_WEIGHTS)[0]
        )
        source = slot.source or rng.choices(SOURCES, SOURCE_WEIGHTS)[0]
        channel = slot.channel or ("staff" if status == "draft" else rng.choices(*CHANNEL_BY_SOURCE[source])[0])
        if seen is None:
            about = self.new_person() | {"practice": rng.randrange(len(PRACTICE_NAMES))}
            person, matched_by = None, ""
        else:
            nhs = who in ("nhs", "person_login", "clinician_login") or (
                who in ("unallocated", "allocation") and rng.random() < 0.5
            )
            about = self.as_told(seen, nhs=nhs, slip=who == "typo")
            about["practice"] = seen.row.practice_index
            known_at_receipt = bool(about["nhs_number"])
            triaged = status in ("triaged", "accepted", "allocated") or path == "allocated" or decided_from == "triaged"
            person = seen.index if (known_at_receipt or triaged) else None
            matched_by = ("nhs_number" if known_at_receipt else "confirmed") if person is not None else ""
        referrer = self.referrer(slot, source, channel, about)
        own = source == "self"
        situation = ""
        if slot.offer or rng.random() < SITUATION_SHARE:
            situation = rng.choice(SITUATIONS_SELF if own else SITUATIONS)
        reason = rng.choice((REASONS_SELF if own else REASONS)[urgency])
        person_details = {k: about[k] for k in ("nhs_number", "given_name", "family_name", "birth_date")}
        person_details |= {"address_line": about["address_line"], "postcode": about["postcode"]}
        contact = {"phone": about["phone"], "email": ""}
        if own and channel == "public":
            contact = {"phone": referrer["referrer_phone"], "email": referrer["referrer_email"]}
        times = self.times(status, path, decided_from, urgency, slot, seen)
        outcome = self.outcome(status, path, urgency, about, seen)
        history = self.history(status, path, times, referrer["referrer_user"], about, outcome["decision_reason"])
        drafted = times["drafted"]
        story_offer = ""
        if person is not None and situation:
            story_offer = "offered"
            if status == "closed" and not slot.offer and rng.random() < 0.4:
                story_offer = "declined"  # they would rather it was not added
        if status == "draft":
            person_details, reason, situation = self._unfinished(person_details, reason, situation)
            person, matched_by = None, ""
        told = self.told(channel, referrer["referrer_user"], history)
        return ReferralRow(
            number=number,
            status=status,
            source=source,
            urgency=urgency,
            channel=channel,
            person=person,
            matched_by=matched_by,
            **person_details,
            **contact,
            reason=reason,
            situation=situation,
            person_agrees=True if own else (None if status == "draft" else rng.random() < 0.95),
            **referrer,
            share_named_worker=own or rng.random() < 0.6,
            neighbourhood=None if status == "draft" else about["neighbourhood"],
            **outcome,
            story_offer=story_offer,
            created_at=times["created"],
            received_at=times.get("received"),
            decided_at=times.get("decided"),
            closed_at=times.get("closed"),
            version=len(history) + (1 if drafted and status != "draft" else 0),
            transitions=tuple(history),
            told=told,
        )

    def _who(self, status: str, path: str, decided_from: str) -> str:
        rng = self.rng
        if status == "draft":
            return "new"
        if status == "allocated" or path == "allocated":
            return "allocation"
        if status == "accepted":
            return "unallocated"
        if status == "received" or decided_from == "received":
            return rng.choices(["nhs", "typo", "new"], [40, 25, 35])[0]
        return rng.choice(["nhs", "confirmed", "typo"])

    def _unfinished(self, details: dict, reason: str, situation: str) -> tuple[dict, str, str]:
        """A draft is saved half done: some of what is needed to send it is still missing."""
        rng = self.rng
        details = dict(details)
        if rng.random() < 0.6:
            details["birth_date"] = None
        if rng.random() < 0.4:
            details["postcode"] = ""
        return details, ("" if rng.random() < 0.3 else reason), situation

    def times(self, status, path, decided_from, urgency, slot: Slot, seen: Seen | None) -> dict:
        """When each step happened, in order, all before now."""
        rng, now, aim = self.rng, self.now, self.target(urgency)
        t: dict = {}
        if status == "draft":
            t["created"] = now - self.hours(2, 9 * 24)
            t["drafted"] = True
            return t
        if status in WAITING:
            overdue = slot.overdue if slot.overdue is not None else rng.random() < OVERDUE_SHARE
            waited = aim * (rng.uniform(1.1, 2.5) if overdue else rng.uniform(0.05, 0.85))
            t["received"] = (now - waited).replace(microsecond=0)
            if status == "triaged":
                t["triaged"] = t["received"] + (now - t["received"]) * rng.uniform(0.1, 0.7)
        elif status == "allocated" or path == "allocated":
            since, caseload = seen.worker_since, seen.caseload_since
            accepted = caseload if caseload <= since else since - self.hours(1, 48)
            t["decided"], t["allocated"] = accepted, since
            took = aim * rng.uniform(0.1, 1.4)
            t["received"] = accepted - took
            t["triaged"] = t["received"] + took * rng.uniform(0.1, 0.8)
            if status == "closed":
                closing = since + timedelta(days=rng.randint(3, 21), hours=rng.randint(0, 8))
                t["closed"] = closing if closing < now - timedelta(hours=1) else self.between(since, now)
        else:
            this_week = slot.this_week or rng.random() < THIS_WEEK_SHARE
            if status == "closed":
                decided = now - self.hours(2 * 24, 40 * 24)
            elif this_week and now - self.week_start > timedelta(minutes=20):
                decided = self.between(self.week_start, now - timedelta(minutes=10))
            else:
                decided = now - self.hours(2, (12 if status == "accepted" else 10) * 24)
            if seen is not None and seen.caseload_since is not None and decided < seen.caseload_since:
                decided = seen.caseload_since  # accepting put them on the caseload: never before it began
            took = aim * rng.uniform(0.1, 1.4)
            t["decided"] = decided.replace(microsecond=0)
            t["received"] = t["decided"] - took
            if status == "accepted" or decided_from == "triaged":
                t["triaged"] = t["received"] + took * rng.uniform(0.1, 0.8)
            if status == "closed":
                t["closed"] = min(t["decided"] + self.hours(1, 72), now - timedelta(minutes=30))
        t["drafted"] = rng.random() < DRAFTED_FIRST_SHARE
        t["created"] = t["received"] - self.hours(0.2, 48) if t["drafted"] else t["received"]
        return {k: v.replace(microsecond=0) if isinstance(v, datetime) else v for k, v in t.items()}

    def outcome(self, status, path, urgency, about: dict, seen: Seen | None) -> dict:
        rng = self.rng
        decision = path if status == "closed" else status
        team = named_worker = None
        decision_reason = redirected_to = ""
        if decision in ("accepted", "allocated"):
            team = borough.caseload_team(about["neighbourhood"])
            decision_reason = rng.choice(ACCEPT_REASONS[urgency])
            if decision == "allocated":
                named_worker = seen.worker
        elif decision == "redirected":
            redirected_to, decision_reason = rng.choice(REDIRECTS)
        elif decision == "declined":
            decision_reason = rng.choice(DECLINE_REASONS)
        return {
            "team": team,
            "named_worker": named_worker,
            "decision_reason": decision_reason,
            "redirected_to": redirected_to,
        }

    def history(self, status, path, t: dict, referrer: str | None, about: dict, reason: str) -> list:
        """The transitions, as the actions record them: triage moves by someone at the single point of access,
        the named worker allocated by the team's leader or by triage."""
        rng = self.rng
        if status == "draft":
            return [TransitionRow("save_draft", "", "draft", referrer, t["created"])]
        moves = []
        if t["drafted"]:
            moves += [
                TransitionRow("save_draft", "", "draft", referrer, t["created"]),
                TransitionRow("submit", "draft", "received", referrer, t["received"]),
            ]
        else:
            moves.append(TransitionRow("receive", "", "received", referrer, t["received"]))
        triager = rng.choice(self.spa)
        if triager == referrer:  # nobody confirms who a referral they wrote is about (ADR 0016)
            triager = next(s for s in self.spa if s != referrer)
        if "triaged" in t:
            moves.append(TransitionRow("confirm_person", "received", "triaged", triager, t["triaged"]))
        decision = path if status == "closed" else status
        before = "triaged" if "triaged" in t else "received"
        if decision in ("accepted", "allocated"):
            moves.append(TransitionRow("accept", "triaged", "accepted", triager, t["decided"], reason))
        elif decision in ("redirected", "declined"):
            move = "redirect" if decision == "redirected" else "decline"
            moves.append(TransitionRow(move, before, decision, triager, t["decided"], reason))
        if decision == "allocated":
            by = self.leaders[about["neighbourhood"]] if rng.random() < 0.6 else rng.choice(self.spa)
            moves.append(TransitionRow("allocate", "accepted", "allocated", by, t["allocated"]))
        if status == "closed":
            closer = rng.choice(self.spa)
            moves.append(TransitionRow("close", decision, "closed", closer, t["closed"], CLOSE_REASONS[decision]))
        return moves

    def told(self, channel: str, referrer: str | None, history: list[TransitionRow]) -> tuple[Told, ...]:
        """Staff referrers hear each outcome inside the service; the public are thanked, then told each outcome."""
        told = []
        for move in history:
            if move.to_status == "received" and referrer is None:
                told.append(Told("received", move.at + timedelta(seconds=5)))
            elif move.to_status in TOLD_STATUSES:
                told.append(Told(move.to_status, move.at + timedelta(seconds=5)))
        return tuple(told)


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard: two letters swapped, one dropped or one doubled (a short word is left alone)."""
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    return rng.choice(
        [word[:i] + word[i + 1] + word[i] + word[i + 2 :], word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:]]
    )


def generate_referrals(picker: ReferralPicker, targets: Mapping[str, int] = TARGET_HOURS) -> list[ReferralRow]:
    """The borough's referrals, once the picker has seen every person. The same seed, size and `now` always give
    the same referrals."""
    drawer = _Drawer(picker, targets)
    slots = _forced_slots()
    rng = drawer.rng
    fill = picker.wanted - len(slots)
    for status in rng.choices(FILL_STATUSES, FILL_WEIGHTS, k=max(0, fill)):
        slots.append(Slot(status))
    rows = []
    for slot in slots:
        row = drawer.draw(len(rows), slot)
        if row is not None:
            rows.append(row)
    return rows


def referrals_for_borough(
    seed: int,
    count: int,
    now: datetime,
    plan: BoroughPlan | None = None,
    targets: Mapping[str, int] = TARGET_HOURS,
) -> tuple[list[tuple[PersonRow, PersonCare]], list[ReferralRow]]:
    """The borough and its referrals together, for tests and for looking at: the whole borough is kept in memory."""
    plan = plan or borough.plan_borough(seed)
    picker = ReferralPicker(seed, count, now, plan)
    people = []
    for index, (row, care) in enumerate(borough.generate_borough(seed, count, now, plan=plan)):
        picker.see(index, row, care)
        people.append((row, care))
    return people, generate_referrals(picker, targets)
