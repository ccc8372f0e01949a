"""The demo's requests for a volunteer: a queue for the 'coordinator' login to work.

As the borough streams past, the step keeps the first person of each of the first six GP practices who has no
volunteer (person 0, the 'person' login, apart). Once everyone is in, it writes a waiting request for each to the
Living Well volunteer hub: most asked by their named worker, some by the single point of access; some with a
language besides English and some with interests, asked over the last fortnight.

The volunteers' profiles are the profiles step's. So that the queue has volunteers to match on a build without
it, any hub volunteer still without a profile once everyone is in gets a plain one in good standing: the
practices `volunteer_practices` gives them, room for three, and current checks, training and agreement.
"""

import random
from datetime import timedelta

from django.db import transaction

from alongside.demo.borough import NEIGHBOURHOODS, PersonCare, PersonRow, Staffing, volunteer_practices
from alongside.demo.steps import Building

from . import kept
from .models import Agreement, Check, Training, Volunteer, VolunteerRequest
from .standing import CURRENT_AGREEMENT, REQUIRED_COURSES

HUB = "Living Well volunteer hub"
PRACTICES_ASKING = 6
WHAT_WOULD_HELP = [
    "Someone to chat with over a cup of tea once a week. She has been lonely since her husband died.",
    "Company on a short walk to the shops: he is steadier with someone beside him.",
    "Someone to talk to about the garden. He misses his allotment.",
    "A friendly visit. Her family live far away and she rarely goes out.",
    "Help to get to the coffee morning at the church hall.",
    "Someone to read the paper with. His eyesight is getting worse.",
]
LANGUAGES = [[], [], ["Polish"], [], ["Urdu"], []]
INTERESTS = [["Chatting over a cup of tea"], ["Going for short walks"], ["Gardening"], [], ["Music"], ["Reading"]]


class MatchingStep:
    def __init__(self, building: Building):
        self.building = building
        self.rng = random.Random(building.seed * 31 + 13)
        self.picked: list[tuple[int, PersonRow, str | None]] = []  # (index, row, their named worker)
        self.practices: set[int] = set()

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        if index == 0 or len(self.picked) >= PRACTICES_ASKING or row.practice_index in self.practices:
            return
        if row.practice_index >= PRACTICES_ASKING:
            return
        if any(r.kind == "volunteer" for r in care.relationships):
            return
        named = [r.user for r in care.relationships if r.kind == "named_worker" and r.ended_at is None]
        self.practices.add(row.practice_index)
        self.picked.append((index, row, named[0] if named else None))

    @transaction.atomic
    def finish(self) -> None:
        b = self.building
        hub_id = b.ids.teams.get(HUB)
        if hub_id is None:
            return
        self._profiles_for_those_without()
        users = b.ids.users
        for number, (index, _row, named) in enumerate(self.picked):
            if named and number % 3 != 1:
                asked_by, asked_as = users.get(named), VolunteerRequest.AskedAs.STAFF
            else:
                asked_by, asked_as = users.get("spa_triage"), VolunteerRequest.AskedAs.TRIAGE
            if asked_by is None:
                asked_by, asked_as = users.get("spa_triage"), VolunteerRequest.AskedAs.TRIAGE
            if asked_by is None:
                continue
            made = VolunteerRequest.objects.create(
                person_id=b.person_id(index),
                hub_id=hub_id,
                asked_by_id=asked_by,
                asked_as=asked_as,
                what_would_help=WHAT_WOULD_HELP[number % len(WHAT_WOULD_HELP)],
                languages=LANGUAGES[number % len(LANGUAGES)],
                interests=INTERESTS[number % len(INTERESTS)],
            )
            asked_at = b.now - timedelta(days=self.rng.randint(1, 14), hours=self.rng.randint(0, 8))
            VolunteerRequest.objects.filter(pk=made.pk).update(created_at=asked_at)

    def _profiles_for_those_without(self) -> None:
        b = self.building
        staff = Staffing(b.plan)
        have = set(Volunteer.objects.values_list("user_id", flat=True))
        coordinator = b.ids.users.get("coordinator")
        if coordinator is None:
            return
        today = b.today
        for position, username in enumerate(staff.volunteers):
            user_id = b.ids.users.get(username)
            if user_id is None or user_id in have:
                continue
            practices = [b.ids.practices[p] for p in volunteer_practices(position)]
            nbhd = volunteer_practices(position)[0] // 2
            profile = Volunteer.objects.create(
                user_id=user_id,
                home_district=f"NV{nbhd + 1}" if nbhd < len(NEIGHBOURHOODS) else "",
                languages=["Polish"] if position % 7 == 2 else (["Urdu"] if position % 9 == 4 else []),
                interests=INTERESTS[position % len(INTERESTS)] or ["Local history"],
                capacity=3,
            )
            profile.practices.set(practices)
            done = today - timedelta(days=200 + position)
            lasts = timedelta(days=3 * 365)
            for kind in (Check.Kind.DBS, Check.Kind.REFERENCE):
                Check.objects.create(
                    volunteer=profile, kind=kind, done_on=done, expires_on=done + lasts, recorded_by_id=coordinator
                )
            for course in REQUIRED_COURSES:
                Training.objects.create(
                    volunteer=profile,
                    course=course,
                    completed_on=done,
                    expires_on=done + lasts,
                    recorded_by_id=coordinator,
                )
            Agreement.objects.create(
                volunteer=profile, version=CURRENT_AGREEMENT, signed_on=done, recorded_by_id=coordinator
            )
            kept.keep([profile.pk])
