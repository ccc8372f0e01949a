"""Load the demo borough into the database: organisations and staff through the ORM, everything else by COPY.

People and the care around them (relationships, story versions, supporters, consent provisions, timeline
entries, break-glass events, audit events) stream from `borough.generate_borough` and are written in chunks of
people, one COPY per table per chunk: never a query per person. Each capability's demo steps (`steps.py`, from
`registry.demo_steps()`) see every person go past and add rows of their own to the same chunk, then write the rest
once the people are in (the referrals about people they picked, the neighbourhood teams' appointments, ...). Ids
are reserved from each table's sequence up front, so that rows can refer to people and to the entries they amend
without reading anything back. The big tables are loaded without their foreign keys and secondary indexes, which
are put back (and checked) at the end, and a writer thread streams each chunk while the next is generated."""

import queue
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

from alongside.breakglass.models import BreakGlass
from alongside.breakglass.reviews import review_url
from alongside.consent.models import ConsentProvision
from alongside.core import registry
from alongside.core.models import Alert, ApiToken, AuditEvent
from alongside.partners.models import Membership, Neighbourhood, Organisation, Role, Team
from alongside.people.models import CareRelationship, Entry, Person, StoryVersion, Supporter

from . import borough
from .models import DemoBorough, DemoLogin
from .steps import Building, Ids, StepRun, copy_rows, reserve

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
    break-glass, audit, nor any capability's demo steps), for benchmarks that lay out relationships of their own."""
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
                phone=f"01632 960 {100 + index:03d}",  # Ofcom's numbers for drama: no one real is called
            )
            for index, t in enumerate(plan.teams)
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
        with connection.cursor() as cursor:
            first_person = reserve(cursor, Person, people)
        building = Building(
            seed=seed,
            people=people,
            now=now,
            today=today,
            plan=plan,
            ids=ids,
            names={username: user.display_name for username, user in users.items()},
            first_person=first_person,
        )
        steps = registry.demo_steps() if care else []
        runs = [step.start(building) for step in steps]
        _load_people_and_care(building, progress, care, runs, tables=[t for step in steps for t in step.tables])
        for run in runs:
            run.finish()
        _alert_reviewers()
        _set_caseload_capacities()
        logins = [(role, role) for role in borough.LOGIN_ROLES] + borough.EXTRA_LOGINS
        for order, (username, role) in enumerate(logins):
            user = users[username]
            ApiToken.issue(user, "Demo token", token=plan.tokens[username])
            team = next((m.team.name for m in user.memberships.select_related("team")), "")
            DemoLogin.objects.create(
                user=user,
                role=role,
                team_name=team,
                password=plan.passwords[username],
                api_token=plan.tokens[username],
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
            user.set_password(plan.passwords[persona.username])  # a login's username is its role, or an extra login
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


def _load_people_and_care(
    building: Building,
    progress: Callable[[int], None],
    care: bool,
    runs: list[StepRun],
    tables: list[tuple[type[models.Model], list[str]]],
    chunk: int = CHUNK,
) -> None:
    """Generate in this thread while a writer thread streams the previous chunk into the database: on two cores
    the generator's Python and PostgreSQL's indexing then run side by side. Each of the steps' `runs` sees each
    person go past, and the rows it answers (for its `tables`) are written in the same chunk."""
    b = building
    bulk = BULK_TABLES + [model for model, _ in tables]
    tables = TABLES + [(model, list(fields)) for model, fields in tables]
    with connection.cursor() as cursor, _bulk_loading(cursor, bulk), Writer(cursor, progress) as writer:
        batch = Batch(b.ids, b.first_person, tables)
        for index, (row, around) in enumerate(borough.generate_borough(b.seed, b.people, b.now, b.today, b.plan)):
            batch.add(index, row, around if care else NO_CARE)
            for run in runs:
                if extra := run.person(index, row, around):
                    batch.extend(extra)
            if batch.people == chunk:
                writer.put(batch)
                batch = Batch(b.ids, b.first_person, tables)
        writer.put(batch)


def bulk_tables() -> list[type[models.Model]]:
    """Every table the build loads without its foreign keys and secondary indexes: the person record's, and those
    the demo steps write a person's rows to."""
    return BULK_TABLES + [model for step in registry.demo_steps() for model, _ in step.tables]


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

    def __init__(self, ids: Ids, first_person: int, tables: list[tuple[type[models.Model], list[str]]] | None = None):
        self.ids = ids
        self.first_person = first_person
        self.tables = tables or TABLES  # the person record's, and the demo steps' after them
        self.people = 0
        self.rows: dict[type[models.Model], list[tuple]] = {model: [] for model, _ in tables}
        self.entries: list[borough.EntryRow] = []

    def add(self, index: int, row: borough.PersonRow, care: borough.PersonCare) -> None:
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

    def extend(self, extra: dict[type[models.Model], list[tuple]]) -> None:
        """Rows a demo step answered for the person just added."""
        for model, rows in extra.items():
            self.rows[model] += rows

    def write(self, cursor) -> None:
        if self.entries:
            # Entries are numbered in the order generated; an amendment refers to the number of the entry it amends.
            offset = reserve(cursor, Entry, len(self.entries)) - self.entries[0].number
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
        for model, fields in self.tables:
            copy_rows(cursor, model, fields, self.rows[model])


NO_CARE = borough.PersonCare("", "", [], [], [], [], [], [], [])
BULK_TABLES = [Person, CareRelationship, StoryVersion, Supporter, ConsentProvision, Entry]
TABLES = [
    (Person, PEOPLE_FIELDS),
    (CareRelationship, RELATIONSHIP_FIELDS),
    (StoryVersion, STORY_FIELDS),
    (Supporter, SUPPORTER_FIELDS),
    (ConsentProvision, CONSENT_FIELDS),
    (Entry, ENTRY_FIELDS),
    (BreakGlass, BREAK_GLASS_FIELDS),
    (AuditEvent, AUDIT_FIELDS),
]
