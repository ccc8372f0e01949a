"""The demo borough's directory of services: about 300 services from 40 invented organisations in Northvale, with
the needs they meet (a taxonomy in the project's own words), when they are open, where, for whom and at what cost.
Plain Python: no Django here. The same seed always gives the same directory.

Every name is invented; phone numbers come from Ofcom's drama ranges, emails from example.org, .com and .net, and
postcodes from the made-up NV districts, placed with the demo's invented geography (places.NORTHVALE, ADR 26).
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from alongside.demo.borough import FAMILY_NAMES, GIVEN_NAMES, NEIGHBOURHOODS, STREET_KINDS, STREET_STEMS, TOWN

from .places import NORTHVALE, where

ORGANISATIONS = 40
SERVICES = 300
TAXONOMY = "Northvale Living Well needs"


@dataclass(frozen=True)
class TermPlan:
    id: uuid.UUID
    code: str
    name: str
    description: str
    parent: str = ""  # the code of the broader need


@dataclass(frozen=True)
class OrganisationPlan:
    id: uuid.UUID
    name: str
    description: str
    email: str
    website: str
    editor: str
    checked_on: date


@dataclass(frozen=True)
class LocationPlan:
    id: uuid.UUID
    address_id: uuid.UUID
    organisation: int  # index
    name: str
    address_1: str
    postcode: str
    latitude: float
    longitude: float
    transportation: str


@dataclass(frozen=True)
class OpeningPlan:
    byday: str  # iCalendar days, "MO,WE" or "1TU"
    freq: str  # WEEKLY or MONTHLY
    opens_at: time
    closes_at: time
    description: str


@dataclass(frozen=True)
class ServicePlan:
    id: uuid.UUID
    organisation: int  # index
    name: str
    description: str
    terms: tuple[str, ...]  # codes
    locations: tuple[int, ...]  # indexes; none: by phone or online
    openings: tuple[OpeningPlan, ...]
    areas: tuple[str, ...]
    minimum_age: int | None
    maximum_age: int | None
    cost: Decimal | None  # None: free
    cost_words: str
    languages: tuple[tuple[str, str], ...]  # (name, code)
    contact: str
    contact_title: str
    phone: str
    referral_email: str
    email: str
    application_process: str
    editor: str
    checked_on: date
    status: str = "active"
    retired: bool = False


@dataclass
class DirectoryPlan:
    taxonomy_id: uuid.UUID
    terms: list[TermPlan] = field(default_factory=list)
    organisations: list[OrganisationPlan] = field(default_factory=list)
    locations: list[LocationPlan] = field(default_factory=list)
    services: list[ServicePlan] = field(default_factory=list)


# The needs, in the project's own words: (code, name, description, parent code).
NEEDS = [
    ("company", "Loneliness and company", "Meeting people, a friendly visit or call, company", ""),
    ("befriending", "Befriending", "A volunteer who visits or phones for a chat, week by week", "company"),
    ("groups", "Social groups", "Coffee mornings, clubs and groups to meet people", "company"),
    ("money", "Money and debt", "Help with money worries, bills and debts", ""),
    ("benefits", "Benefits advice", "Checking what you can claim and help to claim it", "money"),
    ("debt", "Debt advice", "Free, confidential help with debts", "money"),
    ("housing", "Housing", "Help with your home: repairs, adaptations, staying warm, finding somewhere to live", ""),
    ("food", "Food", "Food parcels, shared meals and lunch clubs", ""),
    ("foodbank", "Food banks", "Emergency food parcels", "food"),
    ("lunch", "Lunch clubs", "A hot meal in company", "food"),
    ("carers", "Carers' support", "Help for people who look after someone", ""),
    ("transport", "Getting about", "Lifts, community transport and help getting out", ""),
    ("memory", "Memory", "Support with memory problems", ""),
    ("dementia", "Dementia support", "Help for people living with dementia and those who care for them", "memory"),
    ("wellbeing", "Mental wellbeing", "Feeling low, anxious or stressed: someone to talk to", ""),
    ("activity", "Physical activity", "Gentle exercise and staying active", ""),
    ("walking", "Walking groups", "Short, friendly walks with others", "activity"),
    ("bereavement", "Bereavement", "Support after someone has died", ""),
    ("digital", "Digital help", "Help with phones, tablets, computers and getting online", ""),
    ("legal", "Legal advice", "Free advice on legal problems", ""),
]

# What each need's services are called and say, a few of each.
SERVICE_KINDS: dict[str, list[tuple[str, str]]] = {
    "befriending": [
        ("Telephone befriending", "A volunteer phones you each week for a chat."),
        ("Home visiting befriends", "A friendly volunteer visits you at home for an hour a week."),
    ],
    "groups": [
        ("Coffee morning", "Drop in for a cup of tea, a chat and a biscuit. Everyone welcome."),
        ("Knit and natter", "Bring your knitting or just come for the company."),
        ("Men's shed", "A workshop where men meet, make and mend things together."),
        ("Friendship club", "Games, quizzes and trips with a friendly group."),
    ],
    "company": [("Good neighbours", "Local volunteers who pop in, help with small jobs and keep you company.")],
    "benefits": [("Benefits check", "We check what you can claim and help you fill in the forms.")],
    "debt": [("Debt advice drop-in", "Free, confidential advice on debts, with no judgement.")],
    "money": [("Money worries helpline", "Talk through bills, budgets and money worries with an adviser.")],
    "housing": [
        ("Handy person service", "Small repairs and safety checks in your home."),
        ("Warm homes advice", "Help to keep your home warm and your energy bills down."),
        ("Housing advice", "Advice if you are worried about losing your home or need somewhere to live."),
    ],
    "foodbank": [("Food bank", "Emergency food parcels. Ask us about a voucher, or just come along.")],
    "lunch": [("Lunch club", "A two-course hot lunch in good company.")],
    "food": [("Community pantry", "Low-cost food shopping for members.")],
    "carers": [
        ("Carers' cafe", "Time out for carers: a cuppa, a chat and advice."),
        ("Young carers group", "Fun, breaks and support for young people who look after someone."),
        ("Carers' advice line", "Advice on carers' rights, breaks and money."),
    ],
    "transport": [
        ("Community car scheme", "Volunteer drivers take you to appointments and the shops."),
        ("Dial-a-ride minibus", "A door-to-door minibus for people who find buses hard."),
    ],
    "dementia": [
        ("Memory cafe", "A relaxed cafe for people with memory problems and those who care for them."),
        ("Singing for the brain", "Singing together, which helps memory and mood."),
    ],
    "memory": [("Memory support", "Advice and support after a memory problem is found.")],
    "wellbeing": [
        ("Talking space", "A safe place to talk about how you feel, one to one."),
        ("Wellbeing group", "A weekly group to learn ways to feel calmer and more in control."),
        ("Listening line", "Someone to listen when you are feeling low."),
    ],
    "walking": [("Health walk", "A short, gentle walk with a trained walk leader.")],
    "activity": [
        ("Chair exercise", "Gentle exercise you can do sitting down."),
        ("Tai chi class", "Slow, gentle movements for balance and strength."),
    ],
    "bereavement": [
        ("Bereavement support", "One-to-one support after someone has died."),
        ("Bereavement group", "Meet others who have lost someone close."),
    ],
    "digital": [
        ("Digital drop-in", "Bring your phone or tablet and we will help you use it."),
        ("Getting online", "Learn to video call, shop and book appointments online."),
    ],
    "legal": [("Free legal advice", "A lawyer gives free advice on housing, work and family problems.")],
}

ORGANISATION_KINDS = [
    "Community Trust",
    "Neighbours",
    "Community Association",
    "Friends",
    "Advice Centre",
    "Carers Network",
    "Wellbeing Collective",
    "Community Church",
    "Age Friendly Partnership",
    "Community Hub",
]
PLACE_KINDS = ["Community Centre", "Library", "Church Hall", "Hub", "Village Hall", "Methodist Hall"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"]
LANGUAGES = [("Polish", "pl"), ("Urdu", "ur"), ("Bengali", "bn"), ("Punjabi", "pa"), ("British Sign Language", "bfi")]
# The districts: NV1 to NV4 are the neighbourhoods' (in NEIGHBOURHOODS' order), NV5 to NV9 the villages round about.
VILLAGES = ["Upper Vale", "Southmoor", "Eastfield", "Kirkby Vale", "Low Marsh"]
TLDS = ["org", "com", "net"]


def _id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())[:24]


def _hours(rng: random.Random) -> tuple[time, time]:
    start = rng.choice([9, 9, 10, 10, 10, 11, 13, 14, 18])
    length = rng.choice([1, 2, 2, 3, 4, 8]) if start < 13 else rng.choice([1, 2, 3])
    return time(start, rng.choice([0, 0, 30])), time(min(start + length, 21), 0)


def _openings(rng: random.Random) -> tuple[OpeningPlan, ...]:
    shape = rng.random()
    if shape < 0.15:  # every weekday, office hours
        opens, closes = time(9, 0), time(17, 0)
        return (OpeningPlan("MO,TU,WE,TH,FR", "WEEKLY", opens, closes, "Monday to Friday, 9am to 5pm"),)
    if shape < 0.25:  # once a month
        day = rng.randrange(5)
        nth = rng.randrange(1, 4)
        opens, closes = _hours(rng)
        words = ["first", "second", "third"][nth - 1]
        return (OpeningPlan(f"{nth}{DAYS[day]}", "MONTHLY", opens, closes, f"The {words} {DAY_NAMES[day][:-1]}"),)
    days = sorted(rng.sample(range(7 if rng.random() < 0.2 else 5), rng.choice([1, 1, 2, 3])))
    opens, closes = _hours(rng)
    words = " and ".join(DAY_NAMES[d] for d in days)
    return (OpeningPlan(",".join(DAYS[d] for d in days), "WEEKLY", opens, closes, words),)


def plan_directory(seed: int, today: date, coordinators: list[str]) -> DirectoryPlan:
    """The directory for the borough with this seed, kept by these coordinators (usernames), as of `today`."""
    rng = random.Random(seed * 7_919 + 14)
    editors = coordinators or [""]
    plan = DirectoryPlan(taxonomy_id=_id(rng))
    plan.terms = [TermPlan(_id(rng), code, name, words, parent) for code, name, words, parent in NEEDS]

    def checked() -> date:
        if rng.random() < 0.06:  # a few not checked for over 6 months
            return today - timedelta(days=rng.randrange(190, 420))
        return today - timedelta(days=rng.randrange(0, 150))

    stems = rng.sample(STREET_STEMS, len(STREET_STEMS))
    names: set[str] = set()
    while len(plan.organisations) < ORGANISATIONS:
        i = len(plan.organisations)
        place = (NEIGHBOURHOODS + VILLAGES + [TOWN] * 4)[i % 13] if i % 3 else stems[i % len(stems)]
        name = f"{place} {rng.choice(ORGANISATION_KINDS)}"
        if name in names:
            continue
        names.add(name)
        tld = TLDS[i % 3]
        plan.organisations.append(
            OrganisationPlan(
                _id(rng),
                name,
                f"{name} is a local charity run by volunteers in {TOWN}.",
                f"hello@{_slug(name)}.example.{tld}",
                f"https://{_slug(name)}.example.{tld}/",
                rng.choice(editors),
                checked(),
            )
        )
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            district = rng.randrange(9) if rng.random() < 0.3 else rng.randrange(4)
            postcode = f"NV{district + 1} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLN')}{rng.choice('PQRSTUWXYZ')}"
            point = where(postcode, NORTHVALE)
            assert point is not None
            area = (NEIGHBOURHOODS + VILLAGES)[district]
            street = f"{rng.randrange(1, 120)} {rng.choice(STREET_STEMS)} {rng.choice(STREET_KINDS)}"
            bus = rng.randrange(1, 40)
            plan.locations.append(
                LocationPlan(
                    _id(rng),
                    _id(rng),
                    i,
                    f"{area} {rng.choice(PLACE_KINDS)}",
                    street,
                    postcode,
                    point.latitude,
                    point.longitude,
                    f"Bus {bus} stops outside. Step-free entrance."
                    if rng.random() < 0.6
                    else f"Bus {bus} stops nearby. Parking on the street.",
                )
            )

    places_of: dict[int, list[int]] = {}
    for index, location in enumerate(plan.locations):
        places_of.setdefault(location.organisation, []).append(index)
    kinds = [code for code in SERVICE_KINDS]
    for n in range(SERVICES):
        org = n % ORGANISATIONS if n < ORGANISATIONS else rng.randrange(ORGANISATIONS)
        organisation = plan.organisations[org]
        code = kinds[n % len(kinds)] if n < len(kinds) else rng.choice(kinds)
        kind, words = rng.choice(SERVICE_KINDS[code])
        parent = next(p for c, _, _, p in NEEDS if c == code)
        terms = (code,)
        if rng.random() < 0.25:
            extra = rng.choice([c for c, _, _, p in NEEDS if c not in (code, parent)])
            terms += (extra,)
        by_phone = kind.endswith(("line", "befriending")) or rng.random() < 0.08
        where_held = () if by_phone else tuple(rng.sample(places_of[org], min(len(places_of[org]), 1)))
        minimum_age: int | None = None
        maximum_age: int | None = None
        if kind == "Young carers group":
            minimum_age, maximum_age = 8, 17
        elif rng.random() < 0.25:
            minimum_age = rng.choice([18, 50, 55, 65])
        cost = None if rng.random() < 0.85 else Decimal(rng.choice(["1.50", "2.00", "3.00", "4.50", "5.00"]))
        languages = (("English", "en"),)
        if rng.random() < 0.2:
            languages += (rng.choice(LANGUAGES),)
        areas = (TOWN,) if rng.random() < 0.6 else (rng.choice(NEIGHBOURHOODS + VILLAGES),)
        status, retired = "active", False
        chance = rng.random()
        if chance < 0.03:
            status = "temporarily closed"
        elif chance < 0.05:
            status = "inactive"
        elif chance < 0.07:
            retired = True
        tld = TLDS[n % 3]
        phone = f"01632 960{rng.randrange(1000):03d}" if rng.random() < 0.7 else f"07700 900{rng.randrange(1000):03d}"
        place_name = plan.locations[where_held[0]].name if where_held else ""
        plan.services.append(
            ServicePlan(
                id=_id(rng),
                organisation=org,
                name=f"{kind} at {place_name}" if place_name and rng.random() < 0.5 else kind,
                description=words,
                terms=terms,
                locations=where_held,
                openings=_openings(rng),
                areas=areas,
                minimum_age=minimum_age,
                maximum_age=maximum_age,
                cost=cost,
                cost_words=f"£{cost} a session" if cost is not None else "Free",
                languages=languages,
                contact=f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}",
                contact_title=rng.choice(["Coordinator", "Volunteer lead", "Project worker", "Manager"]),
                phone=phone,
                referral_email=f"referrals@{_slug(organisation.name)}.example.{tld}",
                email=f"{_slug(kind)}@{_slug(organisation.name)}.example.{tld}",
                application_process=rng.choice(
                    [
                        "Just turn up.",
                        "Phone us and we will talk it through.",
                        "Ask someone who supports you to refer you, or phone us.",
                    ]
                ),
                editor=rng.choice(editors),
                checked_on=checked(),
                status=status,
                retired=retired,
            )
        )
    return plan
