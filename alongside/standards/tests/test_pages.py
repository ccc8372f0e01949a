"""The standards' pages as a team uses them: rating with kind messages that keep what was typed, a conflict shown
beside what was typed, check and share, invite, answer, history, the partnership's view and an organisation's own
set; each in a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.core.registry import TeamFigure, TeamShare
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.standards.models import Check, Cycle, Rating, StakeholderLink, StandardSet

from .factories import challenge, link_for, rate_all, shared

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def leader(member, team):
    return member("team_leader", team=team)


def form_key(body: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', body).group(1)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_rating_says_what_is_missing_and_keeps_what_was_typed(client, member, team):
    client.force_login(member("clinician", team=team))
    url = reverse("standards:rate", args=[team.pk, 1])
    shown = texts(client.get(url))
    assert "We all know the recovery approach" in shown and "checked" not in client.get(url).content.decode()
    typed = client.post(url, {"version": "0", "evidence": "Most of us did the course", "action": ""})
    body = typed.content.decode()
    assert "Choose red, amber or green" in body and "Say what the team will do to get better" in body
    assert "Most of us did the course" in body and "There is a problem" in body
    done = client.post(url, {"version": "0", "colour": "amber", "evidence": "Most of us", "action": "Book training"})
    assert done.status_code == 302
    assert "Amber: partly" in texts(client.get(reverse("standards:team", args=[team.pk])))


def test_two_members_saving_at_once_see_a_conflict_with_what_they_typed(client, member, team):
    rate_all(member("clinician", team=team), team, upto=1)
    client.force_login(member("social_worker", team=team))
    url = reverse("standards:rate", args=[team.pk, 1])
    stale = client.post(url, {"version": "0", "colour": "red", "evidence": "My view", "action": "Talk"})
    body = texts(stale)
    assert stale.status_code == 200 and "Someone else saved this rating" in body and "My view" in body
    assert Rating.objects.get().colour == "green"


def test_the_leader_checks_then_shares_then_invites(client, team, leader):
    rate_all(leader, team)
    client.force_login(leader)
    share = reverse("standards:share", args=[team.pk])
    assert "Check the ratings before you share them" in texts(client.get(share))
    assert client.post(share).status_code == 302
    assert Cycle.objects.get().shared_at is not None
    invite = reverse("standards:invite", args=[team.pk])
    assert "Choose who the link is for" in texts(
        client.post(invite, {"form_key": form_key(client.get(invite).content.decode())})
    )
    key = form_key(client.get(invite).content.decode())
    made = client.post(invite, {"form_key": key, "kind": "carer"})
    assert "Link made" in texts(made) and "/standards/check/" in made.content.decode()
    again = client.post(invite, {"form_key": key, "kind": "carer"})
    assert again.status_code == 302 and StakeholderLink.objects.count() == 1  # a retry makes no second link


def test_the_team_answers_a_challenge(client, member, team, leader):
    cycle = shared(leader, team)
    challenge(link_for(leader, cycle), Rating.objects.filter(cycle=cycle).first(), "We wait too long")
    sam = member("clinician", team=team)
    client.force_login(sam)
    page = texts(client.get(reverse("standards:team", args=[team.pk])))
    assert "We wait too long" in page and "1 challenge waiting for an answer" in page
    url = reverse("standards:answer", args=[Check.objects.get().pk])
    assert "Write your answer" in texts(client.post(url, {"answer": " "}))
    assert client.post(url, {"answer": "Thank you, we will call back sooner"}).status_code == 302
    assert Check.objects.get().answered_by == sam
    assert AuditEvent.objects.filter(action="standards_challenge_answered").exists()


def test_pages_of_a_team_take_a_constant_number_of_queries(client, member, team, leader):
    client.force_login(leader)
    url = reverse("standards:team", args=[team.pk])
    empty = count_queries(client, url)
    cycle = shared(leader, team)
    for _ in range(3):
        challenge(link_for(leader, cycle), Rating.objects.filter(cycle=cycle).first())
    full = count_queries(client, url)
    assert full <= empty + 3  # the checks and the links, once shared
    team_page = reverse("partners:team", args=[team.pk])
    one = count_queries(client, team_page)
    challenge(link_for(leader, cycle), Rating.objects.filter(cycle=cycle).last())
    assert count_queries(client, team_page) == one
    assert "Our standards" in texts(client.get(team_page))


def test_history_shows_each_quarter_in_words(client, team, leader):
    shared(leader, team)
    Cycle.objects.update(year=2025, quarter=2)
    client.force_login(leader)
    url = reverse("standards:history", args=[team.pk])
    one = count_queries(client, url)
    rate_all(leader, team, colours=("red",), upto=2)
    assert count_queries(client, url) == one  # two quarters as one
    page = texts(client.get(url))
    assert "Apr to Jun 2025" in page and "Red: not yet" in page and "Not rated" in page


def fake_figure(team_ids):
    return {pk: TeamShare(18, 20) for pk in team_ids}


def test_the_partnership_view_in_a_constant_number_of_queries(client, member, team, leader, monkeypatch):
    from alongside.core import registry

    monkeypatch.setattr(
        registry, "team_figures", lambda: [TeamFigure("training:recovery_approach", "Trained", 1, fake_figure)]
    )
    client.force_login(leader)
    url = reverse("standards:partnership")
    shared(leader, team)
    few = count_queries(client, url)
    for n in range(5):
        other = TeamFactory(name=f"Team {n}")
        shared(member("team_leader", team=other), other)
    assert count_queries(client, url) == few
    page = texts(client.get(url))
    assert "18 of 20 (90%)" in page and "Team 4" in page


def test_the_partnership_view_shows_no_share_of_fewer_than_5_people(client, team, leader, monkeypatch):
    """'0 of 1' would tell every team leader about one person: a share of so few is not shown."""
    from alongside.core import registry

    figure = TeamFigure("training:recovery_approach", "Trained", 1, lambda ids: {pk: TeamShare(0, 1) for pk in ids})
    monkeypatch.setattr(registry, "team_figures", lambda: [figure])
    client.force_login(leader)
    page = texts(client.get(reverse("standards:partnership")))
    assert "Fewer than 5 to count: not shown" in page and "0 of 1" not in page


def test_the_partnership_view_leaves_out_teams_that_give_no_care(client, team, leader):
    TeamFactory(name="Digital services", kind="corporate_service")
    TeamFactory(name="Not started yet", kind="neighbourhood_team")
    client.force_login(leader)
    page = texts(client.get(reverse("standards:partnership")))
    assert "Not started yet" in page and "Digital services" not in page


def test_the_partnership_view_has_the_whole_screen_for_its_wide_table_and_other_pages_keep_the_usual_width(
    client, team, leader
):
    client.force_login(leader)
    wide = client.get(reverse("standards:partnership")).content.decode()
    assert wide.count("nhsuk-width-container-fluid") >= 2  # the header and the page line up
    usual = client.get(reverse("standards:team", args=[team.pk])).content.decode()
    assert "nhsuk-width-container-fluid" not in usual


def test_an_administrator_adds_a_set_after_checking_it(client, member, team):
    client.force_login(member("admin", team=team))
    url = reverse("standards:new_set")
    key = form_key(client.get(url).content.decode())
    bad = texts(client.post(url, {"form_key": key, "name": "", "standards": "We act: we do\n\nNo colon here"}))
    assert "Enter a name for the set" in bad and "'No colon here' needs a title, a colon" in bad  # the line as typed
    assert "We act: we do" in bad
    data = {"form_key": key, "name": "Our own", "standards": "We listen: people hear us\nWe act: we do it"}
    assert "Check the set before you add it" in texts(client.post(url, data))
    assert client.post(url, data | {"confirm": "yes"}).status_code == 302
    assert client.post(url, data | {"confirm": "yes"}).status_code == 302
    made = StandardSet.objects.get(name="Our own")
    assert made.organisation == team.organisation and made.standards.count() == 2


def test_a_team_leader_sees_challenges_waiting_on_their_home_page(client, team, leader):
    cycle = shared(leader, team)
    challenge(link_for(leader, cycle), Rating.objects.filter(cycle=cycle).first())
    client.force_login(leader)
    home = texts(client.get("/"))
    assert "Standards challenged" in home and "1 challenge waiting for an answer" in home


def test_a_challenge_from_an_earlier_quarter_is_still_answered(client, team, leader):
    cycle = shared(leader, team)
    challenge(link_for(leader, cycle), Rating.objects.filter(cycle=cycle).first(), "From last quarter")
    Cycle.objects.update(year=2025, quarter=3)
    client.force_login(leader)
    home = client.get("/").content.decode()
    assert f"/standards/teams/{team.pk}/?quarter=2025-3" in home
    earlier = texts(client.get(reverse("standards:team", args=[team.pk]), {"quarter": "2025-3"}))
    assert "This is an earlier quarter" in earlier and "From last quarter" in earlier
    assert "Answer this challenge" in earlier and "Rate standard" not in earlier
    assert "From last quarter" not in texts(client.get(reverse("standards:team", args=[team.pk]), {"quarter": "x"}))
