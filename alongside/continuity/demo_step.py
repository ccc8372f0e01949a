"""Continuity's step of building the demo borough: each person's contacts (each with its timeline entry) and
continuity facts are drawn as the borough streams past (`demo.ContinuityGenerator.person`) and written in the
same chunk as the person, one COPY per table per chunk; once everyone is in, the neighbourhood teams'
appointments (`demo.ContinuityGenerator.week`: this week's booked slots, next week's slots and the requests
waiting for them) are written, one COPY each."""

import random

from django.db import connection
from django.utils import timezone

from alongside.continuity import demo
from alongside.continuity.contact_words import timeline_text
from alongside.continuity.models import AppointmentRequest, Contact, ContactEntry, ContinuityFacts, Slot, VisitTimes
from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building, copy_rows, reserve

CONTACT_FIELDS = ["person", "practitioner", "team", "kind", "at", "minutes", "note", "recorded_by", "recorded_at"]
FACTS_FIELDS = [
    "person",
    "frailty",
    "long_term_condition",
    "incurable_illness",
    "lives_alone",
    "wants_continuity",
    "last_crisis_on",
    "adjustment",
    "adjustment_note",
    "priority",
    "updated_by",
    "updated_at",
    "version",
]
SLOT_FIELDS = ["id", "team", "practitioner", "start", "minutes", "kind", "created_by", "created_at"]
APPOINTMENT_FIELDS = [
    "person",
    "team",
    "earliest",
    "latest",
    "what_for",
    "asked_by",
    "asked_at",
    "slot",
    "booked_at",
    "booked_by",
    "booking_reason",
    "with_named_worker",
]
# Each contact's entry on the person's timeline, as `actions.record_contact` writes it (its id from the table).
CONTACT_ENTRY_FIELDS = ["person", "kind", "text", "restricted", "author", "at", "amend_reason"]
VISIT_TIMES_FIELDS = ["person", "days", "parts", "words", "updated_by", "updated_at", "version"]
# The best times to visit, as people say them: (days, parts of the day, their words). Those who asked, in what
# matters to them, to be visited in the afternoon say so here too.
AFTERNOONS = ([], ["afternoon"], "Mornings are slow for me, so afternoons are best.")
VISIT_TIMES = [
    ([0, 1, 2, 3, 4], ["morning"], "Weekday mornings, before my programmes start."),
    ([], ["afternoon"], "Not before eleven, please: I take a while to get going."),
    ([0, 2, 4], [], "Not Tuesdays or Thursdays: that is when I go to the day centre."),
    ([1, 3], ["morning", "afternoon"], "My daughter is here on Tuesdays and Thursdays."),
    ([], ["morning"], "Mornings, as I get tired later on."),
]
VISIT_TIMES_SHARE = 0.25  # of the people with a named worker, besides those who asked for afternoons
# The tables each person's rows go to (`DemoStep.tables`), written in the people's chunks.
PERSON_TABLES = (
    (Contact, tuple(CONTACT_FIELDS)),
    (ContactEntry, tuple(CONTACT_ENTRY_FIELDS)),
    (ContinuityFacts, tuple(FACTS_FIELDS)),
    (VisitTimes, tuple(VISIT_TIMES_FIELDS)),
)


def visit_times(index: int, seed: int, care: PersonCare) -> tuple[list[int], list[str], str] | None:
    """The best times to visit this person, if they have said: everyone who asked for afternoons in what matters
    to them, and about a quarter of the rest. A random stream of its own per person, so that the other draws of
    the borough stay as they were."""
    if any("come in the afternoon" in story.text for story in care.stories):
        return AFTERNOONS
    rng = random.Random(seed * 104_729 + index)
    return rng.choice(VISIT_TIMES) if rng.random() < VISIT_TIMES_SHARE else None


class ContinuityStep:
    """One build's continuity: `person` answers each person's contacts and facts, as database rows; `finish`
    writes the week of appointments."""

    def __init__(self, building: Building):
        self.building = building
        self.generator = demo.ContinuityGenerator(
            building.seed, building.now, building.today, building.plan, timezone.get_current_timezone()
        )
        self.user, self.teams = building.ids.users.get, building.ids.teams

    def person(self, index: int, row: PersonRow, care: PersonCare) -> dict | None:
        made = self.generator.person(index, row, care)
        named = next((r.user for r in care.relationships if r.kind == "named_worker" and r.ended_at is None), None)
        times = visit_times(index, self.building.seed, care) if named else None
        if not made.contacts and made.facts is None and times is None:
            return None
        pk = self.building.person_id(index)
        user, teams = self.user, self.teams
        rows: dict = {
            Contact: [
                (
                    pk,
                    user(c.practitioner),
                    teams[c.team],
                    c.kind,
                    c.at,
                    c.minutes,
                    c.note,
                    user(c.practitioner),
                    c.recorded_at,
                )
                for c in made.contacts
            ],
            ContactEntry: [
                (pk, "contact", timeline_text(c.kind, c.minutes, c.note), False, user(c.practitioner), c.at, "")
                for c in made.contacts
            ],
        }
        if (f := made.facts) is not None:
            rows[ContinuityFacts] = [
                (
                    pk,
                    f.frailty,
                    f.long_term_condition,
                    f.incurable_illness,
                    f.lives_alone,
                    f.wants_continuity,
                    f.last_crisis_on,
                    f.adjustment,
                    f.adjustment_note,
                    f.priority,
                    user(f.updated_by),
                    f.updated_at,
                    1,
                )
            ]
        if times is not None:
            days, parts, words = times
            rows[VisitTimes] = [(pk, days, parts, words, user(named), self.building.now, 1)]
        return rows

    def finish(self) -> None:
        load_week(self.generator.week(), self.building)


def load_week(week: demo.WeekRows, building: Building) -> None:
    """The neighbourhood teams' appointments: this week's booked slots and next week's slots with the requests
    waiting for them. One COPY each for slots and requests, whatever the size (a few hundred slots per team)."""
    if not week.slots and not week.requests:
        return
    user, team, first_person = building.ids.users.get, building.ids.teams.get, building.first_person
    with connection.cursor() as cursor:
        first = reserve(cursor, Slot, len(week.slots)) if week.slots else 0
        slots = [
            (
                first + s.number,
                team(s.team),
                user(s.practitioner),
                s.start,
                s.minutes,
                s.kind,
                user(s.created_by),
                s.created_at,
            )
            for s in week.slots
        ]
        requests = [
            (
                first_person + r.person,
                team(r.team),
                r.earliest,
                r.latest,
                r.what_for,
                user(r.asked_by),
                r.asked_at,
                first + r.slot if r.slot is not None else None,
                r.booked_at,
                user(r.booked_by),
                r.booking_reason,
                r.with_named_worker,
            )
            for r in week.requests
        ]
        copy_rows(cursor, Slot, SLOT_FIELDS, slots)
        copy_rows(cursor, AppointmentRequest, APPOINTMENT_FIELDS, requests)
