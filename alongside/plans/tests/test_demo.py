"""Plans in the demo borough: about a third of the people have a plan with one to three goals, some in their own
words and some with earlier versions; some have a staying-well plan or a crisis plan, a few are in crisis now; the
'person' login and one of the 'clinician' login's people are in crisis, so the crisis plan shows first for both."""

from datetime import UTC, datetime

import pytest

from alongside.demo import borough
from alongside.demo.models import DemoLogin
from alongside.people.models import CareRelationship, Person
from alongside.plans import demo
from alongside.plans.answers import PERSON
from alongside.plans.documents import CRISIS, STAYING_WELL
from alongside.plans.models import CrisisFlag, DocumentVersion, Goal, PlanVersion

NOW = datetime(2026, 11, 19, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def made():
    plan = borough.plan_borough(2026)
    generator = demo.PlansGenerator(2026, NOW)
    people = list(borough.generate_borough(2026, 900, NOW, NOW.date(), plan))
    return people, [generator.person(index, row, care) for index, (row, care) in enumerate(people)]


def test_about_a_third_have_a_plan_with_one_to_three_goals(made):
    _, plans = made
    some = [p for p in plans if p is not None]
    assert 0.25 < len(some) / len(plans) < 0.42
    assert all(1 <= len(p.plan[-1].goals) <= 3 for p in some)
    assert any(len(p.plan) > 1 for p in some)  # earlier versions for some
    assert any(g[-1] == PERSON for p in some for g in p.plan[-1].goals)  # partly in their own words
    assert 0.2 < sum(STAYING_WELL in p.documents for p in some) / len(some) < 0.7
    crisis = [p for p in some if CRISIS in p.documents]
    assert 0.15 < len(crisis) / len(some) < 0.5
    assert 2 <= sum(p.crisis is not None for p in some) < len(crisis) / 3
    assert all(CRISIS in p.documents for p in some if p.crisis)  # a crisis now always has a plan to show


def test_the_person_login_and_one_of_the_clinicians_people_are_in_crisis(made):
    people, plans = made
    assert plans[0] is not None and plans[0].crisis is not None
    assert {STAYING_WELL, CRISIS} <= set(plans[0].documents)
    assert plans[0].plan[-1].writer == demo.PERSON_LOGIN
    clinicians = [
        i
        for i, (_, care) in enumerate(people)
        if any(r.user == "clinician" and r.kind == "named_worker" and r.ended_at is None for r in care.relationships)
    ]
    assert sum(plans[i] is not None and plans[i].crisis is not None for i in clinicians) >= 1


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=5, people=300)


def test_the_built_borough_shows_the_crisis_plan_first_to_the_person_and_the_clinician(built, client):
    assert 60 < PlanVersion.objects.values("person").distinct().count() < 130
    assert Goal.objects.exists() and DocumentVersion.objects.filter(kind=STAYING_WELL).exists()
    person = Person.objects.get(user__username="person")
    client.force_login(person.user)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert page.index('id="crisis"') < page.index('id="plan"')
    assert "You are in crisis now" in page and "Your joint crisis plan" in page
    clinician = DemoLogin.objects.get(user__username="clinician").user
    theirs = CareRelationship.objects.active().filter(user=clinician, kind="named_worker").values("person")
    in_crisis = CrisisFlag.objects.filter(person__in=theirs, ended_at__isnull=True).first()
    assert in_crisis is not None
    client.force_login(clinician)
    page = client.get(f"/people/{in_crisis.person_id}/").content.decode()
    assert "is in crisis now" in page and "joint crisis plan" in page
