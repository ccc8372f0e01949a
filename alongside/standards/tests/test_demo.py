"""The standards in the demo borough: two quarters for every team that gives care or support, with stakeholders'
checks and challenges, most answered; Riverside shared this quarter with one challenge waiting, and its demo link
opens."""

import pytest
from django.urls import reverse

from alongside.core.tests.pages import texts
from alongside.demo.models import DemoLogin
from alongside.standards.demo_step import RIVERSIDE, SAYS, demo_token
from alongside.standards.models import Check, Cycle, StakeholderKind


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_two_quarters_of_ratings_with_checks_and_riverside_has_a_challenge_waiting(built, client):
    assert Cycle.objects.values("year", "quarter").distinct().count() == 2
    assert Cycle.objects.filter(shared_at__isnull=False).count() > Cycle.objects.count() / 2
    challenges = Check.objects.filter(agrees=False)
    assert challenges.filter(answered_at__isnull=False).count() > challenges.filter(answered_at=None).count() > 0
    leader = DemoLogin.objects.get(user__username="team_leader").user
    client.force_login(leader)
    riverside = Cycle.objects.filter(team__name=RIVERSIDE).first().team_id
    page = texts(client.get(reverse("standards:team", args=[riverside])))
    assert "waiting for an answer" in page and "Our answer" in page
    assert "Standards challenged" in texts(client.get("/"))
    history = texts(client.get(reverse("standards:history", args=[riverside])))
    assert history.count(" to ") >= 2
    client.force_login(DemoLogin.objects.get(user__username="clinician").user)
    assert "Our standards" in texts(client.get(reverse("partners:team", args=[riverside])))
    client.logout()
    assert client.get(reverse("standards:link", args=[demo_token(2026)]), follow=True).status_code == 200


def test_checks_come_from_a_mix_of_kinds_each_saying_what_fits_it_never_twice_a_quarter(built):
    checks = list(Check.objects.select_related("link", "rating__cycle__team"))
    assert {c.link.kind for c in checks} == {k.value for k in StakeholderKind}
    said: dict[int, list[str]] = {}
    for check in checks:
        agree, challenge = SAYS[StakeholderKind(check.link.kind)]
        assert check.comment in (agree if check.agrees else challenge) or (check.agrees and not check.comment)
        if check.comment:
            said.setdefault(check.link.cycle_id, []).append(check.comment)
    assert all(len(comments) == len(set(comments)) for comments in said.values())
    now = max(c.rating.cycle.period for c in checks)
    riverside = [
        c for c in checks if c.rating.cycle.team.name == RIVERSIDE and c.rating.cycle.period == now and not c.agrees
    ]
    assert len(riverside) == 2 and len({c.link.kind for c in riverside}) == 2  # as the guide says:
    assert len([c for c in riverside if c.answered_at is None]) == 1  # one challenge waiting for an answer
