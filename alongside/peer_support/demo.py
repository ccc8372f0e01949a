"""The demo hub's year of peer support, drawn in plain Python from the seed (no database): the monthly formal
meetings, the fortnightly coffee mornings and two training days, with who came, and about a dozen ideas from
volunteers, most of them answered.

Attendance is realistic: most volunteers come now and then, a few come to nearly everything, some have not been
seen for months and one has not come yet. The 'volunteer' login comes to about half the sessions and has an idea
in every state (done, will do, not now, waiting); the 'coordinator' login recorded the sessions and has ideas
waiting for an answer. No theme or idea names a person supported.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from alongside.demo.borough import BoroughPlan

HUB = "Living Well volunteer hub"
MEETING_PLACE = "Living Well office, 2 Chapel Street"
CAFES = ["The Willow Café, Market Square", "Northvale Library community room"]
TRAINING_PLACE = "Northvale Community Centre, Mill Lane"

MEETING_THEMES = [
    "How the month went. Getting to know a new client takes time: two or three visits before people open up.",
    "Noticing when someone is not eating well, and how to pass it on. A reminder of the three ways to raise a worry.",
    "Keeping safe on home visits in the dark evenings. Sharing where you are with the office.",
    "Good news from concerns raised last month: a walking frame and a carer's assessment came through.",
    "Clients who do not answer the door: what to do, who to call, and not to wait until the next visit.",
    "Loneliness at Christmas: ideas for cards, calls and the community lunch on the 23rd.",
    "Boundaries: being asked to collect money or medicines, and how to say no kindly.",
    "The new GP practice link workers, and when the practice MDT wants to hear from volunteers.",
    "Hot weather: signs of dehydration, and reminding people to drink and keep curtains closed.",
    "Endings: when a client moves into a care home or dies, and looking after ourselves.",
    "Scams on the phone and at the door; how to talk about them without frightening anyone.",
    "Falls: what to notice (rugs, stairs, slippers) and how to raise it without alarm.",
]
COFFEE_THEMES = [
    "Catching up. Swapping ideas for things to do on visits: old photos, music, short walks.",
    "Talking about a hard visit, and how it helps to talk it over the same week.",
    "Bus routes and parking near the practices; sharing lifts.",
    "Memory loss: how conversations change, and patience.",
    "Hearing aids and glasses: small things that make a visit go better.",
    "New volunteers met the group. Tips on the first visit.",
    "Weather and heating: worries about cold homes this winter.",
    "Gardening and allotments as something to share with clients.",
    "Getting used to the Alongside app on a phone.",
    "What to say when a client talks about feeling low.",
]
TRAINING_THEMES = [
    "Volunteer risk awareness: health, social and environmental risks, with everyday examples.",
    "Safeguarding and confidentiality refresher, and what happens to a concern once it is raised.",
]

IDEAS = [
    # (about, words, answer, answer words); the first four are the 'volunteer' login's, one in each state
    (
        "training",
        "Could the safeguarding refresher be on a Saturday? Many of us work during the week.",
        "did",
        "We ran the refresher on a Saturday in the spring, and 14 volunteers came. We will keep one Saturday date "
        "each year.",
    ),
    (
        "deployment",
        "It would help to visit people nearer home: I spend a long time on the bus to the other side of town.",
        "will",
        "We will look at where each volunteer lives when we match new clients, starting next month.",
    ),
    (
        "training",
        "A short course on dementia would help us understand clients who are getting confused.",
        "not_now",
        "Not now, because the memory clinic's course is full until the summer. We have asked for places for the "
        "next one.",
    ),
    ("deployment", "Could new volunteers shadow an experienced one on their first two visits?", "", ""),
    (
        "training",
        "More practice using the app to raise a worry, at a coffee morning.",
        "did",
        "We did a hands-on session at the coffee morning in the library, with phones.",
    ),
    (
        "deployment",
        "Pair volunteers who speak Polish or Urdu with clients who do.",
        "will",
        "We will ask about languages on the profile and match on them from the new year.",
    ),
    (
        "training",
        "First aid training for volunteers.",
        "did",
        "We did: a first aid course in October, and there will be another in the spring.",
    ),
    (
        "deployment",
        "Let volunteers visit two clients on the same street on one trip.",
        "not_now",
        "Not now, because each client is matched on their GP practice first. We will look again when the hub "
        "has more volunteers.",
    ),
    (
        "training",
        "A talk from the falls service about what to look for at home.",
        "will",
        "We will invite the falls service to the monthly meeting in the new year.",
    ),
    ("training", "Could training days have a quiet room for breaks?", "", ""),
    ("deployment", "Weekend visits for clients whose family work in the week.", "", ""),
    (
        "training",
        "Tell us what happened to worries we raised, at the monthly meeting.",
        "did",
        "We did: each monthly meeting now starts with good news from concerns raised.",
    ),
]


@dataclass(frozen=True)
class SessionRow:
    kind: str
    held_on: date
    place: str
    themes: str
    came: tuple[str, ...]  # usernames
    recorded_by: str


@dataclass(frozen=True)
class IdeaRow:
    sent_by: str
    about: str
    words: str
    sent_at: datetime
    answer: str
    answer_words: str
    answered_by: str | None
    answered_at: datetime | None


def hub_people(plan: BoroughPlan) -> tuple[list[str], list[str]]:
    """The hub's volunteers and coordinators, by username, logins first."""
    volunteers = [p.username for p in plan.personas if p.team == HUB and p.role == "volunteer"]
    coordinators = [p.username for p in plan.personas if p.team == HUB and p.role == "coordinator"]
    return volunteers, coordinators


def _dates(today: date) -> list[tuple[str, date]]:
    """A year of sessions and the next few: meetings on the first Tuesday of each month, coffee mornings every
    other Thursday, training days in the spring and the autumn."""
    found = []
    start = today - timedelta(days=365)
    for months in range(14):
        year, month = start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1
        first = date(year, month, 1)
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
        if start <= tuesday <= today + timedelta(days=40):
            found.append(("formal_meeting", tuesday))
    thursday = start + timedelta(days=(3 - start.weekday()) % 7)
    while thursday <= today + timedelta(days=30):
        found.append(("coffee_morning", thursday))
        thursday += timedelta(days=14)
    for days_ago in (250, 70):  # a Saturday in the spring and one in the autumn, before the year's end
        day = today - timedelta(days=days_ago)
        found.append(("training_day", day + timedelta(days=(5 - day.weekday()) % 7)))
    return sorted(found, key=lambda found: found[1])


def generate(seed: int, today: date, plan: BoroughPlan) -> tuple[list[SessionRow], list[IdeaRow]]:
    rng = random.Random(seed * 31 + 13)
    volunteers, coordinators = hub_people(plan)
    if not volunteers or not coordinators:
        return [], []
    # how often each volunteer comes, and from when they stopped coming (None: still coming)
    keen = {username: rng.choice([0.15, 0.3, 0.3, 0.45, 0.6, 0.8]) for username in volunteers}
    keen[volunteers[0]] = 0.5  # the 'volunteer' login
    stopped: dict[str, date | None] = {username: None for username in volunteers}
    for username in volunteers[1:]:
        if rng.random() < 0.2:
            stopped[username] = today - timedelta(days=rng.randint(100, 300))
    never = volunteers[-1]  # joined, has not come yet
    stopped[never] = today - timedelta(days=400)
    meeting_themes, coffee_themes = list(MEETING_THEMES), list(COFFEE_THEMES)
    rng.shuffle(meeting_themes)
    rng.shuffle(coffee_themes)
    sessions = []
    training = iter(TRAINING_THEMES)
    for number, (kind, held_on) in enumerate(_dates(today)):
        if kind == "formal_meeting":
            place, themes, boost = MEETING_PLACE, meeting_themes[number % len(meeting_themes)], 0.1
        elif kind == "coffee_morning":
            place, themes, boost = CAFES[number % 2], coffee_themes[number % len(coffee_themes)], -0.05
        else:
            place, themes, boost = TRAINING_PLACE, next(training), 0.25
        came: tuple[str, ...] = ()
        if held_on < today:
            came = tuple(
                u
                for u in volunteers
                if (stopped[u] is None or held_on < stopped[u]) and rng.random() < keen[u] + boost  # type: ignore[operator]
            )
            if kind == "formal_meeting" and volunteers[0] not in came and held_on >= today - timedelta(days=40):
                came += (volunteers[0],)  # the login came to the last meeting
        sessions.append(SessionRow(kind, held_on, place, themes if held_on < today else "", came, coordinators[0]))
    ideas = []
    senders = [volunteers[0]] * 4 + [volunteers[1 + (n * 7) % (len(volunteers) - 1)] for n in range(len(IDEAS) - 4)]
    for number, ((about, words, answer, answer_words), sender) in enumerate(zip(IDEAS, senders, strict=True)):
        days_ago = 20 + (len(IDEAS) - number) * 25 if answer else rng.randint(2, 12)
        sent_at = datetime.combine(today - timedelta(days=days_ago), time(10 + number % 7, 15), tzinfo=UTC)
        answered_at = sent_at + timedelta(days=rng.randint(3, 15)) if answer else None
        answered_by = coordinators[number % len(coordinators)] if answer else None
        ideas.append(IdeaRow(sender, about, words, sent_at, answer, answer_words, answered_by, answered_at))
    return sessions, ideas
