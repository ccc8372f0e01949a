"""The synthetic demo borough, generated deterministically from a seed. Plain Python: no Django here.

Every name, street and number is invented. NHS numbers come from the 999 test range, phone numbers from
Ofcom's drama ranges, and postcodes use the made-up area "NV", which no real UK postcode uses.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from string import Formatter
from typing import NamedTuple

from nhs_number import calculate_checksum

NEIGHBOURHOODS = ["Riverside", "Hillcrest", "Old Town", "Meadowbank"]
TOWN = "Northvale"
TRUST = "Northvale Community Health NHS Trust"
COUNCIL = "Northvale Borough Council"
VOLUNTARY = "Northvale Living Well"

GIVEN_NAMES = (
    "Aaliyah Abdul Ada Adam Aisha Alan Albert Alice Amara Amir Amy Anita Ann Arthur Asha Barbara Ben Beryl Bilal "
    "Brenda Carl Carol Chen Chloe Colin Daniel Darren David Deborah Dennis Dorothy Edith Edward Eileen Elijah Ella "
    "Emeka Emily Eric Esther Fatima Florence Frank Gareth Gloria Grace Graham Hannah Harold Harry Hassan Helen Ian "
    "Imran Irene Isaac Ivy Jack Jacob James Jean Joan John Joseph Joyce Julia Kamal Kathleen Keith Kwame Laura "
    "Leon Lily Linda Mabel Margaret Maria Marjorie Mark Mary Maureen Mei Michael Mohammed Nadia Nia Noah Norman "
    "Olive Oliver Omar Patricia Paul Pauline Peter Priya Rachel Raj Rita Robert Rose Ruth Samuel Sandra Sarah "
    "Shirley Sofia Stanley Susan Sylvia Thomas Tomasz Valerie Victor Violet Walter Wendy Yusuf Zainab Zofia"
).split()
FAMILY_NAMES = (
    "Adeyemi Ahmed Ali Allen Anderson Armstrong Atkinson Bailey Baker Banerjee Barker Bell Bennett Brown Campbell "
    "Carter Chapman Clarke Collins Cooper Cox Davies Dawson Edwards Evans Fisher Fletcher Foster Gill Graham Green "
    "Griffiths Hall Harris Hart Hughes Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan King Kowalski "
    "Lee Lewis Lloyd Marsh Martin Mason Matthews Mills Mitchell Moore Morgan Morris Murphy Nowak Obi Okafor Owen "
    "Palmer Parker Patel Pearson Phillips Price Rahman Reid Richards Roberts Robinson Rogers Shah Sharma Simpson "
    "Singh Smith Stewart Taylor Thomas Thompson Turner Walker Ward Watson White Williams Wilson Wood Wright Young"
).split()
STREET_STEMS = (
    "Alder Ash Beech Birch Bramble Brook Cedar Chestnut Clover Copper Elm Fern Foxglove Hawthorn Hazel Heather "
    "Holly Juniper Larch Laurel Linden Maple Meadow Mill Oak Orchard Poplar Rowan Sorrel Spring Thistle Willow"
).split()
STREET_KINDS = ["Road", "Street", "Lane", "Close", "Avenue", "Crescent", "Gardens", "Way", "Grove", "Terrace"]
PRACTICE_NAMES = [
    "Riverside Medical Centre",
    "Wharf Lane Surgery",
    "Hillcrest Health Centre",
    "Beacon Practice",
    "Old Town Surgery",
    "Market Square Practice",
    "Meadowbank Family Practice",
    "Kingfisher Medical Group",
]


@dataclass(frozen=True)
class Persona:
    """One member of staff or volunteer. `login` names the demo login this persona is, if any."""

    username: str
    given_name: str
    family_name: str
    team: str
    role: str
    login: bool = False


@dataclass(frozen=True)
class TeamPlan:
    name: str
    organisation: str
    kind: str
    neighbourhood: str | None


@dataclass
class BoroughPlan:
    seed: int
    organisations: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # name, kind, ods, nbhd
    teams: list[TeamPlan] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    passwords: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)


LOGIN_ROLES = [
    "clinician",
    "social_worker",
    "gp",
    "spa_triage",
    "coordinator",
    "volunteer",
    "team_leader",
    "person",
    "ig_reviewer",
    "admin",
]
# Logins beyond one per role, as (username, role): a nurse on the virtual ward's team, and the team's leader (who
# sees the day's beds and downloads the figures). Their passwords and tokens are drawn after everyone else's, so
# that the other logins and the rest of the borough stay as they were.
EXTRA_LOGINS = [("ward_nurse", "clinician"), ("ward_lead", "team_leader")]
VIRTUAL_WARD_NURSES = 6  # besides the two the borough began with: a 20-bed ward visits many people a day
WORDS = "amber birch cobalt delta ember fable garnet harbour indigo juniper kestrel lumen meadow nectar".split()


def nhs_numbers(seed: int) -> Iterator[str]:
    """Distinct valid NHS numbers from the 999 test range, in a seed-dependent order.

    The range holds 10**6 candidates, of which about 909,000 have a valid check digit.
    """
    space = 1_000_000  # the six digits after "999"
    step = 7_919  # prime, so coprime with 10**6: i -> (start + i*step) mod 10**6 visits every value once
    start = random.Random(seed).randrange(space)
    for i in range(space):
        middle = f"999{(start + i * step) % space:06d}"
        check = calculate_checksum(middle)
        if check != 10:  # 10 means no valid NHS number has these nine digits
            yield f"{middle}{check}"


def plan_borough(seed: int) -> BoroughPlan:
    rng = random.Random(seed)
    plan = BoroughPlan(seed=seed)
    plan.organisations = [
        (TRUST, "nhs_trust", "RNV", None),
        (COUNCIL, "council", "NVC", None),
        (VOLUNTARY, "voluntary_organisation", "", None),
    ]
    for index, practice in enumerate(PRACTICE_NAMES):
        plan.organisations.append((practice, "gp_practice", f"Y9{index + 1:04d}", NEIGHBOURHOODS[index // 2]))

    teams = plan.teams
    for nbhd in NEIGHBOURHOODS:
        teams.append(TeamPlan(f"{nbhd} neighbourhood team", TRUST, "neighbourhood_team", nbhd))
        teams.append(TeamPlan(f"{nbhd} adult social care", COUNCIL, "neighbourhood_team", nbhd))
    teams += [
        TeamPlan("Single point of access", TRUST, "single_point_of_access", None),
        TeamPlan("Virtual ward", TRUST, "virtual_ward", None),
        TeamPlan("Information governance", TRUST, "corporate_service", None),
        TeamPlan("Digital services", TRUST, "corporate_service", None),
        TeamPlan("Living Well volunteer hub", VOLUNTARY, "volunteer_hub", None),
    ]
    for index, practice in enumerate(PRACTICE_NAMES):
        teams.append(TeamPlan(f"{practice} clinical team", practice, "practice_team", NEIGHBOURHOODS[index // 2]))

    used: set[str] = set()

    def person(team: str, role: str, login: bool = False, username: str = "") -> Persona:
        while True:
            given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
            name = username or (role if login else f"{given}.{family}".lower())
            if name not in used:
                used.add(name)
                return Persona(name, given, family, team, role, login)

    staff = plan.personas
    for i, nbhd in enumerate(NEIGHBOURHOODS):
        staff.append(person(f"{nbhd} neighbourhood team", "team_leader", login=i == 0))
        staff += [person(f"{nbhd} neighbourhood team", "clinician", login=(i == 0 and j == 0)) for j in range(6)]
        staff.append(person(f"{nbhd} adult social care", "team_leader"))
        staff += [person(f"{nbhd} adult social care", "social_worker", login=(i == 0 and j == 0)) for j in range(2)]
    staff.append(person("Single point of access", "team_leader"))
    staff += [person("Single point of access", "spa_triage", login=j == 0) for j in range(3)]
    # the virtual ward's team leader is the `ward_lead` login: drawn as before (its drawn name kept as used), so
    # that everyone drawn after is the same
    staff.append(replace(person("Virtual ward", "team_leader"), username="ward_lead", login=True))
    staff += [person("Virtual ward", "clinician") for _ in range(2)]
    staff.append(person("Information governance", "ig_reviewer", login=True))
    staff.append(person("Digital services", "admin", login=True))
    staff += [person("Living Well volunteer hub", "coordinator", login=j == 0) for j in range(3)]
    for index, practice in enumerate(PRACTICE_NAMES):
        staff += [
            person(f"{practice} clinical team", "gp", login=(index == 0 and j == 0))
            for j in range(2 if index < 2 else 1)
        ]
    staff += [person("Living Well volunteer hub", "volunteer", login=j == 0) for j in range(40)]

    for role in LOGIN_ROLES:
        plan.passwords[role] = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{rng.randrange(1000, 9999)}"
        plan.tokens[role] = "alg_demo_" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(32))
    # the virtual ward's other nurses, the `ward_nurse` login first
    extra = dict(EXTRA_LOGINS)
    staff += [
        person("Virtual ward", "clinician", login=j == 0, username="ward_nurse" if j == 0 else "")
        for j in range(VIRTUAL_WARD_NURSES)
    ]
    for username in extra:
        plan.passwords[username] = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{rng.randrange(1000, 9999)}"
        plan.tokens[username] = "alg_demo_" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(32))
    return plan


@dataclass(frozen=True)
class PersonRow:
    nhs_number: str | None
    given_name: str
    family_name: str
    birth_date: date
    address_line: str
    town: str
    postcode: str
    phone: str
    neighbourhood_index: int
    practice_index: int


def generate_people(seed: int, count: int, today: date) -> Iterator[PersonRow]:
    """`count` invented people. The same seed and count always give the same people.

    About one in ten has no NHS number recorded (as with many referrals). The 999 test range holds about
    909,000 valid numbers, so in a borough of more than about 1,010,000 people the later ones get none.
    """
    rng = random.Random(seed * 1_000_003 + 17)
    numbers = nhs_numbers(seed)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    for _ in range(count):
        nbhd = rng.randrange(len(NEIGHBOURHOODS))
        # Most people are registered with a practice in their own neighbourhood; some are not.
        practice = nbhd * 2 + rng.randrange(2) if rng.random() < 0.9 else rng.randrange(len(PRACTICE_NAMES))
        age_years = min(104, max(18, int(rng.triangular(18, 104, 82))))
        birth = today - timedelta(days=age_years * 365 + rng.randrange(365))
        street = f"{rng.randrange(1, 240)} {rng.choice(STREET_STEMS)} {rng.choice(STREET_KINDS)}"
        postcode = f"NV{nbhd + 1} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
        phone = f"07700 900{rng.randrange(1000):03d}" if rng.random() < 0.7 else f"01632 960{rng.randrange(1000):03d}"
        nhs_number = next(numbers, None) if rng.random() < 0.9 else None
        yield PersonRow(
            nhs_number,
            rng.choice(GIVEN_NAMES),
            rng.choice(FAMILY_NAMES),
            birth,
            street,
            TOWN,
            postcode,
            phone,
            nbhd,
            practice,
        )


# ------------------------------------------------------------------------------------------------------------
# The care around each person: relationships, the story told once, the people around them, consent choices,
# a timeline, break-glass and an audit trail. Drawn from a second random stream (so adding care data leaves the
# people themselves unchanged), one person at a time, so that a loader can stream a borough of any size.
#
# Rows refer to people by their index in `generate_people`, to staff by username, to teams and organisations by
# name; the loader turns those into database ids. Times are relative to `now`, so that a borough built today
# has relationships that began in the past and one break-glass that is still open.
# ------------------------------------------------------------------------------------------------------------

PARTNER_WORDS = ["wife", "husband", "partner"]
FAMILY_WORDS = ["daughter", "son", "sister", "brother", "niece", "nephew", "granddaughter", "grandson"]
OTHER_SUPPORTERS = ["neighbour", "friend", "paid carer"]
# Who can be in someone's family at their age: children from 35, grandchildren from 60.
GRANDCHILDREN_FROM, CHILDREN_FROM, RETIRED_FROM = 60, 35, 62


def family_words(age: int) -> list[str]:
    if age >= GRANDCHILDREN_FROM:
        return FAMILY_WORDS
    if age >= CHILDREN_FROM:
        return [w for w in FAMILY_WORDS if not w.startswith("grand")]
    return ["sister", "brother", "niece", "nephew"]


class Household(NamedTuple):
    """Who the person lives with and who is close to them, drawn once so that their story, their people and
    their timeline agree, and fit their age."""

    age: int
    partner: str  # the word they use: wife, husband, partner
    with_partner: str  # "together", "widowed" or "never" (single)
    relative: str  # the relative they talk about most


PLACES = [
    "a village by the sea",
    "a small town in the hills",
    "a farming village up north",
    "the city",
    "a terraced street by the railway",
    "a big family house by the river",
]
JOBS = [
    "bus driver",
    "nurse",
    "school cook",
    "postman",
    "hairdresser",
    "welder",
    "teacher",
    "shop manager",
    "bookkeeper",
    "carpenter",
    "cleaner",
    "printer",
    "taxi driver",
    "factory supervisor",
]
HOBBIES = [
    "gardening",
    "football on the radio",
    "knitting",
    "crosswords",
    "baking",
    "birdwatching from my window",
    "my church choir",
    "old films",
    "dominoes at the club",
    "doing the garden with my grandchildren",
]
CONDITIONS = ["heart", "breathing", "arthritis", "diabetes", "memory", "eyesight", "circulation", "balance"]
EVENTS = ["fall", "stroke", "operation", "time in hospital", "chest infection"]
TASKS = ["the stairs", "getting to the shops", "cooking a proper meal", "getting washed", "sleeping through the night"]
PETS = ["Biscuit", "Pepper", "Smudge", "Tigger", "Bella", "Milo"]
GOALS = [
    "walk to the park",
    "get to my grandson's wedding",
    "go back to the lunch club",
    "cook for myself",
    "manage the stairs",
    "get out in the garden",
]
REQUESTS = [
    "ring before you visit, as I take a while to get to the door",
    "talk to me, not just to my family",
    "write things down for me, as I forget",
    "come in the afternoon, as mornings are slow for me",
    "speak up a little, as my hearing is not what it was",
]
DISLIKES = ["being rushed", "being talked about as if I am not there", "hospital food", "strangers in my kitchen"]

MY_STORY_OPENINGS = [
    "I was born in {place} and came to Northvale when I was {age}.",
    "I have lived in Northvale all my life, most of it in {nbhd}.",
    "I grew up in {place} and moved here to be near my {relative}.",
]
MY_STORY_WORK = [
    "I worked as a {job} for {years} years.",
    "I spent {years} years as a {job} and I still miss the people.",
    "Before I retired I was a {job}.",
]
MY_STORY_WORK_YOUNGER = [
    "I work as a {job}, when my health lets me.",
    "I was a {job} until I got ill, and I want to go back.",
]
MY_STORY_HOME = {
    "widowed": ["I have lived on my own since my {partner} died.", "I live on my own with my cat, {pet}."],
    "together": ["I live with my {partner}, who helps me a lot."],
    "never": ["My {relative} lives nearby and pops in most days.", "I live on my own with my cat, {pet}."],
}
MY_STORY_NOW = [
    "Since my {event} I find {task} hard.",
    "My {condition} means I get tired quickly.",
    "I have good days and bad days with my {condition}.",
]
MY_STORY_LATER = [
    "Since the last time we wrote this, I have started going to the lunch club on Wednesdays.",
    "I had another {event} in the spring, so I find {task} harder again.",
    "My {relative} has moved closer, which has made a big difference.",
    "I have a new walking frame and I am getting out more.",
]
WHAT_MATTERS_LINES = [
    "What matters most to me is staying in my own home.",
    "I want to be able to {goal} again.",
    "Please {request}.",
    "I don't like {dislike}.",
    "Seeing my {relative} keeps me going.",
    "I look forward to {hobby} every week.",
    "I want to keep doing things for myself for as long as I can.",
]
STRENGTHS_LINES = [
    "I am a good listener, and people tell me things.",
    "I still cook for myself most days.",
    "I know everyone on my street.",
    "I have got through worse than this before.",
    "I am good with my hands: I fixed my own gate last year.",
    "My faith keeps me steady.",
    "I can make anyone laugh.",
    "I keep a diary, so I remember what people said.",
    "I like to plan ahead, and I write everything down.",
    "I know my own mind and I say what I think.",
]
SHARED_WITH_VOLUNTEERS = [
    "I love talking about {hobby}.",
    "Please {request}.",
    "I like a cup of tea with two sugars when you come.",
    "I used to be a {job}, so ask me about that.",
    "My {relative} sometimes answers the phone for me.",
    "I'm a bit deaf in my left ear, so sit on my right.",
]
COMMUNICATION_NEEDS = [
    "Prefers large print letters.",
    "Wears hearing aids: please face me and speak clearly.",
    "Speaks Polish; an interpreter helps at appointments.",
    "Uses British Sign Language; book a BSL interpreter.",
    "Easy read information, please.",
    "Partially sighted: please phone rather than write.",
    "Speaks Bengali; prefers a professional interpreter to family interpreting.",
]
STORY_REASONS = {
    1: ["First told, at the first visit", "Written together at the assessment", "Told at the first home visit"],
    2: ["Updated at the review", "{name} asked to add this", "Things have changed since the last visit"],
    3: ["Updated after coming home from hospital", "{name} asked to change the wording", "Updated at the review"],
}

OBSERVATIONS = [
    "Leg dressing changed; the wound is healing well.",
    "Blood pressure 138/84; no dizziness reported.",
    "Walking better with the frame; no falls since the last visit.",
    "Eating well; weight steady at the last check.",
    "A bit low in mood this week; we talked about what helps.",
    "Skin checked: no pressure damage.",
    "Medicines reviewed with the pharmacist; no changes.",
    "Breathing easier since the new inhaler.",
    "Blood sugar readings steady this week.",
]
PLANS = [
    "Next visit in a week.",
    "Will ring on Friday to see how things are.",
    "Asked the GP to review the tablets.",
    "Referred to the falls service.",
    "Agreed to try the lunch club on Wednesdays.",
    "No changes to the plan.",
]
SERVICES = ["the falls service", "occupational therapy", "the memory clinic", "a befriending volunteer", "podiatry"]
REFERRAL_REASONS = [
    "of two falls in a month",
    "getting washed has become hard",
    "of worries about memory",
    "of feeling lonely since a bereavement",
    "of sore feet making walking hard",
]
RESTRICTED_NOTES = [
    "Spoke privately about worries with money; agreed not to share with family for now.",
    "Disclosed a past relationship that was controlling; safeguarding lead informed; address not to be shared "
    "with the former partner.",
    "Asked that the new diagnosis is not discussed with the family yet.",
    "Talked about feeling hopeless at times; safety plan agreed; named worker to follow up this week.",
]
AMEND_REASONS = [
    ("Added detail left out at the time", "Also agreed a follow-up call."),
    ("Wrong day recorded", "Correction: this visit was the day before."),
    ("Typing error", "Correction: blood pressure reading was 128, not 138."),
]
NAMED_WORKER_ENDED = ["Moved to another team", "Caseload rebalanced", "Left the service", "Person asked for a change"]
CARE_TEAM_ENDED = ["Episode of care finished", "Discharged from the virtual ward", "No longer needed"]
VOLUNTEER_ENDED = ["Moved into a care home", "Asked to pause the visits", "Volunteer moved away"]
BREAK_GLASS_REASONS = {
    "emergency": "Ambulance crew rang asking about medicines after a fall; the named worker was not on shift.",
    "unplanned_care": "Covering the evening visits for a colleague who is off sick.",
    "safeguarding": "A neighbour raised a concern about the person's safety; checking for an existing plan.",
    "new_referral": "New referral from the hospital discharge team; checking the history before allocating.",
}
REVIEW_NOTES = {
    "appropriate": [
        "Reason matches the call log; access appropriate.",
        "Checked with the team leader: covering visits.",
    ],
    "inappropriate": ["No care reason found; discussed with the member of staff and their team leader."],
}
# A GP practice needs name and identity to find the person, and how best to communicate with them.
CONSENT_ORG_CATEGORIES = ("name", "identity", "communication", "story")


BLANKS = {
    "place": PLACES,
    "age": ["six", "nine", "twelve", "twenty", "thirty"],  # only ages younger than the person now
    "relative": FAMILY_WORDS,
    "job": JOBS,
    "years": ["ten", "fifteen", "twenty", "thirty", "forty"],
    "partner": PARTNER_WORDS,
    "pet": PETS,
    "event": EVENTS,
    "task": TASKS,
    "condition": CONDITIONS,
    "goal": GOALS,
    "request": REQUESTS,
    "dislike": DISLIKES,
    "hobby": HOBBIES,
}
_BLANKS_IN: dict[str, list[str]] = {}  # template -> the names of its blanks, in order
NUMBER_WORDS = {"six": 6, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40}


def fitting_choices(name: str, household: Household) -> list[str]:
    """The phrases for a blank that fit the person: the age they came here younger than they are now, years at
    work that fit a working life so far, grandchildren only from 60."""
    pool = BLANKS[name]
    age = household.age
    if name == "age":
        return [w for w in pool if NUMBER_WORDS[w] < age] or pool[:1]
    if name == "years":
        return [w for w in pool if NUMBER_WORDS[w] <= age - 16] or pool[:1]
    if name in ("goal", "hobby") and age < GRANDCHILDREN_FROM:
        return [w for w in pool if "grand" not in w]
    return pool


class Relationship(NamedTuple):
    person: int
    kind: str
    user: str | None
    team: str | None
    started_at: datetime
    ended_at: datetime | None = None
    ended_reason: str = ""


class Story(NamedTuple):
    person: int
    part: str
    number: int
    text: str
    reason: str
    written_by: str | None
    written_at: datetime
    written_with_person: bool = True


class SupporterRow(NamedTuple):
    person: int
    name: str
    relationship: str
    phone: str
    is_carer: bool
    is_key_contact: bool
    started_on: date | None
    ended_on: date | None


class Consent(NamedTuple):
    person: int
    permit: bool
    actor_kind: str  # "organisation" or "volunteers"
    organisation: str | None
    categories: tuple[str, ...]
    start: datetime
    recorded_by: str | None
    withdrawn_at: datetime | None = None
    recorded_as: str = "self"


class EntryRow(NamedTuple):
    number: int  # unique in the borough, in order: amendments refer to the number of the entry they amend
    person: int
    kind: str
    text: str
    restricted: bool
    author: str | None
    at: datetime
    amends: int | None = None
    amend_reason: str = ""


class BreakGlassRow(NamedTuple):
    person: int
    user: str
    organisation: str
    reason_code: str
    reason_text: str
    started_at: datetime
    expires_at: datetime
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    outcome: str = ""
    review_note: str = ""


class AuditRow(NamedTuple):
    person: int
    at: datetime
    actor: str
    role: str
    organisation: str | None
    action: str
    basis: str
    detail: dict


class PersonCare(NamedTuple):
    """Everything about one person beyond who they are."""

    communication_needs: str
    shared_with_volunteers: str
    relationships: list[Relationship]
    stories: list[Story]
    supporters: list[SupporterRow]
    consents: list[Consent]
    entries: list[EntryRow]
    break_glass: list[BreakGlassRow]
    audit: list[AuditRow]


class Staffing:
    """Who works where, by username: the pools the care generator draws from."""

    def __init__(self, plan: BoroughPlan):
        team_organisation = {t.name: t.organisation for t in plan.teams}
        self.organisation = {p.username: team_organisation[p.team] for p in plan.personas}
        self.role = {p.username: p.role for p in plan.personas}
        pools: dict[tuple[str, str], list[str]] = {}
        for p in plan.personas:
            pools.setdefault((p.team, p.role), []).append(p.username)
        self.clinicians = [pools[(f"{n} neighbourhood team", "clinician")] for n in NEIGHBOURHOODS]
        self.social_workers = [pools[(f"{n} adult social care", "social_worker")] for n in NEIGHBOURHOODS]
        # the two the borough began with: the ward's later nurses are left out of the care drawn for everyone, so
        # that adding them changed nothing else (their patients are the virtual ward's demo step's)
        self.virtual_ward = pools[("Virtual ward", "clinician")][:2]
        self.spa = pools[("Single point of access", "spa_triage")]
        self.volunteers = pools[("Living Well volunteer hub", "volunteer")]
        self.gps = [pools[(f"{practice} clinical team", "gp")] for practice in PRACTICE_NAMES]


def volunteer_practices(position: int) -> tuple[int, ...]:
    """The GP practices (indices into PRACTICE_NAMES) the volunteer at this position among the hub's volunteers
    visits people from: five volunteers for each practice, and every fourth volunteer a second practice in the
    same neighbourhood. The 'volunteer' login is first: practice 0. Clients are allocated by practice (Living
    Well), so the demo's profiles and allocations both follow this."""
    first = position % len(PRACTICE_NAMES)
    if position % 4 == 3:
        return (first, first ^ 1)  # practices 2n and 2n + 1 share neighbourhood n
    return (first,)


def caseload_team(neighbourhood_index: int) -> str:
    return f"{NEIGHBOURHOODS[neighbourhood_index]} neighbourhood team"


def generate_borough(
    seed: int, count: int, now: datetime, today: date | None = None, plan: BoroughPlan | None = None
) -> Iterator[tuple[PersonRow, PersonCare]]:
    """Each person with the care around them. The same seed, count and `now` always give the same borough."""
    care = CareGenerator(seed, count, now, plan or plan_borough(seed))
    for index, row in enumerate(generate_people(seed, count, today or now.date())):
        yield row, care.person(index, row)


class CareGenerator:
    """The care data, one person at a time. A few people are shaped so that each demo login shows every state:

    - person 0 is the 'person' login: story versions, family, consent choices of every kind, a volunteer, and
      an audit trail of staff reads on every basis;
    - the 'clinician' login is named worker for the first Riverside people with a named worker, each with a
      restricted note;
    - the 'volunteer' login has three active allocations (one client refused volunteers their contact details)
      and one that ended: person 0, and people registered with practice 0, as every volunteer's clients are
      registered with a practice they cover;
    - the first person registered with the 'gp' login's practice lets that practice see their story;
    - person 1 has a break-glass open now by the 'spa_triage' login; person 2 one awaiting review by the
      'ig_reviewer' login; person 3 one already reviewed.
    """

    NAMED_WORKER_SHARE = 0.88
    SOCIAL_WORKER_SHARE = 0.15
    CHANGED_NAMED_WORKER_SHARE = 0.15
    CARE_TEAM_SHARE = 0.25
    STORY_SHARE = 0.35
    SUPPORTER_SHARE = 0.45
    ENTRY_SHARE = 0.45
    RESTRICTED_SHARE = 0.06
    AMENDED_SHARE = 0.04
    BREAK_GLASS_SHARE = 0.0015
    CLINICIAN_LOGIN_PEOPLE = 5
    PLANNED_FROM = 5_000  # volunteers' clients are drawn from this many people at the start of the borough

    def __init__(self, seed: int, count: int, now: datetime, plan: BoroughPlan):
        self.rng = random.Random(seed * 7_919 + 29)
        self.seed = seed
        self.now = now
        self.count = count
        self.staff = Staffing(plan)
        self.entry_number = 0
        self.clinician_login_people = 0
        self.clinician_login_named = False
        self.gp_login_consent_given = False
        self.allocations: dict[int, list[Relationship]] = {}
        self.refuse_volunteer_contact: set[int] = set()
        self.household = Household(80, "partner", "never", "daughter")  # drawn afresh for each person
        self._allocate_volunteers()

    # -- helpers

    def ago(self, low_days: int, high_days: int) -> datetime:
        """A moment in the working day (08:00 to 18:00 UTC), between `low_days` and `high_days` days ago."""
        rng = self.rng
        day = self.now - timedelta(days=rng.randint(low_days, high_days))
        return day.replace(hour=8 + rng.randrange(10), minute=rng.randrange(60), second=0, microsecond=0)

    def between(self, start: datetime, end: datetime) -> datetime:
        span = max(1, int((end - start).total_seconds()))
        return start + timedelta(seconds=self.rng.randrange(span))

    def phone(self) -> str:
        rng = self.rng
        return f"07700 900{rng.randrange(1000):03d}" if rng.random() < 0.7 else f"01632 960{rng.randrange(1000):03d}"

    def fill(self, template: str, row: PersonRow) -> str:
        """The template with each of its blanks filled from the phrase lists (and only its own blanks)."""
        names = _BLANKS_IN.get(template)
        if names is None:
            names = _BLANKS_IN[template] = [name for _, name, _, _ in Formatter().parse(template) if name]
        if not names:
            return template
        choice, household = self.rng.choice, self.household
        values = {}
        for name in names:
            if name == "nbhd":
                values[name] = NEIGHBOURHOODS[row.neighbourhood_index]
            elif name == "name":
                values[name] = row.given_name
            elif name in ("partner", "relative"):
                values[name] = getattr(household, name)
            else:
                values[name] = choice(fitting_choices(name, household))
        return template.format(**values)

    # -- volunteers, planned for the whole borough first: each volunteer has two to five clients

    def _allocate_volunteers(self) -> None:
        """Clients by GP practice (Living Well): each volunteer's clients are registered with one of the practices
        they cover (`volunteer_practices`), drawn from the first PLANNED_FROM people so that planning stays quick
        in a borough of any size. In a borough too small to give a volunteer two such clients, anyone will do.
        The 'volunteer' login keeps person 0 (the 'person' login: in practice 0 in the default seed's borough)."""
        rng, count = self.rng, self.count
        by_practice: dict[int, list[int]] = {}
        for index, row in enumerate(generate_people(self.seed, min(count, self.PLANNED_FROM), self.now.date())):
            if index:
                by_practice.setdefault(row.practice_index, []).append(index)
        everyone = range(1, count)
        for position, username in enumerate(self.staff.volunteers):
            fitting = sorted(i for p in volunteer_practices(position) for i in by_practice.get(p, []))
            if username == "volunteer":  # the demo login: person 0 and two more active, one ended
                pool = fitting if len(fitting) >= 3 else everyone
                clients = [0, *rng.sample(pool, min(3, len(pool)))]
                ended = {clients[3]} if len(clients) > 3 else set()
                if len(clients) > 1:
                    self.refuse_volunteer_contact.add(clients[1])
            else:
                want = rng.randint(2, 5)
                pool = fitting if len(fitting) >= want else (everyone or range(count))
                clients = rng.sample(pool, min(want, len(pool)))
                ended = {c for c in clients if rng.random() < 0.2}
            for client in clients:
                started = self.ago(30, 700)
                if client in ended:
                    days = (self.now - started).days
                    finish = started + timedelta(days=rng.randint(7, max(8, days - 1)))
                    allocation = Relationship(
                        client, "volunteer", username, None, started, finish, rng.choice(VOLUNTEER_ENDED)
                    )
                else:
                    allocation = Relationship(client, "volunteer", username, None, started)
                self.allocations.setdefault(client, []).append(allocation)

    # -- one person

    def _household(self, row: PersonRow) -> Household:
        rng = self.rng
        age = (self.now.date() - row.birth_date).days // 365
        widowed = min(0.7, max(0.05, (age - 50) / 50))
        together = 0.45 if age < 80 else 0.3
        with_partner = rng.choices(["widowed", "together", "never"], [widowed, together, 1 - widowed - together + 0.2])
        return Household(age, rng.choice(PARTNER_WORDS), with_partner[0], rng.choice(family_words(age)))

    def person(self, index: int, row: PersonRow) -> PersonCare:
        rng = self.rng
        self.household = self._household(row)
        relationships, named = self._relationships(index, row)
        allocations = self.allocations.get(index, [])
        relationships += allocations
        current_worker = named[-1].user if named else None
        writer = current_worker or rng.choice(self.staff.clinicians[row.neighbourhood_index])
        stories = self._stories(index, row, writer)
        supporters = self._supporters(index, row)
        consents = self._consents(index, row, bool(allocations), current_worker)
        entries = self._entries(index, row, writer, current_worker)
        break_glass = self._break_glass(index, row)
        audit = [row for b in break_glass for row in self._break_glass_audit(b)]
        if index == 0:
            audit += self._person_login_audit(row, relationships, stories, consents)
        communication = rng.choice(COMMUNICATION_NEEDS) if rng.random() < 0.12 else ""
        shared = ""
        if allocations or index == 0:
            lines = rng.sample(SHARED_WITH_VOLUNTEERS, 2)
            shared = " ".join(self.fill(line, row) for line in lines)
        return PersonCare(
            communication, shared, relationships, stories, supporters, consents, entries, break_glass, audit
        )

    def _relationships(self, index: int, row: PersonRow) -> tuple[list[Relationship], list[Relationship]]:
        """Team caseload for everyone; most have a named worker, some after an earlier one; some a care team."""
        rng, staff, nbhd = self.rng, self.staff, row.neighbourhood_index
        named: list[Relationship] = []
        forced = nbhd == 0 and self.clinician_login_people < self.CLINICIAN_LOGIN_PEOPLE
        self.clinician_login_named = forced
        if forced or index == 0 or rng.random() < self.NAMED_WORKER_SHARE:
            if forced:
                self.clinician_login_people += 1
                worker = "clinician"
            elif rng.random() < self.SOCIAL_WORKER_SHARE:
                worker = rng.choice(staff.social_workers[nbhd])
            else:
                worker = rng.choice(staff.clinicians[nbhd])
            if not forced and rng.random() < self.CHANGED_NAMED_WORKER_SHARE:
                earlier_worker = rng.choice([c for c in staff.clinicians[nbhd] if c != worker])
                began = self.ago(400, 1500)
                handover = began + timedelta(days=rng.randint(60, 300))
                named.append(
                    Relationship(
                        index, "named_worker", earlier_worker, None, began, handover, rng.choice(NAMED_WORKER_ENDED)
                    )
                )
                named.append(Relationship(index, "named_worker", worker, None, handover))
            else:
                named.append(Relationship(index, "named_worker", worker, None, self.ago(7, 900)))
        first = min((r.started_at for r in named), default=self.ago(7, 900))
        caseload = Relationship(
            index, "team_caseload", None, caseload_team(nbhd), first - timedelta(days=rng.randint(0, 30))
        )
        relationships = [caseload, *named]
        if rng.random() < self.CARE_TEAM_SHARE:
            current = named[-1].user if named else None
            pool = [c for c in staff.clinicians[nbhd] if c != current] + staff.social_workers[nbhd] + staff.virtual_ward
            for member in rng.sample(pool, rng.randint(1, 2)):
                if member == current:
                    continue
                began = self.ago(14, 700)
                if rng.random() < 0.2:
                    finish = self.between(began, self.now - timedelta(days=1))
                    relationships.append(
                        Relationship(index, "care_team", member, None, began, finish, rng.choice(CARE_TEAM_ENDED))
                    )
                else:
                    relationships.append(Relationship(index, "care_team", member, None, began))
        return relationships, named

    def _stories(self, index: int, row: PersonRow, writer: str) -> list[Story]:
        """'My story', 'what matters to me' and 'my strengths', in the person's words, some in two or three
        versions; no sentence twice in one story."""
        rng = self.rng
        stories: list[Story] = []
        has_story = index == 0 or rng.random() < self.STORY_SHARE
        has_matters = index == 0 or rng.random() < (0.7 if has_story else 0.1)
        has_strengths = index == 0 or rng.random() < (0.6 if has_story else 0.05)
        parts = (("my_story", has_story, 3), ("what_matters", has_matters, 2), ("strengths", has_strengths, 1))
        for part, wanted, forced_versions in parts:
            if not wanted:
                continue
            versions = forced_versions if index == 0 else rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
            if part == "my_story":
                home = self.household
                work = MY_STORY_WORK if home.age >= RETIRED_FROM else MY_STORY_WORK_YOUNGER
                pools = [MY_STORY_OPENINGS, work, MY_STORY_HOME[home.with_partner], MY_STORY_NOW]
                used = [rng.choice(pool) for pool in pools]
                later = rng.sample(MY_STORY_LATER, versions - 1)  # each later version adds something new
            else:
                pool = WHAT_MATTERS_LINES if part == "what_matters" else STRENGTHS_LINES
                chosen = rng.sample(pool, 2 + versions)  # never the same sentence twice in one story
                used, later = chosen[:3], chosen[3:]
            lines = [self.fill(line, row) for line in used]
            when = self.ago(60 * versions, 600 + 60 * versions)
            for number in range(1, versions + 1):
                if number > 1:
                    lines.append(self.fill(later[number - 2], row))
                    when = self.between(when, min(self.now - timedelta(days=1), when + timedelta(days=200)))
                reason = self.fill(rng.choice(STORY_REASONS[number]), row)
                stories.append(Story(index, part, number, " ".join(lines), reason, writer, when, rng.random() < 0.9))
        return stories

    def _supporters(self, index: int, row: PersonRow) -> list[SupporterRow]:
        """Family, friends and carers, with invented names and drama-range phone numbers."""
        rng = self.rng
        if index != 0 and rng.random() >= self.SUPPORTER_SHARE:
            return []
        supporters = []
        home = self.household
        # Someone they live with comes first, then the relative they talk about, then a neighbour or friend.
        kinds = [home.partner] if home.with_partner == "together" else []
        kinds += [home.relative, rng.choice(OTHER_SUPPORTERS)]
        for kind in kinds[: 2 if index == 0 else rng.randint(1, 2)]:
            family = row.family_name if kind in FAMILY_WORDS or kind in PARTNER_WORDS else rng.choice(FAMILY_NAMES)
            carer = kind == "paid carer" or (kind not in OTHER_SUPPORTERS and rng.random() < 0.4)
            ended = None
            if index != 0 and rng.random() < 0.05:
                ended = (self.now - timedelta(days=rng.randint(10, 400))).date()
            supporters.append(
                SupporterRow(
                    index,
                    f"{rng.choice(GIVEN_NAMES)} {family}",
                    kind,
                    self.phone(),
                    carer,
                    kind != "paid carer" and rng.random() < 0.85,
                    None,
                    ended,
                )
            )
        return supporters

    def _consents(self, index: int, row: PersonRow, allocated: bool, worker: str | None) -> list[Consent]:
        """Choices about sharing: some refuse volunteers their contact details, some let their GP practice see
        their story, some refuse the council; some choices were later withdrawn."""
        rng = self.rng
        practice = PRACTICE_NAMES[row.practice_index]
        recorded_by = "person" if index == 0 else worker
        # (permit, actor, organisation, categories, may be withdrawn): the choices a demo login relies on stay
        choices: list[tuple[bool, str, str | None, tuple[str, ...], bool]] = []
        refuses_login = index in self.refuse_volunteer_contact
        if refuses_login or (index != 0 and rng.random() < (0.2 if allocated else 0.02)):
            choices.append((False, "volunteers", None, ("contact",), not refuses_login))
        gp_login_first = row.practice_index == 0 and not self.gp_login_consent_given
        if index == 0 or gp_login_first or rng.random() < 0.06:
            choices.append((True, "organisation", practice, CONSENT_ORG_CATEGORIES, not gp_login_first))
            self.gp_login_consent_given |= row.practice_index == 0
        if index == 0 or rng.random() < 0.01:
            choices.append((False, "organisation", COUNCIL, ("story",), index != 0))
        if index == 0 or (allocated and rng.random() < 0.3):
            choices.append((True, "organisation", VOLUNTARY, ("name", "contact", "key_contacts"), True))
        consents = []
        for number, (permit, actor, organisation, categories, may_withdraw) in enumerate(choices):
            start = self.ago(20, 500)
            withdrawn = None
            last_of_person_login = index == 0 and number == len(choices) - 1
            if last_of_person_login or (index != 0 and may_withdraw and rng.random() < 0.15):
                withdrawn = self.between(start, self.now - timedelta(days=1))
            consents.append(Consent(index, permit, actor, organisation, categories, start, recorded_by, withdrawn))
        return consents

    def _entries(self, index: int, row: PersonRow, writer: str, named_worker: str | None) -> list[EntryRow]:
        """Timeline notes, contacts, referrals and reviews; a few restricted; a few corrected by amendment."""
        rng = self.rng
        must_restrict = self.clinician_login_named  # each of the 'clinician' login's people has a restricted note
        if not (index == 0 or must_restrict or rng.random() < self.ENTRY_SHARE):
            return []
        entries: list[EntryRow] = []
        total = 4 if index == 0 else rng.randint(1, 4)
        for n in range(total):
            at = self.ago(1, 365)
            restricted = named_worker is not None and (
                (must_restrict and n == 0) or (index == 0 and n == 1) or rng.random() < self.RESTRICTED_SHARE
            )
            if restricted:
                kind, text, author = "note", rng.choice(RESTRICTED_NOTES), named_worker
            else:
                kind = rng.choice(["note", "note", "contact", "referral", "review"])
                text = self._entry_text(kind, row)
                author = writer if rng.random() < 0.7 else rng.choice(self.staff.clinicians[row.neighbourhood_index])
            self.entry_number += 1
            original = EntryRow(self.entry_number, index, kind, text, restricted, author, at)
            entries.append(original)
            if (index == 0 and n == 0) or rng.random() < self.AMENDED_SHARE:
                reason, correction = rng.choice(AMEND_REASONS)
                self.entry_number += 1
                later = min(self.now - timedelta(minutes=5), at + timedelta(hours=rng.randint(1, 72)))
                entries.append(
                    EntryRow(
                        self.entry_number,
                        index,
                        kind,
                        f"{text} {correction}",
                        restricted,
                        author,
                        later,
                        original.number,
                        reason,
                    )
                )
        return entries

    def _entry_text(self, kind: str, row: PersonRow) -> str:
        rng = self.rng
        if kind == "note":
            return f"Visited at home. {rng.choice(OBSERVATIONS)} {rng.choice(PLANS)}"
        if kind == "contact":
            who = rng.choice(["Rang", f"Phone call with their {self.household.relative}"])
            return f"{who} to check in. {rng.choice(OBSERVATIONS)}"
        if kind == "referral":
            return f"Referred to {rng.choice(SERVICES)} because {rng.choice(REFERRAL_REASONS)}."
        return f"Review with {row.given_name}: {rng.choice(OBSERVATIONS)} {rng.choice(PLANS)}"

    def _break_glass(self, index: int, row: PersonRow) -> list[BreakGlassRow]:
        """Past break-glass, most reviewed, some awaiting review, and one open now for the 'spa_triage' login."""
        rng, staff = self.rng, self.staff
        if index == 1:
            started = self.now - timedelta(hours=2)
            return [
                BreakGlassRow(
                    index,
                    "spa_triage",
                    TRUST,
                    "new_referral",
                    BREAK_GLASS_REASONS["new_referral"],
                    started,
                    started + timedelta(hours=12),
                )
            ]
        forced = index in (0, 2, 3)
        if not forced and rng.random() >= self.BREAK_GLASS_SHARE:
            return []
        other = rng.choice([n for n in range(len(NEIGHBOURHOODS)) if n != row.neighbourhood_index])
        user = rng.choice(staff.clinicians[other] + [s for s in staff.spa if s != "spa_triage"])
        code = rng.choice(list(BREAK_GLASS_REASONS))
        started = self.ago(15, 400) if index != 2 else self.ago(1, 3)
        expires = started + timedelta(hours=12)
        reviewed = index in (0, 3) or (index != 2 and rng.random() < 0.8)
        if not reviewed:
            return [BreakGlassRow(index, user, TRUST, code, BREAK_GLASS_REASONS[code], started, expires)]
        outcome = "appropriate" if index in (0, 3) or rng.random() < 0.85 else "inappropriate"
        return [
            BreakGlassRow(
                index,
                user,
                TRUST,
                code,
                BREAK_GLASS_REASONS[code],
                started,
                expires,
                started + timedelta(days=rng.randint(1, 10)),
                "ig_reviewer",
                outcome,
                rng.choice(REVIEW_NOTES[outcome]),
            )
        ]

    def _break_glass_audit(self, event: BreakGlassRow) -> list[AuditRow]:
        """What the service recorded: the break-glass started, the record read under it, the review if done."""
        role = self.staff.role[event.user]
        rows = [
            AuditRow(
                event.person,
                event.started_at,
                event.user,
                role,
                event.organisation,
                "break_glass_started",
                "break_glass",
                {"reason": event.reason_code, "expires_at": event.expires_at.isoformat()},
            ),
            AuditRow(
                event.person,
                event.started_at + timedelta(minutes=2),
                event.user,
                role,
                event.organisation,
                "person_viewed",
                "break_glass",
                {},
            ),
        ]
        if event.reviewed_at is not None:
            rows.append(
                AuditRow(
                    event.person,
                    event.reviewed_at,
                    event.reviewed_by,
                    self.staff.role[event.reviewed_by],
                    self.staff.organisation[event.reviewed_by],
                    "break_glass_reviewed",
                    "",
                    {"outcome": event.outcome},
                )
            )
        return rows

    def _person_login_audit(
        self, row: PersonRow, relationships: list[Relationship], stories: list[Story], consents: list[Consent]
    ) -> list[AuditRow]:
        """Past reads of the 'person' login's record by staff and their volunteer, each with its basis."""
        rng, staff = self.rng, self.staff
        rows = []

        def read(user: str, basis: str, at: datetime, action: str = "person_viewed", **detail) -> None:
            role = staff.role[user]
            organisation = None if role == "volunteer" else staff.organisation[user]
            rows.append(AuditRow(0, at, user, role, organisation, action, basis, detail))

        for r in relationships:
            if r.user is None:
                continue
            last = r.ended_at or self.now
            for _ in range(3 if r.kind == "named_worker" else 1):
                read(r.user, "relationship", self.between(r.started_at, last))
        for story in stories:
            read(story.written_by, "relationship", story.written_at, "story_written", part=story.part)
        practice = PRACTICE_NAMES[row.practice_index]
        if any(c.permit and c.organisation == practice and c.withdrawn_at is None for c in consents):
            read(staff.gps[row.practice_index][0], "consent", self.ago(2, 60))
        clinician = rng.choice(staff.clinicians[row.neighbourhood_index])
        read(clinician, "relationship", self.ago(1, 30), "search_result", query=row.family_name)
        return rows
