"""A pulse answer cannot be traced to whoever gave it: not by the schema, not by the order or ids of the rows, not
through the audit, Django's admin, the API or any page an administrator can open (ADR 39)."""

import pytest
from django.contrib import admin
from django.db import connection, models
from django.urls import reverse

from alongside.audit.wording import action_in_words
from alongside.climate.models import Answered, PulseAnswer
from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory

from .factories import answer_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


def test_the_answers_table_holds_no_user_and_no_time():
    fields = PulseAnswer._meta.get_fields()
    assert {f.name for f in fields} == {"id", "team", "month", "definition", "values"}
    for field in fields:
        if field.is_relation:
            assert field.related_model.__name__ == "Team", field.name
        assert not isinstance(field, models.DateTimeField), field.name
    assert isinstance(PulseAnswer._meta.pk, models.UUIDField)
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, PulseAnswer._meta.db_table)
        sequences = connection.introspection.get_sequences(cursor, PulseAnswer._meta.db_table)
    assert sorted(c.name for c in columns) == ["definition", "id", "month", "team_id", "values"]
    assert sequences == []  # no serial id whose order says who came first


def test_who_answered_holds_no_answer_and_no_time():
    assert {f.name for f in Answered._meta.get_fields()} == {"id", "team", "month", "user"}


def test_each_answer_rewrites_the_months_answers_with_new_ids_in_one_transaction(member, team):
    people = [member("clinician", team=team) for _ in range(3)]
    answer_as(people[0], team, 5)
    answer_as(people[1], team, 2)
    before = set(PulseAnswer.objects.values_list("id", flat=True))
    answer_as(people[2], team, 4)
    after = set(PulseAnswer.objects.values_list("id", flat=True))
    assert len(after) == 3 and not before & after
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text FROM {PulseAnswer._meta.db_table}")  # noqa: S608 (our table)
        assert len(cursor.fetchall()) == 1  # every answer row written by the last transaction alike
    assert sorted(v["support_ask"] for v in PulseAnswer.objects.values_list("values", flat=True)) == [2, 4, 5]


def test_the_audit_says_they_answered_and_nothing_of_what_or_which(member, team):
    sam = member("clinician", team=team)
    answer_as(sam, team, 5)
    event = AuditEvent.objects.get(action="climate_pulse_answered")
    assert event.actor_id == sam.pk
    assert event.object_type == "team" and event.object_id == str(team.pk)
    assert set(event.detail) == {"month"}
    answer_id = str(PulseAnswer.objects.get().pk)
    assert not AuditEvent.objects.filter(object_id=answer_id).exists()
    assert answer_id not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_the_audit_page_words_it_as_answering_the_pulse():
    assert action_in_words("climate_pulse_answered", False) == "Answered the team climate pulse"


def test_django_admin_and_the_api_have_no_climate_data(client, member):
    assert not [m for m in admin.site._registry if m._meta.app_label == "climate"]
    client.force_login(member("admin"))
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "climate" not in schema.content.decode().lower()


def test_an_administrator_or_reviewer_outside_the_team_sees_nothing_of_its_pulse(client, member, team):
    people = [member("clinician", team=team) for _ in range(6)]
    for n, person in enumerate(people):
        answer_as(person, team, 1 + n % 5)
    for role in ("admin", "ig_reviewer"):
        client.force_login(member(role))
        assert client.get(reverse("climate:team", args=[team.pk])).status_code == 404
        page = texts(client.get(reverse("partners:team", args=[team.pk])))
        assert "Team climate pulse" not in page


def test_a_members_page_shows_no_ones_answer(client, member, team):
    """Even once the month is shown, the page has each area's share and the count, never a single answer or who
    answered."""
    people = [member("clinician", team=team, first_name=f"Worker{n}") for n in range(5)]
    for n, person in enumerate(people):
        answer_as(person, team, 1 + n)
    client.force_login(people[0])
    page = texts(client.get(reverse("climate:team", args=[team.pk])))
    assert "5 answered" in page
    assert not any(f"Worker{n}" in page for n in range(1, 5))
    for value in PulseAnswer.objects.values_list("id", flat=True):
        assert str(value) not in page
