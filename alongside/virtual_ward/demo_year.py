"""A year of the demo borough's virtual ward, drawn in plain Python (no database): referrals from all five sources,
the ward's decisions, episodes in beds, reviews with NEWS2, the plan's visits, calls and readings, the days with
fewer beds, and today's board. People are referred to by their index in the borough, staff by username; the demo
step (demo_step.py) turns those into database ids and writes the rows.

How beds are given: the year is simulated referral by referral, in time order. Each episode's length and outcome
are drawn when it is admitted, so its bed is known to be free for all of it: a bed holds one person at a time, and a
bed above a day's capacity is never used on that day. So on no day, at no moment, are more people on the ward than
it has beds. When no bed is free the referral is declined, as the ward would.

Today's board is drawn first, so that it always shows what a demo needs: people at different hours of their 72
(one in hour 2, one near hour 70, one kept on past 72 with a reason), a recent NEWS2 of 5 or 6, a review with an
observation missing, and referrals waiting for a decision (one nearly overdue). Its beds are kept from the moment
each person was admitted; the rest of the year fits around them.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from . import news2

BEDS = 20
DECISION_HOURS = 2
EPISODE_HOURS = 72
DAYS = 365
GAP_DAYS = 14  # nobody is referred again within a fortnight of an episode ending
OLDEST_FIRST_AGE = 65  # the ward's people are the borough's older people

# (source, share of referrals, share of them step-down)
SOURCES = (
    ("single_point_of_access", 0.30, 0.15),
    ("gp", 0.24, 0.0),
    ("ambulance", 0.12, 0.0),
    ("emergency_department", 0.14, 0.0),
    ("hospital_ward", 0.20, 1.0),
)
REFERRALS_PER_DAY = 7.2  # about 16 of the 20 beds in use on an average day
DECLINED_SHARE = 0.11
LATE_SHARE = 0.06  # decided after the 2 hours

STEP_UP_REASONS = (
    "Chest infection, breathless on walking; wants to stay at home",
    "Urine infection with new confusion; family can stay with her",
    "Heart failure getting worse: ankles swollen, weight up 3 kg this week",
    "Fall at home, no fracture, struggling to get about; needs watching for a few days",
    "Flare-up of COPD; has rescue pack, needs daily checks",
    "Cellulitis of the leg needing antibiotics and daily checks",
    "Dehydrated after a stomach bug; drinking again but weak",
)
STEP_DOWN_REASONS = (
    "Ready to go home after pneumonia; needs oxygen checks for a few days",
    "Home after treatment for heart failure; daily weights and checks",
    "Home after a fall and a short stay; needs help settling in and watching",
    "Finishing antibiotics at home after a chest infection",
)
DECLINE_REASONS = (
    "Too unwell to be safe at home: advised the referrer to send to the emergency department",
    "Needs care overnight that the ward cannot give; referred to the rapid response team",
    "Lives outside the ward's area; passed to their own community team",
    "Person did not want to be on the ward; GP to review tomorrow",
    "Needs a hospital test today; referrer to arrange",
)
NO_BED = "No bed free on the ward at the time: advised the referrer to keep the person under their care"
ACCEPT_REASONS = (
    "Safe to stay at home with daily visits",
    "Family at home and agrees to the plan",
    "Meets the ward's criteria; plan agreed with the person",
)
EXTEND_REASONS = (
    "Still needs daily checks: oxygen levels not yet back to their usual",
    "Antibiotics changed on day 3; keeping on the ward until they are working",
    "Waiting for the care package to start; not safe alone yet",
)
EARLY_HOME = "Recovered sooner than expected"
HOSPITAL_REASONS = (
    "NEWS2 rising and more breathless; ambulance called after talking to the on-call doctor",
    "New chest pain; sent to the emergency department",
    "Fell again and could not get up; taken to hospital",
    "Not drinking and more confused despite treatment",
)
DIED_REASONS = (
    "Died peacefully at home with family, as planned in their advance care plan",
    "Died at home, as they wished; the GP and family had talked it through",
)
OTHER_REASONS = (
    "Went to stay with their daughter outside the area",
    "Moved into a care home for respite",
    "Asked to leave the ward; the neighbourhood team will keep visiting",
)
# What was done about a review that calls for a medium or high response. An ambulance is called only in the review
# before the person goes into hospital (the episode then ends "hospital"); otherwise the person stays on the ward.
TO_HOSPITAL = "Talked to the on-call doctor; ambulance called"
HIGH_ESCALATION = "Urgent review by the GP; observations again in an hour"
MEDIUM_ESCALATION = "GP asked to review today; observations again in 4 hours"
MISSING_NOTE = "Blood pressure cuff not working; will take it at the next visit"
# Each review's note fits its score: well notes only with a NEWS2 of 0 to 2, a little unwell with 3 or 4 (or one
# reading scoring 3), unwell with 5 or more. A blank note is allowed where the person is well.
WELL_NOTES = (
    "Comfortable, eating and drinking",
    "Slept well; walked to the kitchen",
    "Breathing easier than yesterday",
    "",
)
LOW_NOTES = (
    "A little tired; family with them",
    "Temperature up a little; paracetamol given",
    "Still a bit breathless when walking; drinking well",
)
UNWELL_NOTES = (
    "More breathless than yesterday",
    "Hot and shivery; not eating",
    "More confused than usual, say the family",
)
VISIT_FOR = ("Check breathing and observations", "Check legs and dressing", "Medicines and observations")
CALL_FOR = ("Evening check by phone", "How is the breathing tonight?")
READINGS_FOR = ("Oxygen level and pulse from home", "Weight and blood pressure from home")
FEWER_BEDS = (
    (17, "Two nurses off sick"),
    (18, "Staff training day"),
    (16, "Two nurses on a course all day"),
    (18, "Nurse on annual leave, not covered"),
    (17, "One nurse moved to help the neighbourhood team for the day"),
    (18, "Car off the road: fewer visits can be made"),
)

# Today's board: hours into the episode of each person on the ward now (one kept on past 72, with a reason).
BOARD_HOURS = (1.5, 4, 7, 11, 16, 21, 27, 32, 38, 44, 49, 55, 60, 64, 69.5)
BOARD_EXTENDED_HOURS = 79  # kept on to 96 hours
BOARD_MEDIUM_AT = 38  # the person with a recent NEWS2 of 5 or 6
BOARD_INCOMPLETE_AT = 21  # the person whose last review has an observation missing
WAITING_MINUTES = (110, 40, 15)  # referrals waiting for a decision, referred this many minutes ago


@dataclass
class ReferralRow:
    number: int
    person: int
    source: str
    direction: str
    reason: str
    referred_by: str
    referred_at: datetime
    decision: str = ""
    decision_reason: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = None

    @property
    def decision_due(self) -> datetime:
        return self.referred_at + timedelta(hours=DECISION_HOURS)


@dataclass
class EpisodeRow:
    number: int
    referral: int
    person: int
    step_up: bool
    bed: int
    admitted_at: datetime
    admitted_by: str
    due_end_at: datetime
    extended_reason: str = ""
    ended_at: datetime | None = None
    ended_by: str | None = None
    outcome: str = ""
    outcome_reason: str = ""


@dataclass
class ReviewRow:
    episode: int
    person: int
    at: datetime
    by: str
    obs: news2.Observations
    score: news2.Score
    note: str = ""
    escalation: str = ""


@dataclass
class PlanRow:
    episode: int
    person: int
    kind: str
    due_at: datetime
    minutes: int
    what_for: str
    nurse: str | None
    done_at: datetime | None


@dataclass
class WardYear:
    referrals: list[ReferralRow] = field(default_factory=list)
    episodes: list[EpisodeRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    plan: list[PlanRow] = field(default_factory=list)
    capacity: list[tuple[date, int, str]] = field(default_factory=list)  # day, beds, reason


@dataclass(frozen=True)
class Staff:
    nurses: list[str]  # the ward's clinicians (the `ward_nurse` login among them)
    leader: str
    spa: list[str]  # single point of access: who takes the calls from the ambulance service and hospitals
    gps: dict[int, list[str]]  # by practice index


@dataclass
class _Beds:
    """When each bed is next free, when each is kept from (today's board), and the days with fewer beds."""

    free_at: dict[int, datetime]
    kept_from: dict[int, datetime]
    capacity: dict[date, int]
    zone: tzinfo

    def days(self, start: datetime, end: datetime) -> list[date]:
        first, last = start.astimezone(self.zone).date(), end.astimezone(self.zone).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def find(self, start: datetime, end: datetime) -> int | None:
        """The lowest bed free from `start` to `end`, within every day's capacity, or None."""
        limit = min((self.capacity.get(day, BEDS) for day in self.days(start, end)), default=BEDS)
        for bed in range(1, limit + 1):
            if self.free_at[bed] <= start and end <= self.kept_from.get(bed, end):
                return bed
        return None


class Generator:
    def __init__(self, seed: int, now: datetime, zone: tzinfo, people: dict[int, int], staff: Staff):
        """`people`: the borough's older people, index -> GP practice index."""
        self.rng = random.Random(f"{seed}-virtual-ward")  # noqa: S311 (synthetic data)
        self.now, self.zone, self.staff = now.astimezone(UTC), zone, staff
        self.people = people
        self._pool = sorted(people)
        self.year = WardYear()
        self.free_at: dict[int, datetime] = {}  # person -> when they may be referred again
        self.gone: set[int] = set()  # died, or on today's board

    # ---- the whole year ----

    def run(self) -> WardYear:
        rng, now = self.rng, self.now
        today = now.astimezone(self.zone).date()
        fewer = rng.sample(range(20, DAYS - 10), len(FEWER_BEDS))
        capacity = {}
        for offset, (count, reason) in zip(sorted(fewer), FEWER_BEDS, strict=True):
            day = today - timedelta(days=DAYS - offset)
            capacity[day] = count
            self.year.capacity.append((day, count, reason))
        beds = _Beds({b: now - timedelta(days=DAYS + 10) for b in range(1, BEDS + 1)}, {}, capacity, self.zone)
        self._board(beds)
        start = today - timedelta(days=DAYS)
        for n in range(DAYS):
            day = start + timedelta(days=n)
            count = max(0, round(rng.gauss(REFERRALS_PER_DAY, 2.0)))
            times = sorted(
                _local(day, time(7), self.zone) + timedelta(minutes=rng.randrange(14 * 60)) for _ in range(count)
            )
            for at in times:
                if at > now - timedelta(hours=26):  # the last day belongs to today's board
                    break
                self._referral(at, beds)
        self._waiting()
        return self.year

    def _person(self, at: datetime) -> int | None:
        for _ in range(30):
            index = self.rng.choice(self._pool)
            if index not in self.gone and self.free_at.get(index, at) <= at:
                return index
        # A small borough can be busy: then anyone free, in order, so the day never runs short by chance.
        return next((i for i in self._pool if i not in self.gone and self.free_at.get(i, at) <= at), None)

    def _new_referral(self, person: int, at: datetime) -> ReferralRow:
        rng = self.rng
        roll, source, step_down = rng.random(), SOURCES[-1][0], 1.0
        for name, share, down in SOURCES:
            if roll < share:
                source, step_down = name, down
                break
            roll -= share
        direction = "step_down" if rng.random() < step_down else "step_up"
        practice = self.people[person]
        gps = self.staff.gps.get(practice) or self.staff.spa
        by = rng.choice(gps) if source == "gp" else rng.choice(self.staff.spa)
        reason = rng.choice(STEP_DOWN_REASONS if direction == "step_down" else STEP_UP_REASONS)
        row = ReferralRow(len(self.year.referrals), person, source, direction, reason, by, at)
        self.year.referrals.append(row)
        return row

    def _decide(self, referral: ReferralRow, decision: str, reason: str, minutes: float) -> None:
        referral.decision, referral.decision_reason = decision, reason
        referral.decided_by = self.rng.choice([*self.staff.nurses, self.staff.leader])
        referral.decided_at = referral.referred_at + timedelta(minutes=minutes)

    def _referral(self, at: datetime, beds: _Beds) -> None:
        rng = self.rng
        person = self._person(at)
        if person is None:
            return
        referral = self._new_referral(person, at)
        minutes = rng.uniform(125, 240) if rng.random() < LATE_SHARE else rng.uniform(10, 115)
        self.free_at[person] = at + timedelta(hours=6)
        if rng.random() < DECLINED_SHARE:
            self._decide(referral, "declined", rng.choice(DECLINE_REASONS), minutes)
            return
        admitted_at = at + timedelta(minutes=minutes + rng.uniform(30, 180))
        outcome, hours, extended, reason = self._course()
        ended_at = admitted_at + timedelta(hours=hours)
        if ended_at > self.now - timedelta(minutes=30):  # those still on the ward are today's board's
            ended_at = self.now - timedelta(hours=rng.uniform(1, 10))
            outcome, hours, extended, reason = "home", (ended_at - admitted_at) / _H(1), "", EARLY_HOME
        bed = beds.find(admitted_at, ended_at)
        if bed is None:
            self._decide(referral, "declined", NO_BED, minutes)
            return
        self._decide(referral, "accepted", rng.choice(ACCEPT_REASONS), minutes)
        beds.free_at[bed] = ended_at
        due = admitted_at + timedelta(hours=EPISODE_HOURS + (hours - EPISODE_HOURS if extended else 0))
        episode = EpisodeRow(
            len(self.year.episodes),
            referral.number,
            person,
            referral.direction == "step_up",
            bed,
            admitted_at,
            rng.choice(self.staff.nurses),
            due,
            extended_reason=extended,
            ended_at=ended_at,
            ended_by=rng.choice(self.staff.nurses),
            outcome=outcome,
            outcome_reason=reason,
        )
        self.year.episodes.append(episode)
        if outcome == "died_at_home":
            self.gone.add(person)
        self.free_at[person] = ended_at + timedelta(days=GAP_DAYS)
        self._reviews(episode, unwell_at_end=outcome == "hospital")
        self._plan(episode)

    def _course(self) -> tuple[str, float, str, str]:
        """An episode's outcome, its length in hours, the reason it was kept on (if it was) and the outcome's
        reason."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.78:
            kind = rng.random()
            if kind < 0.12:
                return "home", EPISODE_HOURS + rng.choice((24, 48)), rng.choice(EXTEND_REASONS), ""
            if kind < 0.22:
                return "home", rng.uniform(40, 66), "", EARLY_HOME
            return "home", EPISODE_HOURS + rng.uniform(-2, 1), "", ""
        if roll < 0.91:
            return "hospital", rng.uniform(8, 66), "", rng.choice(HOSPITAL_REASONS)
        if roll < 0.94:
            return "died_at_home", rng.uniform(12, 70), "", rng.choice(DIED_REASONS)
        return "other", rng.uniform(20, 70), "", rng.choice(OTHER_REASONS)

    # ---- reviews and the plan ----

    def _observations(self, level: str) -> news2.Observations:
        rng = self.rng
        rr, spo2, sbp = rng.randint(12, 18), rng.randint(95, 99), rng.randint(112, 150)
        pulse, temp = rng.randint(58, 88), Decimal(rng.randint(362, 376)) / 10
        if level == "mild":
            for change in rng.sample(("spo2", "temp", "pulse", "sbp"), rng.randint(1, 2)):
                if change == "spo2":
                    spo2 = rng.randint(94, 95)
                elif change == "temp":
                    temp = Decimal(rng.randint(381, 388)) / 10
                elif change == "pulse":
                    pulse = rng.randint(91, 105)
                else:
                    sbp = rng.randint(101, 110)
        elif level == "medium":  # NEWS2 5 or 6
            rr, spo2, pulse = rng.randint(21, 24), rng.randint(94, 95), rng.randint(91, 110)
            temp, sbp = Decimal(rng.randint(381, 390)) / 10, rng.choice((rng.randint(101, 110), sbp))
        elif level == "unwell":
            rr, spo2, pulse = rng.randint(21, 26), rng.randint(91, 93), rng.randint(96, 125)
            temp, sbp = Decimal(rng.randint(381, 392)) / 10, rng.randint(96, 118)
        return news2.Observations(
            respiration_rate=rr,
            spo2=spo2,
            on_oxygen=False,
            systolic_bp=sbp,
            pulse=pulse,
            consciousness=news2.Consciousness.ALERT,
            temperature=temp,
        )

    def _review(
        self, episode: EpisodeRow, at: datetime, level: str, *, to_hospital: bool = False, note: str = ""
    ) -> None:
        """One review at `level`, with a note that fits its score; `to_hospital` for the review before the person
        goes into hospital (a medium or high response, and the ambulance called)."""
        rng = self.rng
        obs = self._observations(level)
        for _ in range(200 if to_hospital else 0):
            if news2.score(obs).response in (news2.Response.MEDIUM, news2.Response.HIGH):
                break
            obs = self._observations("unwell")
        if level == "missing":
            obs = news2.Observations(**{**obs.__dict__, "systolic_bp": None})
            note = note or MISSING_NOTE
        score = news2.score(obs)
        escalation = ""
        if to_hospital:
            escalation = TO_HOSPITAL
        elif score.response == news2.Response.HIGH:
            escalation = HIGH_ESCALATION
        elif score.response == news2.Response.MEDIUM:
            escalation = MEDIUM_ESCALATION
        self.year.reviews.append(
            ReviewRow(
                episode.number,
                episode.person,
                at,
                rng.choice(self.staff.nurses),
                obs,
                score,
                note or rng.choice(self._notes_for(score)),
                escalation,
            )
        )

    @staticmethod
    def _notes_for(score: news2.Score) -> tuple[str, ...]:
        """The notes that fit a score (an incomplete one by what was taken)."""
        if score.at_least >= 5:
            return UNWELL_NOTES
        if score.at_least >= 3 or score.any_three:
            return LOW_NOTES
        return WELL_NOTES

    def _reviews(self, episode: EpisodeRow, unwell_at_end: bool, until: datetime | None = None) -> None:
        """At least daily: on admission, then every 18 to 24 hours; before going to hospital, a high score."""
        rng = self.rng
        end = until or episode.ended_at or self.now
        at = episode.admitted_at + timedelta(minutes=rng.uniform(20, 60))
        last = end - timedelta(hours=rng.uniform(1, 3)) if unwell_at_end else None
        previous = None
        while at < end and (last is None or at < last - timedelta(hours=4)):
            roll = rng.random()
            level = "missing" if roll < 0.03 else "medium" if roll < 0.05 else "mild" if roll < 0.27 else "well"
            self._review(episode, at, level)
            previous = at
            at += timedelta(hours=rng.uniform(18, 24))
        if last is not None:
            if previous is not None:
                last = min(last, previous + timedelta(hours=22))
            level = "unwell" if rng.random() < 0.6 else "medium"
            self._review(episode, max(last, episode.admitted_at + timedelta(minutes=15)), level, to_hospital=True)

    def _plan(self, episode: EpisodeRow) -> None:
        """Each day on the ward: a home visit in the morning, readings at midday for some, a call in the evening.
        Those past are done, by the nurse who had them."""
        rng = self.rng
        end = episode.ended_at or episode.due_end_at
        readings = rng.random() < 0.5
        day = episode.admitted_at.astimezone(self.zone).date()
        while True:
            slots = [("visit", time(9, 30), 30, VISIT_FOR), ("call", time(17, 30), 10, CALL_FOR)]
            if readings:
                slots.append(("readings", time(13), 5, READINGS_FOR))
            started = False
            for kind, at_time, minutes, reasons in slots:
                due = _local(day, at_time, self.zone) + timedelta(minutes=rng.randrange(-60, 60))
                if due >= end:
                    continue
                started = True
                if due <= episode.admitted_at:
                    continue
                nurse = rng.choice(self.staff.nurses)
                done = due + timedelta(minutes=rng.randrange(0, 40)) if due < self.now else None
                if done is not None and done > self.now:
                    done = None
                self.year.plan.append(
                    PlanRow(episode.number, episode.person, kind, due, minutes, rng.choice(reasons), nurse, done)
                )
            if not started:
                break
            day += timedelta(days=1)

    # ---- today ----

    def _board(self, beds: _Beds) -> None:
        """The people on the ward now, each in a bed kept from their admission."""
        rng, now = self.rng, self.now
        hours = [*BOARD_HOURS, BOARD_EXTENDED_HOURS]
        numbers = list(range(1, BEDS + 1))
        rng.shuffle(numbers)
        chosen = rng.sample(self._pool, min(len(self._pool), len(hours)))
        for h, bed, person in zip(hours, numbers, chosen, strict=False):
            self.gone.add(person)
            admitted_at = now - timedelta(hours=h)
            referred_at = admitted_at - timedelta(minutes=rng.uniform(80, 200))
            referral = self._new_referral(person, referred_at)
            self._decide(referral, "accepted", rng.choice(ACCEPT_REASONS), rng.uniform(15, 75))
            extended = rng.choice(EXTEND_REASONS) if h == BOARD_EXTENDED_HOURS else ""
            due = admitted_at + timedelta(hours=EPISODE_HOURS + (24 if extended else 0))
            episode = EpisodeRow(
                len(self.year.episodes),
                referral.number,
                person,
                referral.direction == "step_up",
                bed,
                admitted_at,
                rng.choice(self.staff.nurses),
                due,
                extended_reason=extended,
            )
            self.year.episodes.append(episode)
            beds.kept_from[bed] = admitted_at - timedelta(minutes=30)
            if h == BOARD_MEDIUM_AT:
                self._reviews(episode, unwell_at_end=False, until=now - timedelta(hours=2))
                self._medium(episode, now - timedelta(hours=1))
            elif h == BOARD_INCOMPLETE_AT:
                self._reviews(episode, unwell_at_end=False, until=now - timedelta(hours=2))
                self._review(episode, now - timedelta(minutes=50), "missing")
            else:
                self._reviews(episode, unwell_at_end=False)
            self._plan(episode)
        # one of today's visits is late: due an hour ago and not yet done
        late = [p for p in self.year.plan if p.kind == "visit" and p.done_at is not None and p.due_at > now - _H(3)]
        if late:
            late[0].done_at = None

    def _medium(self, episode: EpisodeRow, at: datetime) -> None:
        """A review with a NEWS2 of 5 or 6, and what was done about it."""
        for _ in range(200):
            obs = self._observations("medium")
            score = news2.score(obs)
            if score.total in (5, 6):
                by = self.rng.choice(self.staff.nurses)
                self.year.reviews.append(
                    ReviewRow(episode.number, episode.person, at, by, obs, score, "More breathless", MEDIUM_ESCALATION)
                )
                return

    def _waiting(self) -> None:
        """Referrals waiting for a decision, one nearly overdue."""
        for minutes in WAITING_MINUTES:
            person = self._person(self.now)
            if person is None:
                return
            self.gone.add(person)
            self._new_referral(person, self.now - timedelta(minutes=minutes))


def _local(day: date, at: time, zone: tzinfo) -> datetime:
    """That time of day in the borough, in UTC: adding hours to it then counts real hours, across clock changes."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def _H(hours: float) -> timedelta:
    return timedelta(hours=hours)
