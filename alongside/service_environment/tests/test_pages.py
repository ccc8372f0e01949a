"""The audit as a team uses it: the leader opens a round, members answer (and change their answers), people who use
the service answer once each through a link, the leader closes the round, and the results put the two views side
by side, the people's only from five answers. Each page costs the same queries however many answered."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.service_environment import actions
from alongside.service_environment.models import Link, PeopleAnswers, Round, TeamAnswers

from .factories import answers, link, open_round, people_answers, team_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


def key_of(response) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', response.content.decode()).group(1)


def filled(value: str = "2") -> dict:
    return {key: value for key in answers(None)}


def test_the_leader_opens_one_round_however_often_the_button_is_pressed(client, member, team):
    client.force_login(member("team_leader", team=team))
    url = f"/service-environment/teams/{team.pk}/open/"
    key = key_of(client.get(url))
    first, again = client.post(url, {"form_key": key}), client.post(url, {"form_key": key})
    assert first.status_code == again.status_code == 302
    assert Round.objects.filter(team=team).count() == 1
    another = client.post(url, {"form_key": key_of(client.get(url))})
    assert another.status_code == 302 and Round.objects.filter(team=team).count() == 1
    assert "A round is open already" in texts(client.get(another["Location"]))


def test_the_audit_rows_name_the_teams_organisation(client, member, team):
    from alongside.core.models import AuditEvent

    client.force_login(member("team_leader", team=team))
    url = f"/service-environment/teams/{team.pk}/open/"
    client.post(url, {"form_key": key_of(client.get(url))})
    found = Round.objects.get(team=team)
    client.post(f"/service-environment/rounds/{found.pk}/close/")
    events = AuditEvent.objects.filter(action__startswith="environment_round")
    assert {e.organisation_id for e in events} == {team.organisation_id}


def test_a_member_who_is_not_the_leader_cannot_open_a_round(client, member, team):
    client.force_login(member("clinician", team=team))
    assert client.get(f"/service-environment/teams/{team.pk}/open/").status_code == 404


def test_a_member_answers_then_changes_their_answers_and_a_stale_save_keeps_what_was_typed(client, member, team):
    found = open_round(team)
    client.force_login(member("clinician", team=team))
    url = f"/service-environment/rounds/{found.pk}/answer/"
    half = dict(list(filled("3").items())[:3]) | {"version": "0"}
    missing = client.post(url, half)
    page = texts(missing)
    assert missing.status_code == 200 and "There is a problem" in page and "Choose how true this is" in page
    assert 'value="3" checked' in missing.content.decode()  # what was chosen is kept
    assert client.post(url, filled("2") | {"version": "0"}).status_code == 302
    assert client.post(url, filled("2") | {"version": "0"}).status_code == 302  # pressed twice: no conflict
    mine = TeamAnswers.objects.get(round=found)
    assert mine.version == 1 and set(mine.answers.values()) == {2}
    assert client.post(url, filled("dk") | {"version": "1"}).status_code == 302
    stale = client.post(url, filled("1") | {"version": "1"})
    assert stale.status_code == 200 and "Your answers changed somewhere else" in texts(stale)
    assert 'value="1" checked' in stale.content.decode()
    mine.refresh_from_db()
    assert mine.version == 2 and set(mine.answers.values()) == {None}


def test_after_the_round_closes_answers_no_longer_change(client, member, team):
    leader = member("team_leader", team=team)
    found = open_round(team)
    client.force_login(leader)
    assert "Close this round?" in texts(client.get(f"/service-environment/rounds/{found.pk}/close/"))
    closed = client.post(f"/service-environment/rounds/{found.pk}/close/")
    assert closed["Location"] == f"/service-environment/rounds/{found.pk}/results/"
    answer = client.get(f"/service-environment/rounds/{found.pk}/answer/")
    assert answer.status_code == 302 and answer["Location"].endswith("/results/")
    with pytest.raises(actions.RoundClosed):
        request = type("R", (), {"memberships": leader.memberships.all(), "user": leader})()
        actions.save_team_answers(request, found, actions.queries.checklists()["recovery-environment"], answers(1), 0)


def test_someone_answers_once_by_link_without_a_name_and_the_link_then_works_no_more(client, member, team):
    found = open_round(team)
    client.force_login(member("clinician", team=team))
    made = client.post(
        f"/service-environment/rounds/{found.pk}/links/",
        {"form_key": key_of(client.get(f"/service-environment/rounds/{found.pk}/links/"))},
    )
    url = re.search(r'id="made-link">http://testserver([^<]+)<', made.content.decode()).group(1)
    link_row = Link.objects.get(round=found)
    assert link_row.token_hash not in url and len(link_row.token_hash) == 64
    client.logout()
    entry, url = url, opened(client, url)
    assert "tok" not in url and link_row.token_hash not in url
    page = client.get(url)
    assert page.status_code == 200 and "How does Riverside help you?" in texts(page)
    assert "name" not in {field for field in re.findall(r'name="([^"]+)"', page.content.decode())}
    check = client.post(url, filled("1"))
    assert "Check your answers before you send them" in texts(check)
    changed = client.post(url, filled("1") | {"change": "1"})
    assert "How does Riverside help you?" in texts(changed)
    sent = client.post(url, filled("1") | {"confirm": "1"})
    assert sent["Location"] == "/service-environment/thank-you/"
    assert client.post(url, filled("1") | {"confirm": "1"})["Location"] == "/service-environment/thank-you/"
    assert PeopleAnswers.objects.filter(round=found).count() == 1
    assert [f.name for f in PeopleAnswers._meta.get_fields()] == ["id", "round", "answers", "given_on"]
    client.cookies.clear()
    assert client.get(entry).status_code == 404
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("state", ["unknown", "used", "expired", "other team's", "round closed"])
def test_a_link_that_does_not_work_is_the_sites_missing_page(client, team, state):
    found = open_round(team)
    other = open_round(TeamFactory(name="Hillside"))
    if state == "used":
        link(found, "tok", used=True)
    elif state == "expired":
        link(found, "tok", expired=True)
    elif state == "other team's":
        link(other, "tok")
    elif state == "round closed":
        link(found, "tok")
        Round.objects.filter(pk=found.pk).update(closed_at=found.opened_at)
    response = client.get(f"/service-environment/rounds/{found.pk}/say/tok/")
    missing = client.get(f"/service-environment/rounds/{found.pk}/say/nothing-like-it/")
    assert response.status_code == 404 and response.content == missing.content
    assert "Riverside" not in texts(response) and "Hillside" not in texts(response)


def opened(client, entry: str, **extra) -> str:
    """Open a link as its person does: the token is swapped for the session; the page's address, without it."""
    response = client.get(entry, **extra)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def test_the_token_leaves_the_address_and_no_page_or_form_carries_it(client, team):
    found = open_round(team)
    link(found, "a-long-token-for-this-test")
    url = opened(client, f"/service-environment/rounds/{found.pk}/say/a-long-token-for-this-test/")
    assert "a-long-token" not in url
    for response in (client.get(url), client.post(url, filled("1")), client.post(url, filled("1") | {"change": "1"})):
        html = response.content.decode()
        assert response.status_code == 200 and "a-long-token" not in html
        assert all("a-long-token" not in action for action in re.findall(r'action="([^"]*)"', html))
    thanks = client.post(url, filled("1") | {"confirm": "1"}, follow=True)
    assert "a-long-token" not in thanks.content.decode()


def test_a_page_address_without_its_link_in_the_session_says_it_timed_out_and_keeps_nothing(client, team):
    found = open_round(team)
    link(found, "tok")
    url = opened(client, f"/service-environment/rounds/{found.pk}/say/tok/")
    elsewhere = Client()
    for answer in (elsewhere.get(url), elsewhere.post(url, filled("1") | {"confirm": "1"})):
        assert answer.status_code == 404 and "This page has timed out" in texts(answer)
        assert "open the link again from the message or email" in texts(answer) and "Riverside" not in texts(answer)
    client.logout()  # signing out (or the idle sign-out) ends the session that held the link
    assert "This page has timed out" in texts(client.post(url, filled("1") | {"confirm": "1"}))
    assert not PeopleAnswers.objects.exists()
    client.get(f"/service-environment/rounds/{found.pk}/say/tok/")
    other_round = open_round(TeamFactory(name="Hillside"))
    assert client.get(url.replace(f"/rounds/{found.pk}/", f"/rounds/{other_round.pk}/")).status_code == 404


def test_the_session_in_the_database_keeps_the_links_hash_and_never_its_token(client, team):
    found = open_round(team)
    made = link(found, "a-long-token-for-this-test")
    url = opened(client, f"/service-environment/rounds/{found.pk}/say/a-long-token-for-this-test/")
    client.post(url, filled("1"))
    stored = "".join(json.dumps(row.get_decoded()) + row.session_data for row in Session.objects.all())
    assert made.token_hash in stored and "a-long-token-for-this-test" not in stored
    assert client.post(url, filled("1") | {"confirm": "1"})["Location"] == "/service-environment/thank-you/"
    assert PeopleAnswers.objects.filter(round=found).count() == 1


def test_a_link_that_expires_or_whose_round_closes_after_it_was_opened_stops_its_page(client, team):
    found = open_round(team)
    made = link(found, "tok")
    url = opened(client, f"/service-environment/rounds/{found.pk}/say/tok/")
    Link.objects.filter(pk=made.pk).update(expires_at=made.made_at)
    for answer in (client.get(url), client.post(url, filled("1") | {"confirm": "1"})):
        assert answer.status_code == 404 and "Page not found" in texts(answer)
    Link.objects.filter(pk=made.pk).update(expires_at=made.expires_at)
    assert client.get(url).status_code == 200
    close(found)
    assert client.post(url, filled("1") | {"confirm": "1"}).status_code == 404
    assert not PeopleAnswers.objects.exists()


def test_two_links_in_one_browser_stay_apart(client, team):
    found = open_round(team)
    link(found, "first")
    link(found, "second")
    first = opened(client, f"/service-environment/rounds/{found.pk}/say/first/")
    second = opened(client, f"/service-environment/rounds/{found.pk}/say/second/")
    assert first != second
    client.post(first, filled("1") | {"confirm": "1"})
    assert client.get(first).status_code == 404  # used
    assert client.get(second).status_code == 200  # still good


def close(found):
    Round.objects.filter(pk=found.pk).update(closed_at=found.opened_at)


def test_the_peoples_view_is_shown_from_five_answers_once_closed_with_where_we_differ_first(client, member, team):
    found = open_round(team)
    client.force_login(member("clinician", team=team))
    team_answers(found, 3)
    team_answers(found, 3)
    team_answers(found, 3)
    people_answers(found, 0, count=4)
    close(found)
    url = f"/service-environment/rounds/{found.pk}/results/"
    held = texts(client.get(url))
    assert "The people's view is shown when at least 5" in held and "Where we see it differently" not in held
    assert held.count("Not shown") == 14 and "fewer than 5 people who use the service answered" in held
    people_answers(found, 0)
    shown = texts(client.get(url))
    assert "Where we see it differently" in shown and "Not shown" not in shown
    assert "the team says Fully (3.0); people say Not at all (0.0)" in shown


@pytest.mark.parametrize("people", [1, 4, 5, 6, 9])
def test_while_a_round_is_open_no_view_is_on_any_page_only_how_many_answered(client, member, team, people):
    """Each answer would move the views: someone looking before and after one person answered could read it."""
    found = open_round(team)
    leader = member("team_leader", team=team)
    for _ in range(4):
        team_answers(found, 3)
    people_answers(found, 0, count=people)
    client.force_login(leader)
    counted = str(people) if people >= 5 else "fewer than 5"
    for url in (
        f"/service-environment/rounds/{found.pk}/results/",
        f"/service-environment/teams/{team.pk}/",
        f"/service-environment/rounds/{found.pk}/close/",
        f"/teams/{team.pk}/",
    ):
        page = texts(client.get(url))
        assert "out of 3" not in page and "Not shown" not in page, url
        assert "Where we see it differently" not in page, url
        assert f"4 of the team and {counted} people who use the service" in page, url
    results = texts(client.get(f"/service-environment/rounds/{found.pk}/results/"))
    assert "The views are shown when the round closes" in results


def test_the_teams_view_is_shown_from_three_members_once_closed(client, member, team):
    found = open_round(team)
    client.force_login(member("clinician", team=team))
    team_answers(found, 3)
    team_answers(found, 3)
    close(found)
    url = f"/service-environment/rounds/{found.pk}/results/"
    held = texts(client.get(url))
    assert "The team's view is shown when at least 3 of the team have answered" in held and "out of 3" not in held
    team_answers(found, 3)
    shown = texts(client.get(url))
    assert "The team's view is shown when" not in shown and "out of 3" in shown


def without_tags(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_the_team_pages_panel_has_spaces_between_its_sentences(client, member, team):
    found = open_round(team)
    team_answers(found)
    client.force_login(member("clinician", team=team))
    page = re.sub(r"\s+", " ", without_tags(client.get(f"/teams/{team.pk}/")))
    assert "A round has been open since" in page
    assert "who use the service have answered. See the service environment audit" in page
    panel = page[page.index("Does our service help people recover?") : page.index("See the service environment")]
    assert not re.search(r"[a-z][.:][A-Z]", panel)


def test_the_check_page_of_a_link_has_a_back_link_at_the_top_that_keeps_the_answers(client, team):
    found = open_round(team)
    link(found, "tok")
    url = opened(client, f"/service-environment/rounds/{found.pk}/say/tok/")
    check = client.post(url, filled("1")).content.decode()
    top = check[: check.index("<h1")]
    assert "nhsuk-back-link" in top and "Back to your answers" in top and 'name="change"' in top
    assert top.count('value="1"') >= len(filled())
    back = client.post(url, filled("1") | {"change": "1"}).content.decode()
    assert "How does Riverside help you?" in back and back.count('value="1" checked') == len(filled())


def test_back_links_say_where_they_go(client, member, team):
    found = open_round(team)
    client.force_login(member("team_leader", team=team))
    for url in (
        f"/service-environment/rounds/{found.pk}/results/",
        f"/service-environment/rounds/{found.pk}/links/",
        f"/service-environment/rounds/{found.pk}/close/",
    ):
        body = client.get(url).content.decode()
        top = texts_of(body[: body.index("<h1")])
        assert "Back to the service environment audit" in top, url


def texts_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_pages_cost_the_same_queries_however_many_answered(client, member, team, django_assert_num_queries):
    client.force_login(member("team_leader", team=team))
    old = open_round(team, closed=True)
    found = open_round(team)
    pages = [
        f"/service-environment/rounds/{found.pk}/results/",
        f"/service-environment/teams/{team.pk}/",
        f"/teams/{team.pk}/",
    ]

    def counts() -> list[int]:
        found_counts = []
        for url in pages:
            with CaptureQueriesContext(connection) as seen:
                assert client.get(url).status_code == 200
            found_counts.append(len(seen))
        return found_counts

    before = counts()
    for r in (old, found):
        for _ in range(6):
            team_answers(r)
        people_answers(r, count=8)
    open_round(team, closed=True)
    assert counts() == before


def test_the_team_page_shows_the_panel_to_the_team_and_not_to_an_administrator(client, member, team):
    open_round(team, closed=True)
    open_round(team)
    client.force_login(member("volunteer", team=team))
    page = texts(client.get(f"/teams/{team.pk}/"))
    assert "Does our service help people recover?" in page and "A round has been open since" in page
    client.force_login(member("admin", team=team))
    page = texts(client.get(f"/teams/{team.pk}/"))
    assert "Does our service help people recover?" not in page
    assert client.get(f"/service-environment/teams/{team.pk}/").status_code == 404


def test_answers_given_by_link_cannot_be_matched_with_the_links_they_came_from(client, team):
    """The order of the people's answers (their ids) is shuffled at each answer, a link keeps only the day it was
    used, and the audit keeps no address: nothing pairs an answer with whoever was given the link."""
    from datetime import time

    from django.utils import timezone

    from alongside.core.models import AuditEvent

    found = open_round(team)
    for n in range(6):
        link(found, f"tok{n}")
    seen_ids = set()
    for n in range(6):
        url = opened(client, f"/service-environment/rounds/{found.pk}/say/tok{n}/", REMOTE_ADDR=f"10.0.0.{n + 1}")
        client.post(url, filled(str(n % 4)) | {"confirm": "1"}, REMOTE_ADDR=f"10.0.0.{n + 1}")
        ids = set(PeopleAnswers.objects.filter(round=found).values_list("pk", flat=True))
        assert not ids & seen_ids  # every answer row was written again, with new ids
        seen_ids |= ids
    assert PeopleAnswers.objects.filter(round=found).count() == 6
    used = Link.objects.filter(round=found).values_list("used_at", flat=True)
    assert all(u is not None and timezone.localtime(u).time() == time(0) for u in used)
    events = AuditEvent.objects.filter(action="environment_answered_by_link")
    assert events.count() == 6 and not events.exclude(ip_address=None).exists()
