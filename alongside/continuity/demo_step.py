"""Continuity's step of building the demo borough: each person's contacts (each with its timeline entry) and
continuity facts are drawn as the borough streams past (`demo.ContinuityGenerator.person`) and written in the
same chunk as the person, one COPY per table per chunk; once everyone is in, the neighbourhood teams'
appointments (`demo.ContinuityGenerator.week`: this week's booked slots, next week's slots and the requests
waiting for them) are written, one COPY each."""

from django.db import connection
from django.utils import timezone

from alongside.continuity import demo
from alongside.continuity.contact_words import timeline_text
from alongside.continuity.models import AppointmentRequest, Contact, ContactEntry, ContinuityFacts, Slot
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
# The tables each person's rows go to (`DemoStep.tables`), written in the people's chunks.
PERSON_TABLES = (
    (Contact, tuple(CONTACT_FIELDS)),
    (ContactEntry, tuple(CONTACT_ENTRY_FIELDS)),
    (ContinuityFacts, tuple(FACTS_FIELDS)),
)


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
        if not made.contacts and made.facts is None:
            return None
        pk = self.building.person_id(index)
        user, teams = self.user, self.teams
        rows = {
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
