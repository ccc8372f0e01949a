"""Load the demo borough into the database: organisations and staff through the ORM, everything else by COPY.

People and the care around them (relationships, story versions, supporters, consent provisions, timeline
entries, break-glass events, audit events) stream from `borough.generate_borough`, with their contacts and
continuity facts from `continuity.ContinuityGenerator`, and are written in chunks of people, one COPY per table
per chunk: never a query per person. The referrals (`referrals.py`) are about people picked as they stream past,
and are written after them, one COPY each for referrals, their transitions, the alerts their staff referrers were
given and the messages sent to the public; then the neighbourhood teams' appointments (slots, and the requests
booked into them or waiting), one COPY each. Ids are reserved from each table's sequence up front, so that rows
can refer to people and to the entries they amend without reading anything back. The big tables are loaded
without their foreign keys and secondary indexes, which are put back (and checked) at the end, and a writer thread
streams each chunk while the next is generated."""

import queue
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

from alongside.breakglass.models import BreakGlass
from alongside.breakglass.reviews import review_url
from alongside.consent.models import ConsentProvision
from alongside.continuity.models import AppointmentRequest, Contact, ContinuityFacts, Slot
from alongside.core import notify
from alongside.core.models import Alert, ApiToken, AuditEvent, Message
from alongside.partners.models import Membership, Neighbourhood, Organisation, Role, Team
from alongside.people.models import CareRelationship, Entry, Person, StoryVersion, Supporter
from alongside.referrals.models import Referral, Transition
from alongside.referrals.outcome import Outcome, outcome_words, received_words, reference

from . import borough, referrals
from . import continuity as demo_continuity
from .models import DemoBorough, DemoLogin

CHUNK = 20_000  # people per round of COPY statements
STAFF_SINCE = timedelta(days=5 * 365)  # the generator's history goes back at most about four and a half years

PEOPLE_FIELDS = [
    "id",
    "nhs_number",
    "given_name",
    "family_name",
    "birth_date",
    "address_line",
    "town",
    "postcode",
    "phone",
    "neighbourhood",
    "gp_practice",
    "communication_needs",
    "shared_with_volunteers",
    "user",
]
RELATIONSHIP_FIELDS = ["person", "kind", "user", "team", "started_at", "ended_at", "ended_reason"]
STORY_FIELDS = ["person", "part", "number", "text", "reason", "written_with_person", "written_by", "written_at"]
SUPPORTER_FIELDS = [
    "person",
    "name",
    "relationship",
    "phone",
    "is_carer",
    "is_key_contact",
    "started_on",
    "ended_on",
]
CONSENT_FIELDS = [
    "person",
    "permit",
    "actor_kind",
    "organisation",
    "categories",
    "start",
    "end",
    "recorded_by",
    "recorded_at",
    "recorded_as",
    "withdrawn_at",
]
ENTRY_FIELDS = ["id", "person", "kind", "text", "restricted", "author", "at", "amends", "amend_reason"]
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
BREAK_GLASS_FIELDS = [
    "user",
    "person",
    "organisation_id",
    "reason_code",
    "reason_text",
    "started_at",
    "expires_at",
    "reviewed_at",
    "reviewed_by",
    "outcome",
    "review_note",
]
REFERRAL_FIELDS = [
    "id",
    "status",
    "source",
    "urgency",
    "channel",
    "person",
    "matched_by",
    "nhs_number",
    "given_name",
    "family_name",
    "birth_date",
    "address_line",
    "postcode",
    "phone",
    "email",
    "reason",
    "situation",
    "person_agrees",
    "referrer_user",
    "referrer_name",
    "referrer_organisation",
    "referrer_relationship",
    "referrer_email",
    "referrer_phone",
    "share_named_worker",
    "neighbourhood",
    "team",
    "named_worker",
    "decision_reason",
    "redirected_to",
    "story_offer",
    "created_at",
    "received_at",
    "decided_at",
    "closed_at",
    "version",
]
TRANSITION_FIELDS = ["referral", "move", "from_status", "to_status", "by", "at", "reason"]
ALERT_FIELDS = ["recipient", "text", "url", "created_at", "read_at"]
MESSAGE_FIELDS = [
    "reference",
    "channel",
    "to",
    "template",
    "personalisation",
    "person_id",
    "state",
    "attempts",
    "provider_id",
    "error",
    "created_at",
    "sent_at",
]
AUDIT_FIELDS = [
    "at",
    "actor",
    "actor_username",
    "role",
    "organisation_id",
    "person_id",
    "action",
    "object_type",
    "object_id",
    "basis",
    "request_id",
    "detail",
]


def build(
    seed: int,
    people: int,
    progress: Callable[[int], None] = lambda n: None,
    today: date | None = None,
    now: datetime | None = None,
    care: bool = True,
) -> DemoBorough:
    """Build the borough. With `care=False`, the people alone (no relationships, stories, consent, timeline,
    break-glass, audit or referrals), for benchmarks that lay out relationships of their own."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    plan = borough.plan_borough(seed)
    with transaction.atomic():
        neighbourhoods = {  # the demo's postcodes are "NV1 ..." in the first neighbourhood, and so on
            name: Neighbourhood.objects.create(name=name, postcode_districts=f"NV{index + 1}")
            for index, name in enumerate(borough.NEIGHBOURHOODS)
        }
        organisations = {
            name: Organisation.objects.create(
                name=name, kind=kind, ods_code=ods, neighbourhood=neighbourhoods.get(nbhd) if nbhd else None
            )
            for name, kind, ods, nbhd in plan.organisations
        }
        teams = {
            t.name: Team.objects.create(
                name=t.name,
                kind=t.kind,
                organisation=organisations[t.organisation],
                neighbourhood=neighbourhoods.get(t.neighbourhood) if t.neighbourhood else None,
            )
            for t in plan.teams
        }
        users = _create_staff(plan, teams, joined=now - STAFF_SINCE)
        users["person"] = _person_login(plan, seed, today)
        ids = Ids(
            users={username: user.pk for username, user in users.items()},
            teams={name: team.pk for name, team in teams.items()},
            organisations={name: organisation.pk for name, organisation in organisations.items()},
            neighbourhoods=[neighbourhoods[name].pk for name in borough.NEIGHBOURHOODS],
            practices=[organisations[name].pk for name in borough.PRACTICE_NAMES],
        )
        picker = referrals.ReferralPicker(seed, people, now, plan) if care else None
        continuity = (
            demo_continuity.ContinuityGenerator(seed, now, today, plan, timezone.get_current_timezone())
            if care
            else None
        )
        first_person = _load_people_and_care(
            seed, people, now, today, plan, ids, progress, care, picker=picker, continuity=continuity
        )
        if picker is not None:
            made = referrals.generate_referrals(picker, settings.TRIAGE_TARGET_HOURS)
            names = {username: user.display_name for username, user in users.items()}
            _load_referrals(made, ids, first_person, names, now)
        if continuity is not None:
            _load_continuity(continuity.week(), ids, first_person)
        _alert_reviewers()
        _set_caseload_capacities()
        for order, role in enumerate(borough.LOGIN_ROLES):
            user = users[role]
            ApiToken.issue(user, "Demo token", token=plan.tokens[role])
            team = next((m.team.name for m in user.memberships.select_related("team")), "")
            DemoLogin.objects.create(
                user=user,
                role=role,
                team_name=team,
                password=plan.passwords[role],
                api_token=plan.tokens[role],
                order=order,
            )
        return DemoBorough.objects.create(seed=seed, people=people)


def _set_caseload_capacities() -> None:
    """Room on each worker's caseload: most have a little, a few are full, so allocation has choices to show.
    One query to count, one update per worker (a few dozen)."""
    counts = dict(
        CareRelationship.objects.active()
        .filter(kind="named_worker")
        .values("user_id")
        .annotate(n=models.Count("pk"))
        .values_list("user_id", "n")
    )
    workers = Membership.objects.filter(role__in=[Role.CLINICIAN, Role.SOCIAL_WORKER]).order_by("pk")
    for index, membership in enumerate(workers):
        caseload = counts.get(membership.user_id, 0)
        spare = [0, 3, 8, 15, 25][index % 5]  # every fifth is full
        Membership.objects.filter(pk=membership.pk).update(caseload_capacity=max(caseload + spare, 10))


def _create_staff(plan: borough.BoroughPlan, teams: dict[str, Team], joined: datetime) -> dict:
    """Every member of staff and volunteer, by username (the demo logins among them), in their teams since
    before any of the borough's history began."""
    User = get_user_model()
    users = {}
    memberships = []
    for persona in plan.personas:
        user = User(
            username=persona.username, first_name=persona.given_name, last_name=persona.family_name, is_demo=True
        )
        if persona.login:
            user.set_password(plan.passwords[persona.role])
        else:
            user.set_unusable_password()
        user.save()
        users[persona.username] = user
        memberships.append(Membership(user=user, team=teams[persona.team], role=persona.role, started_at=joined))
    Membership.objects.bulk_create(memberships)
    return users


def _alert_reviewers() -> None:
    """Each break-glass still awaiting review has alerted the IG reviewers of its organisation, as in real use."""
    reviewers: dict[int, list[int]] = {}
    for organisation_id, user_id in Membership.objects.filter(role=Role.IG_REVIEWER).values_list(
        "team__organisation_id", "user_id"
    ):
        reviewers.setdefault(organisation_id, []).append(user_id)
    alerts = []
    for event in BreakGlass.objects.awaiting_review().select_related("user").order_by("started_at"):
        text = f"{event.user.display_name} used break-glass to open a record: {event.get_reason_code_display()}"
        alerts += [
            Alert(recipient_id=reviewer, text=text[:300], url=review_url(event))
            for reviewer in reviewers.get(event.organisation_id, [])
        ]
    Alert.objects.bulk_create(alerts)


def _person_login(plan: borough.BoroughPlan, seed: int, today: date):
    """The demo 'person' login belongs to the first person in the borough (linked as the people are loaded)."""
    first = next(borough.generate_people(seed, 1, today))
    user = get_user_model()(username="person", first_name=first.given_name, last_name=first.family_name, is_demo=True)
    user.set_password(plan.passwords["person"])
    user.save()
    return user


@dataclass(frozen=True)
class Ids:
    """Database ids for the names and usernames the generator uses."""

    users: dict[str, int]
    teams: dict[str, int]
    organisations: dict[str, int]
    neighbourhoods: list[int]  # by neighbourhood index
    practices: list[int]  # by practice index


def _reserve(cursor, model: type[models.Model], count: int) -> int:
    """Take `count` ids from the table's sequence; returns the first. The rows are then written with them.

    (nextval then setval: safe because the build is the only writer to these tables while it runs.)"""
    table = model._meta.db_table
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
    first = cursor.fetchone()[0]
    if count > 1:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + count - 1])
    return first


def _copy(cursor, model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _load_people_and_care(
    seed, count, now, today, plan, ids: Ids, progress, care=True, chunk=CHUNK, picker=None, continuity=None
) -> int:
    """Generate in this thread while a writer thread streams the previous chunk into the database: on two cores
    the generator's Python and PostgreSQL's indexing then run side by side. Returns the first person's id (the
    others follow in order); the `picker`, if any, sees each person go past, and the `continuity` generator, if
    any, draws each person's contacts and continuity facts, written with them."""
    with connection.cursor() as cursor, _bulk_loading(cursor, BULK_TABLES), Writer(cursor, progress) as writer:
        batch = Batch(ids, first_person=_reserve(cursor, Person, count))
        for index, (row, around) in enumerate(borough.generate_borough(seed, count, now, today, plan)):
            extra = continuity.person(index, row, around) if continuity is not None else None
            batch.add(index, row, around if care else NO_CARE, extra)
            if picker is not None:
                picker.see(index, row, around)
            if batch.people == chunk:
                writer.put(batch)
                batch = Batch(ids, batch.first_person)
        writer.put(batch)
    return batch.first_person


def _load_referrals(
    rows: list[referrals.ReferralRow], ids: Ids, first_person: int, names: dict[str, str], now: datetime
) -> None:
    """The referrals, their transitions, and what their referrers were told: one COPY per table, whatever the size.

    Staff referrers were told each outcome inside the service (an alert, read if more than two days old); people
    who used the public form were thanked and then told each outcome by email or text, one message per referral
    and state (the reference the actions use, so that the demo's messages look like the service's own).
    """
    if not rows:
        return
    user, team = ids.users.get, ids.teams.get
    nbhd = ids.neighbourhoods
    with connection.cursor() as cursor:
        first = _reserve(cursor, Referral, len(rows))
        table, moves, alerts, messages = [], [], [], []
        for r in rows:
            pk = first + r.number
            person = first_person + r.person if r.person is not None else None
            table.append(
                (
                    pk,
                    r.status,
                    r.source,
                    r.urgency,
                    r.channel,
                    person,
                    r.matched_by,
                    r.nhs_number,
                    r.given_name,
                    r.family_name,
                    r.birth_date,
                    r.address_line,
                    r.postcode,
                    r.phone,
                    r.email,
                    r.reason,
                    r.situation,
                    r.person_agrees,
                    user(r.referrer_user),
                    r.referrer_name,
                    r.referrer_organisation,
                    r.referrer_relationship,
                    r.referrer_email,
                    r.referrer_phone,
                    r.share_named_worker,
                    nbhd[r.neighbourhood] if r.neighbourhood is not None else None,
                    team(r.team),
                    user(r.named_worker),
                    r.decision_reason,
                    r.redirected_to,
                    r.story_offer,
                    r.created_at,
                    r.received_at,
                    r.decided_at,
                    r.closed_at,
                    r.version,
                )
            )
            moves += [(pk, m.move, m.from_status, m.to_status, user(m.by), m.at, m.reason) for m in r.transitions]
            for told in r.told:
                outcome = Outcome(
                    status=told.status,
                    reference=reference(pk),
                    about_self=r.source == "self",
                    person_name=f"{r.given_name} {r.family_name}".strip(),
                    team=r.team or "",
                    named_worker=names.get(r.named_worker, "") if r.share_named_worker else "",
                    redirected_to=r.redirected_to,
                    reason=r.decision_reason,
                )
                if r.referrer_user is not None:
                    read = told.at + timedelta(hours=3) if told.at < now - timedelta(days=2) else None
                    words = outcome_words(outcome, inside=True)
                    alerts.append((user(r.referrer_user), words[:300], f"/referrals/{pk}/", told.at, read))
                    continue
                channel, to = ("email", r.referrer_email) if r.referrer_email else ("sms", r.referrer_phone)
                if told.status == "received":
                    words = received_words(reference(pk), settings.TRIAGE_TARGET_HOURS[r.urgency])
                else:
                    words = outcome_words(outcome)
                messages.append(
                    (
                        f"referral-{pk}-{told.status}",
                        channel,
                        to,
                        notify.template_id(channel),
                        Jsonb({"body": words}),
                        person,
                        Message.State.SENT,
                        1,
                        "console",
                        "",
                        told.at,
                        told.at + timedelta(seconds=20),
                    )
                )
        _copy(cursor, Referral, REFERRAL_FIELDS, table)
        _copy(cursor, Transition, TRANSITION_FIELDS, moves)
        _copy(cursor, Alert, ALERT_FIELDS, alerts)
        _copy(cursor, Message, MESSAGE_FIELDS, messages)


def _load_continuity(week: demo_continuity.WeekRows, ids: Ids, first_person: int) -> None:
    """The neighbourhood teams' appointments: this week's booked slots and next week's slots with the requests
    waiting for them. One COPY each for slots and requests, whatever the size (a few hundred slots per team)."""
    if not week.slots and not week.requests:
        return
    user, team = ids.users.get, ids.teams.get
    with connection.cursor() as cursor:
        first = _reserve(cursor, Slot, len(week.slots)) if week.slots else 0
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
        _copy(cursor, Slot, SLOT_FIELDS, slots)
        _copy(cursor, AppointmentRequest, APPOINTMENT_FIELDS, requests)


@contextmanager
def _bulk_loading(cursor, models: list[type[models.Model]]):
    """PostgreSQL's advice for populating a database: load the big tables without their foreign keys and secondary
    indexes, then add them back, which checks and builds each in one pass rather than row by row (Django's
    foreign keys are otherwise checked one row at a time at commit). Unique constraints and the primary keys stay
    throughout; a partial unique index put back checks every row as it is built. All inside the transaction: if
    anything fails, nothing changes.
    """
    tables = [m._meta.db_table for m in models]
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [tables],
    )
    foreign_keys = cursor.fetchall()
    cursor.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
        "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
        [tables],
    )
    indexes = cursor.fetchall()
    # Run the checks still pending from earlier in the transaction: a table with pending checks can't be altered.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for table, name, _ in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _, definition in indexes:
        cursor.execute(definition)
    for table, name, definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Writer:
    """Writes batches on a thread of its own, with the transaction's cursor, which nothing else uses meanwhile.

    A failure in the writer stops the build: the next `put` (or the end) raises it in the building thread, and
    the transaction rolls back.
    """

    def __init__(self, cursor, progress: Callable[[int], None]):
        self.cursor = cursor
        self.progress = progress
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name="demo-borough-writer", daemon=True)

    def __enter__(self) -> "Writer":
        self.thread.start()
        return self

    def put(self, batch: "Batch") -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue  # drain, so that the building thread never blocks on a full queue
            try:
                batch.write(self.cursor)
                self.progress(batch.people)
            except BaseException as error:  # noqa: BLE001 - handed to the building thread, which raises it
                self.error = error

    def __exit__(self, kind, value, traceback) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None and kind is None:
            raise self.error


class Batch:
    """The rows for a chunk of people, as database tuples, written one COPY per table."""

    def __init__(self, ids: Ids, first_person: int):
        self.ids = ids
        self.first_person = first_person
        self.people = 0
        self.rows: dict[type[models.Model], list[tuple]] = {model: [] for model, _ in TABLES}
        self.entries: list[borough.EntryRow] = []

    def add(
        self,
        index: int,
        row: borough.PersonRow,
        care: borough.PersonCare,
        continuity: demo_continuity.PersonContinuity | None = None,
    ) -> None:
        ids, rows = self.ids, self.rows
        user, teams, orgs = ids.users.get, ids.teams, ids.organisations
        pk = self.first_person + index
        self.people += 1
        rows[Person].append(
            (
                pk,
                row.nhs_number,
                row.given_name,
                row.family_name,
                row.birth_date,
                row.address_line,
                row.town,
                row.postcode,
                row.phone,
                ids.neighbourhoods[row.neighbourhood_index],
                ids.practices[row.practice_index],
                care.communication_needs,
                care.shared_with_volunteers,
                ids.users["person"] if index == 0 else None,
            )
        )
        rows[CareRelationship] += [
            (pk, r.kind, user(r.user), teams.get(r.team), r.started_at, r.ended_at, r.ended_reason)
            for r in care.relationships
        ]
        rows[StoryVersion] += [
            (pk, s.part, s.number, s.text, s.reason, s.written_with_person, user(s.written_by), s.written_at)
            for s in care.stories
        ]
        rows[Supporter] += [
            (pk, s.name, s.relationship, s.phone, s.is_carer, s.is_key_contact, s.started_on, s.ended_on)
            for s in care.supporters
        ]
        rows[ConsentProvision] += [
            (
                pk,
                c.permit,
                c.actor_kind,
                orgs.get(c.organisation),
                list(c.categories),
                c.start,
                None,
                user(c.recorded_by),
                c.start,
                c.recorded_as,
                c.withdrawn_at,
            )
            for c in care.consents
        ]
        self.entries += care.entries
        rows[BreakGlass] += [
            (
                user(b.user),
                pk,
                orgs[b.organisation],
                b.reason_code,
                b.reason_text,
                b.started_at,
                b.expires_at,
                b.reviewed_at,
                user(b.reviewed_by),
                b.outcome,
                b.review_note,
            )
            for b in care.break_glass
        ]
        rows[AuditEvent] += [
            (
                a.at,
                user(a.actor),
                a.actor,
                a.role,
                orgs.get(a.organisation),
                pk,
                a.action,
                "person",
                str(pk),
                a.basis,
                "",
                Jsonb(a.detail),
            )
            for a in care.audit
        ]
        if continuity is None:
            return
        rows[Contact] += [
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
            for c in continuity.contacts
        ]
        if (f := continuity.facts) is not None:
            rows[ContinuityFacts].append(
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
            )

    def write(self, cursor) -> None:
        if self.entries:
            # Entries are numbered in the order generated; an amendment refers to the number of the entry it amends.
            offset = _reserve(cursor, Entry, len(self.entries)) - self.entries[0].number
            user = self.ids.users.get
            self.rows[Entry] = [
                (
                    e.number + offset,
                    self.first_person + e.person,
                    e.kind,
                    e.text,
                    e.restricted,
                    user(e.author),
                    e.at,
                    e.amends + offset if e.amends is not None else None,
                    e.amend_reason,
                )
                for e in self.entries
            ]
        for model, fields in TABLES:
            _copy(cursor, model, fields, self.rows[model])


NO_CARE = borough.PersonCare("", "", [], [], [], [], [], [], [])
BULK_TABLES = [Person, CareRelationship, StoryVersion, Supporter, ConsentProvision, Entry, Contact, ContinuityFacts]
TABLES = [
    (Person, PEOPLE_FIELDS),
    (CareRelationship, RELATIONSHIP_FIELDS),
    (StoryVersion, STORY_FIELDS),
    (Supporter, SUPPORTER_FIELDS),
    (ConsentProvision, CONSENT_FIELDS),
    (Entry, ENTRY_FIELDS),
    (BreakGlass, BREAK_GLASS_FIELDS),
    (AuditEvent, AUDIT_FIELDS),
    (Contact, CONTACT_FIELDS),
    (ContinuityFacts, FACTS_FIELDS),
]
