"""The profiles part's step of building the demo borough: each of the hub's 40 volunteers gets a profile (the GP
practices they visit from `borough.volunteer_practices`, in the hub's order of volunteers; their neighbourhood;
languages, interests, when they are free, how many people they can support), their checks, training and the
confidentiality agreement. Most are in good standing; some have something running out within 60 days; exactly one
has a lapsed DBS check. The "volunteer" login is the first volunteer, in good standing, with one course due soon
so that their home page shows it.

The plan (`plan_profiles`) is plain Python from the seed; `ProfilesStep.finish` writes it once everyone is in,
a few inserts in all.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count

from alongside.demo.borough import NEIGHBOURHOODS, PersonCare, PersonRow, volunteer_practices
from alongside.demo.steps import Building
from alongside.people.models import CareRelationship

from . import kept
from .models import Agreement, Check, Training, Volunteer
from .standing import CURRENT_AGREEMENT

HUB = "Living Well volunteer hub"
LAPSED_POSITION = 7  # the one volunteer whose DBS check ran out; never the "volunteer" login (position 0)
DUE_SOON_POSITIONS = {
    0: "safeguarding",
    5: "dbs",
    12: "reference",
    19: "risk_awareness",
    26: "dbs",
    33: "confidentiality",
}
LANGUAGES = ["Polish", "Urdu", "Punjabi", "Gujarati", "Bengali", "Somali", "Romanian", "Portuguese", "Welsh", "BSL"]
INTERESTS = [
    "gardening",
    "football",
    "baking",
    "crosswords",
    "knitting",
    "local history",
    "music",
    "walking",
    "cards and board games",
    "films",
    "fishing",
    "reading",
]
WORDS = ["", "", "Not in school holidays", "Not on Fridays when I look after my grandson", "Flexible, just ask"]
COURSES = ("risk_awareness", "confidentiality", "safeguarding")


@dataclass
class ProfilePlan:
    username: str
    practices: tuple[int, ...]  # indices into PRACTICE_NAMES
    neighbourhoods: tuple[int, ...]
    phone: str
    languages: list[str]
    interests: list[str]
    days: list[int]
    parts: list[str]
    words: str
    capacity: int
    by_text: bool
    held: dict[str, tuple[date, date]] = field(default_factory=dict)  # kind -> (done, runs out)


def plan_profiles(seed: int, usernames: list[str], today: date) -> list[ProfilePlan]:
    """Each volunteer's profile and what they hold, in the hub's order of volunteers. Same seed, same plan."""
    rng = random.Random(seed * 7919 + 13)
    plans = []
    for position, username in enumerate(usernames):
        practices = volunteer_practices(position)
        held: dict[str, tuple[date, date]] = {}
        started = today - timedelta(days=rng.randrange(60, 900))
        for kind in ("dbs", "reference", *COURSES):
            done = started + timedelta(days=rng.randrange(0, 30))
            years = 3 if kind in ("dbs", "reference") else rng.choice((1, 2))
            expires = done + timedelta(days=365 * years)
            while expires <= today + timedelta(days=61):  # renewed in time, in good standing
                done, expires = expires - timedelta(days=rng.randrange(5, 30)), expires + timedelta(days=365 * years)
            held[kind] = (done, expires)
        if position in DUE_SOON_POSITIONS:
            kind = DUE_SOON_POSITIONS[position]
            expires = today + timedelta(days=rng.randrange(10, 56))
            held[kind] = (expires - timedelta(days=365 * (3 if kind in ("dbs", "reference") else 1)), expires)
        if position == LAPSED_POSITION:
            expires = today - timedelta(days=rng.randrange(5, 40))
            held["dbs"] = (expires - timedelta(days=365 * 3), expires)
        plans.append(
            ProfilePlan(
                username=username,
                practices=practices,
                neighbourhoods=tuple(sorted({p // 2 for p in practices})),
                phone=f"07700 900 {rng.randrange(0, 1000):03d}",
                languages=rng.sample(LANGUAGES, 1) if rng.random() < 0.35 else [],
                interests=rng.sample(INTERESTS, rng.choice((1, 2, 3))),
                days=sorted(rng.sample(range(7), rng.choice((2, 3, 4)))),
                parts=[
                    p
                    for p in ("morning", "afternoon", "evening")
                    if p in rng.sample(["morning", "afternoon", "evening"], rng.choice((1, 2)))
                ],
                words=rng.choice(WORDS),
                capacity=rng.randint(2, 5),
                by_text=rng.random() < 0.6,
            )
        )
        plans[-1].held = held
    return plans


class ProfilesStep:
    """One build's volunteer profiles: nothing per person; everything at the end."""

    def __init__(self, building: Building):
        self.building = building

    def person(self, index: int, row: PersonRow, care: PersonCare) -> dict | None:
        return None

    def finish(self) -> None:
        b = self.building
        usernames = [p.username for p in b.plan.personas if p.team == HUB and p.role == "volunteer"]
        coordinator = b.ids.users["coordinator"]
        plans = plan_profiles(b.seed, usernames, b.today)
        ids = [b.ids.users[p.username] for p in plans]
        clients = dict(
            CareRelationship.objects.active()
            .filter(kind=CareRelationship.Kind.VOLUNTEER, user_id__in=ids)
            .values("user_id")
            .annotate(n=Count("pk"))
            .values_list("user_id", "n")
        )
        profiles = Volunteer.objects.bulk_create(
            Volunteer(
                user_id=user_id,
                phone=p.phone,
                languages=p.languages,
                home_district=f"NV{p.neighbourhoods[0] + 1}",
                interests=p.interests,
                available_days=p.days,
                available_parts=p.parts,
                availability_words=p.words,
                capacity=min(5, max(p.capacity, clients.get(user_id, 0))),
                by_text=p.by_text,
                by_email=False,
                updated_by_id=user_id,
            )
            for user_id, p in zip(ids, plans, strict=True)
        )
        practices = Volunteer.practices.through
        practices.objects.bulk_create(
            practices(volunteer_id=v.pk, organisation_id=b.ids.practices[i])
            for v, p in zip(profiles, plans, strict=True)
            for i in p.practices
        )
        neighbourhoods = Volunteer.neighbourhoods.through
        neighbourhoods.objects.bulk_create(
            neighbourhoods(volunteer_id=v.pk, neighbourhood_id=b.ids.neighbourhoods[i])
            for v, p in zip(profiles, plans, strict=True)
            for i in p.neighbourhoods
            if i < len(NEIGHBOURHOODS)
        )
        checks, training, agreements = [], [], []
        for v, p in zip(profiles, plans, strict=True):
            for kind, (done, expires) in p.held.items():
                reminded = b.now if (expires - b.today).days <= 60 else None  # already told at 60 days
                if kind in ("dbs", "reference"):
                    checks.append(
                        Check(
                            volunteer=v,
                            kind=kind,
                            level=Check.Level.ENHANCED_BARRED if kind == "dbs" else "",
                            done_on=done,
                            expires_on=expires,
                            note="" if kind == "dbs" else "A former employer",
                            recorded_by_id=coordinator,
                            reminded_60_at=reminded,
                        )
                    )
                else:
                    training.append(
                        Training(
                            volunteer=v,
                            course=kind,
                            completed_on=done,
                            expires_on=expires,
                            recorded_by_id=coordinator,
                            reminded_60_at=reminded,
                        )
                    )
            agreements.append(
                Agreement(
                    volunteer=v,
                    version=CURRENT_AGREEMENT,
                    signed_on=p.held["confidentiality"][0],
                    recorded_by_id=coordinator,
                )
            )
        Check.objects.bulk_create(checks)
        Training.objects.bulk_create(training)
        Agreement.objects.bulk_create(agreements)
        kept.keep(v.pk for v in profiles)
