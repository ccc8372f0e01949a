"""Outcomes in the demo borough: about a fifth of people have answers, some several times, getting better, staying
the same and getting worse; the 'person' and 'clinician' logins see trends. In the generator (no database) and as
built."""

from collections import Counter
from datetime import UTC, datetime

import pytest

from alongside.core import registry
from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.outcomes import demo
from alongside.outcomes.models import Response

NOW = datetime(2026, 11, 19, 10, 30, tzinfo=UTC)


def test_a_fifth_of_people_have_answers_from_the_last_two_years_and_the_same_seed_gives_the_same():
    drawn = [demo.draw(7, i, NOW, "worker", keen=False) for i in range(2000)]
    assert drawn == [demo.draw(7, i, NOW, "worker", keen=False) for i in range(2000)]
    some = [d for d in drawn if d is not None]
    assert 0.17 < len(some) / len(drawn) < 0.23
    assert Counter(d.course for d in some).keys() == {"better", "same", "worse"}
    several = [d for d in some if len({a.at for a in d.answered}) >= 2]
    assert len(several) > len(some) / 2
    assert all(0 < (NOW - a.at).days <= demo.TWO_YEARS + 7 for d in some for a in d.answered)


def test_a_demo_logins_person_always_has_several():
    drawn = demo.draw(7, 0, NOW, "clinician", keen=True)
    assert drawn is not None and len({a.at for a in drawn.answered}) >= 4
    assert {a.instrument for a in drawn.answered} == {"phq-9", "gad-7", "ons4"}


@pytest.fixture
def built(demo_borough, monkeypatch):
    goals = [("1", "Get out of the house every day"), ("2", "Sleep through the night")]
    monkeypatch.setattr(registry, "person_goals", lambda person_id: goals)  # as a plans app with goals would give
    demo_borough(seed=2026, people=300, variant="everyone's plan has the same two goals")


def test_the_demo_logins_see_trends_scored_as_the_product_scores(built, client):
    people = Response.objects.values("person").distinct().count()
    assert 40 <= people <= 110
    changes = set(Response.objects.exclude(reliable_change="").values_list("reliable_change", flat=True))
    assert changes == {"improved", "no_reliable_change", "deteriorated"}
    person = DemoLogin.objects.get(user__username="person").user
    client.force_login(person)
    page = texts(client.get(f"/outcomes/people/{person.person.pk}/"))
    assert "How your answers have changed" in page and "PHQ-9 scores" in page
    clinician = DemoLogin.objects.get(user__username="clinician").user
    theirs = Response.objects.filter(recorded_by=clinician).values_list("person", flat=True).distinct()
    assert theirs.count() >= 3
    client.force_login(clinician)
    assert "PHQ-9 scores" in texts(client.get(f"/outcomes/people/{theirs[0]}/"))


def test_people_whose_plan_has_goals_rate_them_in_their_own_words(built):
    rated = Response.objects.filter(instrument="gbo")
    assert rated.exists()
    assert {tuple(sorted(r.goals.values())) for r in rated} == {
        ("Get out of the house every day", "Sleep through the night")
    }
    assert rated.values("person").distinct().count() <= 60
    assert all(set(r.answers) == {"goal-1", "goal-2"} for r in rated)
