"""The demo borough's plans, as plain data (no database): for about a third of the people a care and support plan
with one to three goals, some written partly in the person's own words and some with earlier versions; for some a
staying-well plan; for some a joint crisis plan, a few of them in crisis now. Every word is invented, plain and
varied; no real person is described.

So that each demo login shows it: person 0 (the 'person' login) has all three, written partly by themselves, and is
in crisis now; so is the first of the 'clinician' login's people.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from alongside.demo.borough import PersonCare, PersonRow

from .answers import PERSON, STAFF
from .documents import CRISIS, STAYING_WELL

PLAN_SHARE = 1 / 3
EARLIER_VERSION_SHARE = 0.3  # of those with a plan
OWN_WORDS_SHARE = 0.6  # parts written down in the person's own words, the rest in staff's
STAYING_WELL_SHARE = 0.45  # of those with a plan
CRISIS_PLAN_SHARE = 0.3  # of those with a plan
IN_CRISIS_SHARE = 0.08  # of those with a crisis plan
PERSON_LOGIN = "person"

STRENGTHS = [
    "I am a good listener and people tell me things.",
    "I can fix most things around the house if I take my time.",
    "I kept an allotment for twenty years and still know my plants.",
    "I am stubborn, in a good way: I do not give up.",
    "I make people laugh, even on bad days.",
    "I cook for my neighbours on Sundays.",
    "I know every bus route in the borough.",
    "I used to sing in a choir and I can still hold a tune.",
    "I am patient with children and animals.",
    "I write letters to my grandson every month.",
]
WANTS = [
    "The same person each time, so I do not have to tell my story again.",
    "Visits in the afternoon. Mornings are hard for me.",
    "Someone to ring me before they come, not just turn up.",
    "Help with forms. Letters make me anxious.",
    "Plain words, and time to think before I answer.",
    "To be asked, not told.",
    "Help to get out of the house, not just help in it.",
]
GOALS = [
    ("Get back to the allotment, even for an hour", "Walk there with my son on a dry day", "My son, and Sam"),
    ("Walk to the shop on my own again", "Go to the end of the road and back, three times a week", "Physio"),
    ("Go to the lunch club on Wednesdays", "Ask about transport; go once and see", "The volunteer"),
    ("Sleep through the night more often", "No tea after six; the radio, not the television", "My GP"),
    ("Cook a proper meal for myself twice a week", "Make a shopping list with help", "My daughter"),
    ("See my sister at Christmas", "Book the train early, with someone to meet me", "My nephew"),
    ("Feel less alone in the evenings", "Try the phone friendship line", "The community team"),
    ("Manage my tablets without mix-ups", "A weekly box, checked on Mondays", "The pharmacist"),
    ("Get back to church on Sundays", "A lift there, and sit near the door", "A friend from church"),
    ("Keep my garden tidy enough to enjoy", "Ask about a gardening volunteer", "Sam"),
]
BY_WHEN = ["By the spring", "Within a month", "By the summer", "Before Christmas", "In the next few weeks", ""]
WHEN_WELL = [
    "I get up early, I have the radio on and I ring my sister.",
    "I am chatty and I go out most days, even if it is just to the shop.",
    "I keep the house tidy and I cook for myself.",
    "I read the paper, I do the crossword and I laugh at my own jokes.",
    "I sleep well and I look forward to seeing people.",
]
KEEPS_WELL = [
    "A walk every morning, my tablets at breakfast, and a phone call with someone.",
    "Feeding the birds, the lunch club on Wednesdays, and an early night.",
    "Seeing my grandchildren, keeping busy, and not too much news.",
    "My dog, the garden, and knowing who is coming and when.",
    "Music in the kitchen and a chat with my neighbour over the fence.",
]
UPSETS = [
    "Bills and brown envelopes. Being rushed.",
    "The anniversary of my husband's death, in March.",
    "Bad nights, and too many people coming at once.",
    "Being on my own all weekend.",
    "Pain in my back that stops me getting out.",
]
EARLY_SIGNS = [
    "I stop answering the phone and I leave the post unopened.",
    "I stay in bed late and I stop eating properly.",
    "I get snappy with people I love and then I hide away.",
    "I stop going to the lunch club and I say I am fine when I am not.",
    "I cannot settle and I walk around the house at night.",
]
WILL_DO = [
    "I will ring my daughter. Please ring me if I miss the lunch club.",
    "I will tell Sam. I would like someone to visit, not just phone.",
    "I will go to bed at a set time. Please check I am eating.",
    "I will ring the team. Please do not change my tablets without asking me.",
]
SIGNS = [
    "I stop eating and I do not open the door.",
    "I talk very fast and I do not sleep for days.",
    "I say I want to be left alone for good.",
    "I get confused about the day and I go out at night.",
    "I stop taking my tablets and I stop washing.",
]
HELPS = [
    "A calm voice. One person at a time. A cup of tea.",
    "Someone I know sitting with me. Being told what happens next.",
    "Time outside in the garden. My music.",
    "My daughter being rung early on.",
]
NOT_HELPS = [
    "Lots of questions at once. Being talked about as if I am not there.",
    "Strangers in uniform at the door without warning.",
    "Being told to calm down.",
    "Bright lights and noise.",
]
TREATMENT = [
    "I would rather be helped at home if I can be. I do not get on with the old tablets.",
    "If I need hospital, the unit near my daughter, please.",
    "Ask me before changing my tablets. I am happy to try talking therapy.",
    "I would like the home treatment team first.",
]
PRACTICAL = [
    "My neighbour has a key and will feed the cat.",
    "My son will walk the dog. The boiler is in the hall cupboard.",
    "Please make sure someone tells my sister. The plants need water.",
    "My grandson stays on Fridays: his mum must be rung if I am unwell.",
]
CONTACT_WORDS = ["my daughter", "my son", "my neighbour", "my sister", "my friend from church", "my nephew"]
CONTACT_NAMES = ["Ann", "Pat", "Lee", "Sue", "Raj", "Mo", "Jo", "Kim", "Ray", "Bev"]
CRISIS_REASONS = [
    "Not eating and not answering the door since the weekend.",
    "Has not slept for three nights; family worried.",
    "Said on the phone they cannot go on like this.",
    "Found wandering at night, confused about the day.",
]
EARLIER_REASONS = ["First written together", "Written at the first visit", "Started in hospital before discharge"]
LATER_REASONS = ["Reviewed together", "Goals changed after the review", "Added what helps at night"]


@dataclass
class Version:
    """One version of a plan or a document, by username ("person": the person's own login)."""

    number: int
    writer: str
    written_as: str
    at: datetime
    reason: str
    parts: dict[str, tuple[str, str]]  # key -> (text, whose words)
    goals: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # text, steps, who, when, words
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, phone, about, words


@dataclass
class PersonPlans:
    plan: list[Version] = field(default_factory=list)
    documents: dict[str, list[Version]] = field(default_factory=dict)
    crisis: tuple[str, str, datetime] | None = None  # reason, by, since


class PlansGenerator:
    """Each person's plans, from a random stream of their own, so that the other steps' draws stay as they were."""

    def __init__(self, seed: int, now: datetime):
        self.seed, self.now = seed, now
        self.clinician_crisis_given = False

    def person(self, index: int, row: PersonRow, care: PersonCare) -> PersonPlans | None:
        rng = random.Random(self.seed * 52_711 + index)
        named = [r.user for r in care.relationships if r.kind == "named_worker" and r.ended_at is None and r.user]
        worker = named[-1] if named else None
        login_person = index == 0
        clinician_first = worker == "clinician" and not self.clinician_crisis_given
        if worker is None or not (login_person or clinician_first or rng.random() < PLAN_SHARE):
            return None
        made = PersonPlans()
        writer = PERSON_LOGIN if login_person else worker
        first_at = self.now - timedelta(days=rng.randint(60, 400), hours=rng.randint(0, 8))

        def words() -> str:
            return PERSON if login_person or rng.random() < OWN_WORDS_SHARE else STAFF

        def as_of(number: int) -> tuple[str, str]:
            who = writer if number > 1 or not login_person else worker
            return who, PERSON if who == PERSON_LOGIN else STAFF

        versions = 2 if login_person or rng.random() < EARLIER_VERSION_SHARE else 1
        goals = rng.sample(GOALS, rng.randint(1, 3))
        strengths, wants = rng.choice(STRENGTHS), rng.choice(WANTS)
        for number in range(1, versions + 1):
            who, written_as = as_of(number)
            at = first_at + timedelta(days=(number - 1) * rng.randint(20, 50))
            kept = goals if number == versions else goals[:1]
            made.plan.append(
                Version(
                    number,
                    who,
                    written_as,
                    at,
                    (EARLIER_REASONS if number == 1 else LATER_REASONS)[rng.randrange(3)],
                    {"strengths": (strengths, words()), "wants": (wants, words()) if number == versions else ("", "")},
                    [(g, steps, helper, rng.choice(BY_WHEN), words()) for g, steps, helper in kept],
                )
            )
        if login_person or rng.random() < STAYING_WELL_SHARE:
            parts = {
                "when_well": rng.choice(WHEN_WELL),
                "keeps_well": rng.choice(KEEPS_WELL),
                "upsets": rng.choice(UPSETS),
                "early_signs": rng.choice(EARLY_SIGNS),
                "will_do": rng.choice(WILL_DO),
            }
            who, written_as = as_of(1)
            at = first_at + timedelta(days=rng.randint(1, 30))
            made.documents[STAYING_WELL] = [
                Version(1, who, written_as, at, "Written together", {k: (v, words()) for k, v in parts.items()})
            ]
        if login_person or clinician_first or rng.random() < CRISIS_PLAN_SHARE:
            parts = {
                "signs": rng.choice(SIGNS),
                "helps": rng.choice(HELPS),
                "does_not_help": rng.choice(NOT_HELPS),
                "treatment": rng.choice(TREATMENT),
                "practical": rng.choice(PRACTICAL),
            }
            contacts = [
                (
                    f"{rng.choice(CONTACT_NAMES)} {row.family_name}",
                    f"07700 900{rng.randrange(1000):03d}",
                    rng.choice(CONTACT_WORDS),
                    words(),
                )
                for _ in range(rng.randint(1, 2))
            ]
            who, written_as = as_of(1)
            at = first_at + timedelta(days=rng.randint(1, 30))
            made.documents[CRISIS] = [
                Version(
                    1,
                    who,
                    written_as,
                    at,
                    "Agreed together",
                    {k: (v, words()) for k, v in parts.items()},
                    contacts=contacts,
                )
            ]
            if login_person or clinician_first or rng.random() < IN_CRISIS_SHARE:
                made.crisis = (rng.choice(CRISIS_REASONS), worker, self.now - timedelta(hours=rng.randint(2, 70)))
                self.clinician_crisis_given = self.clinician_crisis_given or clinician_first
        return made
