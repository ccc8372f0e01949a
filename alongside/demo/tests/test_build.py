"""Building the demo borough into the database, and the logins it prints."""

import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from alongside.core.models import ApiToken
from alongside.demo import borough as plan
from alongside.demo.models import DemoLogin
from alongside.partners.models import Membership, Organisation, Team
from alongside.people.models import Person


@pytest.fixture
def borough(db, settings):
    settings.DEMO_MODE = True
    call_command("demo", "--seed", "5", "--people", "300", verbosity=0)


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
    assert [row["role"] for row in rows] == plan.LOGIN_ROLES
    for row in rows:
        assert set(row) == {"username", "password", "role", "team", "api_token"}
        assert authenticate(username=row["username"], password=row["password"]) is not None
        assert ApiToken.objects.filter(token_hash=ApiToken.hash(row["api_token"])).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_builds_the_same_borough(settings, capsys):
    settings.DEMO_MODE = True
    call_command("demo", "--seed", "5", "--people", "300", verbosity=0)
    first = logins(capsys)
    people = list(Person.objects.order_by("nhs_number", "family_name").values_list("nhs_number", "family_name"))
    call_command("demo", "--replace", "--seed", "5", "--people", "300", verbosity=0)
    assert logins(capsys) == first
    again = list(Person.objects.order_by("nhs_number", "family_name").values_list("nhs_number", "family_name"))
    assert again == people


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
    assert DemoLogin.objects.count() == 10


def test_the_person_login_is_linked_to_a_person_record(borough):
    assert Person.objects.get(user__username="person").given_name
