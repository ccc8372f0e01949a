"""Building the demo borough into the database, and the logins it prints."""

import json
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.continuity.models import AppointmentRequest, Contact, ContinuityFacts, Slot
from alongside.core import database_roles
from alongside.core.models import Alert, ApiToken, AuditEvent, Message
from alongside.demo import borough as plan
from alongside.demo import build
from alongside.demo.models import DemoLogin
from alongside.partners.models import Membership, Organisation, Team
from alongside.people.models import CareRelationship, Entry, Person, StoryVersion, Supporter
from alongside.referrals.models import Referral, Transition


@pytest.fixture
def borough(demo_borough):
    """The demo command builds as the owner of the tables, on a connection of its own that commits: the test's
    transaction would not undo it, so these tests empty the database afterwards instead."""
    demo_borough(seed=5, people=300)


def logins(capsys) -> list[dict]:
    capsys.readouterr()
    call_command("demo", "logins", "--json")
    return json.loads(capsys.readouterr().out)


def test_the_borough_has_partners_teams_staff_volunteers_and_people(borough):
    assert Organisation.objects.filter(kind="gp_practice").count() == 8
    assert Organisation.objects.exclude(kind="gp_practice").count() == 3
    assert Team.objects.values("neighbourhood").distinct().count() == 5  # four neighbourhoods and borough-wide
    assert Membership.objects.filter(role="volunteer").count() == 40
    assert 55 <= Membership.objects.exclude(role="volunteer").count() <= 70
    assert Person.objects.count() == 300
    assert Person.objects.exclude(nhs_number__startswith="999").exclude(nhs_number__isnull=True).count() == 0


def test_logins_json_gives_one_working_login_per_persona(borough, capsys):
    rows = logins(capsys)
    assert [row["role"] for row in rows] == plan.LOGIN_ROLES + [role for _, role in plan.EXTRA_LOGINS]
    for row in rows:
        assert set(row) == {"username", "password", "role", "team", "api_token"}
        assert authenticate(username=row["username"], password=row["password"]) is not None
        assert ApiToken.objects.filter(token_hash=ApiToken.hash(row["api_token"])).exists()


def fingerprint() -> dict[str, list]:
    """The whole borough with database ids replaced by what they stand for: people by their place in the borough,
    users by username, teams and organisations by name."""
    first_person = Person.objects.order_by("id").values_list("id", flat=True).first()
    first_entry = Entry.objects.order_by("id").values_list("id", flat=True).first() or 0
    first_referral = Referral.objects.order_by("id").values_list("id", flat=True).first() or 0
    organisations = dict(Organisation.objects.values_list("id", "name"))

    def rows(model, *fields, order=("id",)):
        out = []
        for row in model.objects.order_by(*order).values_list(*fields):
            out.append(
                tuple(
                    value - first_person
                    if (name in {"person", "person_id"} or (name == "id" and model is Person)) and value is not None
                    else value - first_entry
                    if name in {"id", "amends"} and model is Entry and value is not None
                    else value - first_referral
                    if (name == "id" and model is Referral) or name == "referral"
                    else organisations.get(value)
                    if name == "organisation_id"
                    else value
                    for name, value in zip(fields, row, strict=True)
                )
            )
        return out

    def references(text: str) -> str:  # a referral's reference names its id
        return re.sub(r"R(\d{6})", lambda m: f"R+{int(m.group(1)) - first_referral}", text)

    return {
        "people": rows(
            Person,
            "id",
            "nhs_number",
            "given_name",
            "family_name",
            "birth_date",
            "postcode",
            "gp_practice__name",
            "neighbourhood__name",
            "communication_needs",
            "shared_with_volunteers",
            "user__username",
        ),
        "relationships": rows(
            CareRelationship, "person", "kind", "user__username", "team__name", "started_at", "ended_at", "ended_reason"
        ),
        "stories": rows(
            StoryVersion, "person", "part", "number", "text", "reason", "written_by__username", "written_at"
        ),
        "supporters": rows(Supporter, "person", "name", "relationship", "phone", "is_carer", "ended_on"),
        "consents": rows(
            ConsentProvision,
            "person",
            "permit",
            "actor_kind",
            "organisation__name",
            "categories",
            "start",
            "withdrawn_at",
            "recorded_by__username",
        ),
        "entries": rows(
            Entry, "id", "person", "kind", "text", "restricted", "author__username", "at", "amends", "amend_reason"
        ),
        "break_glass": rows(
            BreakGlass,
            "person",
            "user__username",
            "organisation_id",
            "reason_code",
            "started_at",
            "expires_at",
            "reviewed_at",
            "reviewed_by__username",
            "outcome",
        ),
        "referrals": rows(
            Referral,
            "id",
            "status",
            "source",
            "urgency",
            "channel",
            "person",
            "matched_by",
            "given_name",
            "birth_date",
            "reason",
            "situation",
            "referrer_user__username",
            "referrer_email",
            "team__name",
            "named_worker__username",
            "neighbourhood__name",
            "story_offer",
            "received_at",
            "decided_at",
            "closed_at",
            "version",
        ),
        "transitions": rows(Transition, "referral", "move", "to_status", "by__username", "at", "reason"),
        "alerts": [
            (who, references(text), at, read)
            for who, text, at, read in rows(
                Alert, "recipient__username", "text", "created_at", "read_at", order=("created_at", "id")
            )
        ],
        "messages": [
            (channel, to, references(body["body"]), state)
            for channel, to, body, state in rows(
                Message, "channel", "to", "personalisation", "state", order=("created_at", "id")
            )
        ],
        "audit": rows(
            AuditEvent,
            "person_id",
            "at",
            "actor__username",
            "role",
            "organisation_id",
            "action",
            "basis",
            "detail",
            order=("person_id", "at"),
        ),
        "contacts": rows(
            Contact,
            "person",
            "practitioner__username",
            "team__name",
            "kind",
            "at",
            "minutes",
            "note",
            "recorded_by__username",
            "recorded_at",
        ),
        "continuity_facts": rows(
            ContinuityFacts,
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
            "updated_by__username",
            "updated_at",
        ),
        "slots": rows(Slot, "team__name", "practitioner__username", "start", "minutes", "kind", "created_by__username"),
        "appointment_requests": rows(
            AppointmentRequest,
            "person",
            "team__name",
            "earliest",
            "latest",
            "what_for",
            "asked_by__username",
            "asked_at",
            "slot__practitioner__username",
            "slot__start",
            "booked_at",
            "booked_by__username",
            "booking_reason",
            "with_named_worker",
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_builds_the_same_borough(settings, capsys):
    settings.DEMO_MODE = True
    with time_machine.travel(datetime(2026, 11, 21, 9, 15, tzinfo=UTC), tick=False):
        call_command("demo", "--seed", "5", "--people", "300", verbosity=0)
        first = logins(capsys)
        borough = fingerprint()
        call_command("demo", "--replace", "--seed", "5", "--people", "300", verbosity=0)
        assert logins(capsys) == first
        again = fingerprint()
    assert again.keys() == borough.keys()
    for table, rows in borough.items():
        assert rows, table
        assert again[table] == rows, table
    assert again["people"][0][0] == 0 and again["people"][-1][0] == 299


def test_if_missing_reuses_the_borough_and_prints_the_table(borough, capsys):
    capsys.readouterr()
    call_command("demo", "--if-missing", "--people", "50")
    out = capsys.readouterr().out
    assert "Reusing the demo borough built from seed 5 with 300 people" in out
    assert "| Administrator" in out and "admin" in out
    assert Person.objects.count() == 300


def test_a_second_build_without_replace_is_refused(borough):
    with pytest.raises(CommandError, match="already holds data"):
        call_command("demo", verbosity=0)


def test_replace_needs_the_demo_switch(borough, settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demo switch"):
        call_command("demo", "--replace", verbosity=0)
    assert DemoLogin.objects.count() == len(plan.LOGIN_ROLES) + len(plan.EXTRA_LOGINS)


def test_the_person_login_is_linked_to_a_person_record(borough):
    assert Person.objects.get(user__username="person").given_name


# ------------------------------------------------------------------------------------------------------------
# Every state of the person record can be seen by signing in as a demo login: checked through the JSON API, so
# through the same access policy as the pages.
# ------------------------------------------------------------------------------------------------------------


def api(role: str, client, path: str, **params):
    token = DemoLogin.objects.get(user__username=role).api_token
    response = client.get(f"/api/v1{path}", params, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, (role, path, response.content)
    return response.json()


def test_every_person_is_on_their_neighbourhood_teams_caseload(borough):
    # (the people on the virtual ward today are on its team's caseload too: see the virtual ward's demo tests)
    caseload = CareRelationship.objects.filter(kind="team_caseload", ended_at__isnull=True).exclude(
        team__kind="virtual_ward"
    )
    assert caseload.count() == Person.objects.count()
    assert not caseload.exclude(team__neighbourhood=F("person__neighbourhood")).exists()
    assert set(caseload.values_list("team__name", flat=True)) == {
        f"{n} neighbourhood team" for n in plan.NEIGHBOURHOODS
    }


def test_the_clinician_login_is_named_worker_for_several_people_and_sees_their_restricted_notes(borough, client):
    mine = CareRelationship.objects.active().filter(user__username="clinician", kind="named_worker")
    assert mine.count() >= 5
    person_id = mine.filter(person__entries__restricted=True).values_list("person", flat=True).first()
    record = api("clinician", client, f"/people/{person_id}")
    assert record["basis"] == "relationship" and any(e["restricted"] for e in record["timeline"])
    found = api("clinician", client, "/people", limit=100)
    assert found["count"] >= Person.objects.filter(neighbourhood__name="Riverside").count()


def test_the_volunteer_login_has_active_allocations_and_one_that_ended(borough, client):
    allocations = CareRelationship.objects.filter(user__username="volunteer", kind="volunteer")
    active = allocations.active()
    assert active.count() == 3 and allocations.exclude(pk__in=active).count() == 1
    found = api("volunteer", client, "/people", limit=100)
    assert sorted(i["id"] for i in found["items"]) == sorted(active.values_list("person", flat=True))
    assert all(i["nhs_number"] is None and i["birth_date"] is None for i in found["items"])
    assert None in [i["postcode"] for i in found["items"]]  # one client refused volunteers their contact details


def test_the_person_login_sees_their_story_supporters_choices_and_who_looked(borough, client):
    person = Person.objects.get(user__username="person")
    record = api("person", client, f"/people/{person.pk}")
    assert record["basis"] == "self"
    assert {(s["part"], s["number"]) for s in record["story"]} == {
        ("my_story", 3),
        ("what_matters", 2),
        ("strengths", 1),
    }
    assert len(record["supporters"]) == 2 and len(record["consent"]) == 3
    assert any(p["withdrawn_at"] for p in record["consent"])
    assert any(r["kind"] == "volunteer" and r["active"] for r in record["relationships"])
    log = api("person", client, f"/people/{person.pk}/access-log", limit=100)
    assert log["count"] >= 8
    assert {i["basis"] for i in log["items"]} >= {"relationship", "consent", "break_glass"}
    assert all(i["who"] and i["role"] for i in log["items"])


def test_the_gp_login_finds_their_practice_s_patients_and_reads_never_writes(borough, client):
    """Registration with the practice is a legitimate relationship (ADR 23); so is the person's agreement."""
    found = api("gp", client, "/people", limit=100)
    bases = {i["basis"] for i in found["items"]}
    assert found["count"] >= 1 and "registered practice" in bases and bases <= {"registered practice", "consent"}
    registered = next(i for i in found["items"] if i["basis"] == "registered practice")
    record = api("gp", client, f"/people/{registered['id']}")
    assert record["timeline"] is not None and "restricted" not in record["categories"]
    client.force_login(DemoLogin.objects.get(user__username="gp").user)
    page = client.get(f"/people/{registered['id']}/").content.decode()
    assert "Add an entry" not in page and "Change details" not in page  # read, never write


def test_break_glass_awaits_the_ig_reviewer_and_one_is_open_for_spa_triage(borough, client):
    reviewer = DemoLogin.objects.get(user__username="ig_reviewer").user
    organisation = reviewer.memberships.get().team.organisation_id
    waiting = BreakGlass.objects.awaiting_review().filter(organisation_id=organisation)
    assert waiting.count() >= 2  # one past, and the one open now
    assert BreakGlass.objects.filter(reviewed_by=reviewer).exists()
    assert Alert.objects.filter(recipient=reviewer, read_at__isnull=True).count() == waiting.count()
    client.force_login(reviewer)
    queue = client.get("/break-glass/reviews/").content.decode()
    assert "spa_triage" in queue or DemoLogin.objects.get(user__username="spa_triage").user.display_name in queue
    [open_now] = BreakGlass.objects.active()
    assert open_now.user.username == "spa_triage" and open_now.reviewed_at is None
    found = api("spa_triage", client, "/people", limit=100)
    assert [(i["id"], i["basis"]) for i in found["items"]] == [(open_now.person_id, "break_glass")]


def test_stories_consents_and_amendments_are_there_to_see(borough):
    assert StoryVersion.objects.filter(number=3).exists()
    assert ConsentProvision.objects.filter(permit=False, actor_kind="volunteers", categories=["contact"]).exists()
    assert ConsentProvision.objects.filter(
        permit=True, organisation__kind="gp_practice", categories__contains=["story"]
    ).exists()
    assert ConsentProvision.objects.filter(withdrawn_at__isnull=False).exists()
    assert Entry.objects.filter(amends__isnull=False).exists() and Entry.objects.filter(restricted=True).exists()
    assert Supporter.objects.filter(is_carer=True).exists()
    assert CareRelationship.objects.filter(kind="care_team").exists()
    assert CareRelationship.objects.filter(kind="named_worker", ended_at__isnull=False).exists()


def schema() -> list:
    """The indexes and constraints of the tables the build loads without them."""
    tables = [m._meta.db_table for m in build.bulk_tables()]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY 1", [tables])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), condeferrable, condeferred FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1",
            [tables],
        )
        return indexes + cursor.fetchall()


def test_the_build_puts_back_every_index_and_foreign_key(transactional_db, settings):
    settings.DEMO_MODE = True
    before = schema()
    assert any("FOREIGN KEY" in str(row) for row in before) and any("one_open_named_worker" in str(r) for r in before)
    call_command("demo", "--seed", "2", "--people", "50", verbosity=0)
    assert schema() == before
    person = Person.objects.filter(relationships__kind="named_worker", relationships__ended_at__isnull=True).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CareRelationship.objects.create(person=person, kind="named_worker", user=get_user_model().objects.first())


def test_a_failure_while_writing_leaves_nothing_behind(transactional_db, settings, monkeypatch):
    settings.DEMO_MODE = True
    before = schema()

    def fail(self, cursor):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build.Batch, "write", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command("demo", "--seed", "2", "--people", "50", verbosity=0)
    assert not Person.objects.exists() and not Organisation.objects.exists()
    assert schema() == before


def test_a_benchmark_may_build_the_people_without_the_care_around_them(transactional_db):
    with database_roles.as_owner():
        build.build(4, 40, care=False)
    assert Person.objects.count() == 40 and Person.objects.filter(user__username="person").exists()
    assert not CareRelationship.objects.exists() and not Entry.objects.exists() and not AuditEvent.objects.exists()


def test_the_person_pages_show_each_login_their_demo_people(borough, client):
    """The pages (not only the API) show each state: a restricted note, a volunteer's view, the person's own."""
    clinician = DemoLogin.objects.get(user__username="clinician").user
    mine = CareRelationship.objects.active().filter(
        user=clinician, kind="named_worker", person__entries__restricted=True
    )
    client.force_login(clinician)
    page = client.get(f"/people/{mine.values_list('person', flat=True).first()}/").content.decode()
    assert "Sensitive" in page
    volunteer = DemoLogin.objects.get(user__username="volunteer").user
    client.force_login(volunteer)
    for person_id in CareRelationship.objects.active().filter(user=volunteer).values_list("person", flat=True):
        response = client.get(f"/people/{person_id}/")
        assert response.status_code == 200 and "Date of birth" not in response.content.decode()
    ended = CareRelationship.objects.filter(user=volunteer, ended_at__isnull=False).get()
    assert client.get(f"/people/{ended.person_id}/").status_code == 404
    person = Person.objects.get(user__username="person")
    client.force_login(person.user)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "Your record" in page and "Amended" in page and "withdrawn" in page


# ------------------------------------------------------------------------------------------------------------
# Referrals: every state of the single point of access, seen by each demo login through the pages.
# ------------------------------------------------------------------------------------------------------------


def test_asking_for_logins_before_any_borough_is_built_says_what_to_do(db, monkeypatch):
    from django.core.management import CommandError, call_command
    from django.db import connection

    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [])
    with pytest.raises(CommandError, match="build it with 'alongside demo'"):
        call_command("demo", "logins")
