"""The synthetic demo borough, generated deterministically from a seed. Plain Python: no Django here.

Every name, street and number is invented. NHS numbers come from the 999 test range, phone numbers from
Ofcom's drama ranges, and postcodes use the made-up area "NV", which no real UK postcode uses.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

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

    def person(team: str, role: str, login: bool = False) -> Persona:
        while True:
            given, family = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
            username = role if login else f"{given}.{family}".lower()
            if username not in used:
                used.add(username)
                return Persona(username, given, family, team, role, login)

    staff = plan.personas
    for i, nbhd in enumerate(NEIGHBOURHOODS):
        staff.append(person(f"{nbhd} neighbourhood team", "team_leader", login=i == 0))
        staff += [person(f"{nbhd} neighbourhood team", "clinician", login=(i == 0 and j == 0)) for j in range(6)]
        staff.append(person(f"{nbhd} adult social care", "team_leader"))
        staff += [person(f"{nbhd} adult social care", "social_worker", login=(i == 0 and j == 0)) for j in range(2)]
    staff.append(person("Single point of access", "team_leader"))
    staff += [person("Single point of access", "spa_triage", login=j == 0) for j in range(3)]
    staff.append(person("Virtual ward", "team_leader"))
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
