"""A stakeholder's link works only for its own team's cycle while it lasts, and reveals nothing else: not another
team, not a staff name, not anyone's record. An unknown, expired, tampered or closed link answers the site's own
missing page, exactly like a link that never existed."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.standards import actions, queries
from alongside.standards.models import Check, Rating, StakeholderLink

from .factories import acting_as_nobody, expire, link_for, move_to_a_closed_quarter, shared

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside():
    return TeamFactory(name="Riverside")


@pytest.fixture
def leader(member, riverside):
    return member("team_leader", team=riverside, first_name="Lena", last_name="Okonjo")


@pytest.fixture
def token(leader, riverside):
    return link_for(leader, shared(leader, riverside))


def page(client, token):
    """Open the link as a stakeholder does: its address swaps the token for the session, then the page opens."""
    return client.get(reverse("standards:link", args=[token]), follow=True)


def opened(client, token) -> str:
    """The address the link's page has once opened (no token in it)."""
    response = client.get(reverse("standards:link", args=[token]))
    assert response.status_code == 302
    return response["Location"]


def missing(client):
    return client.get(reverse("standards:link", args=["no-such-link-at-all"]))


def test_only_a_hash_of_the_token_is_kept(token):
    link = StakeholderLink.objects.get()
    assert link.token_hash == queries.hash_token(token) and token not in link.token_hash


def test_the_link_shows_its_own_teams_ratings_and_nothing_else(client, token, member):
    hillside = TeamFactory(name="Hillside")
    other = member("team_leader", team=hillside)
    link_for(other, shared(other, hillside))
    shown = texts(page(client, token))
    assert "Riverside" in shown and "Check a team's standards" in shown
    assert "Hillside" not in shown
    assert "Lena" not in shown and "Okonjo" not in shown  # no staff names
    assert "Sign out" not in shown and "Menu" not in shown  # nothing leads into the service


def test_unknown_expired_tampered_and_closed_links_answer_the_sites_missing_page(client, token, leader):
    nothing = missing(client)
    assert nothing.status_code == 404
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert page(client, tampered).content == nothing.content
    expire(token)
    assert page(client, token).content == nothing.content


def test_a_link_stops_when_its_cycle_closes(client, token):
    move_to_a_closed_quarter(StakeholderLink.objects.get().cycle)
    assert page(client, token).status_code == 404
    rating = Rating.objects.first()
    assert actions.check(acting_as_nobody(), queries.hash_token(token), {rating.pk: (True, "")}) is None
    assert not Check.objects.exists()


def test_a_link_checks_only_its_own_cycles_ratings(client, token, member):
    hillside = TeamFactory(name="Hillside")
    other = member("team_leader", team=hillside)
    theirs = Rating.objects.filter(cycle=shared(other, hillside)).first()
    ours = Rating.objects.filter(cycle__team__name="Riverside").first()
    said = {theirs.pk: (False, "x"), ours.pk: (True, "")}
    assert actions.check(acting_as_nobody(), queries.hash_token(token), said) == 1
    assert list(Check.objects.values_list("rating_id", flat=True)) == [ours.pk]
    posted = client.post(
        opened(client, token),
        {f"said_{theirs.pk}": "challenge", f"comment_{theirs.pk}": "x", "confirm": "yes"},
    )
    assert posted.status_code == 200  # nothing of theirs is asked, so nothing was said
    assert Check.objects.count() == 1


def test_the_stakeholder_challenges_then_sees_the_teams_answer(client, token, leader):
    rating = Rating.objects.order_by("standard__number").first()
    url = opened(client, token)
    no_reason = client.post(url, {f"said_{rating.pk}": "challenge", f"comment_{rating.pk}": ""})
    assert "Tell the team why you do not agree with standard 1" in texts(no_reason)
    said = {f"said_{rating.pk}": "challenge", f"comment_{rating.pk}": "We wait too long to hear back"}
    check_page = texts(client.post(url, said))
    assert "Check your answers before sending them" in check_page and "We wait too long" in check_page
    assert not Check.objects.exists()
    assert client.post(url, said | {"confirm": "yes"}).status_code == 302
    check = Check.objects.get()
    assert not check.agrees and check.comment == "We wait too long to hear back"
    assert "The team has not answered yet" in texts(client.get(url))
    actions.answer(acting_as(leader), check.pk, "Sorry")
    assert "The team answered: Sorry" in texts(client.get(url))


def test_the_token_leaves_the_address_and_no_page_or_form_carries_it(client, token):
    first = client.get(reverse("standards:link", args=[token]))
    assert first.status_code == 302 and token not in first["Location"]
    url = first["Location"]
    shown = client.get(url)
    assert shown.status_code == 200 and token not in shown.content.decode()
    rating = Rating.objects.order_by("standard__number").first()
    said = {f"said_{rating.pk}": "agree", f"comment_{rating.pk}": ""}
    check_page = client.post(url, said)
    assert check_page.status_code == 200 and token not in check_page.content.decode()
    assert all(token not in action for action in re.findall(r'action="([^"]*)"', check_page.content.decode()))
    sent = client.post(url, said | {"confirm": "yes"}, follow=True)
    assert "Thank you" in texts(sent) and token not in sent.content.decode()


def test_the_same_link_opens_again_later_and_on_another_device(client, token):
    assert page(client, token).status_code == 200
    assert page(client, token).status_code == 200  # opened again in the same browser: the same handle
    assert len(client.session["alongside_links"]["standards"]) == 1
    another = Client()
    assert page(another, token).status_code == 200


def test_two_teams_links_in_one_browser_stay_apart(client, token, member):
    hillside = TeamFactory(name="Hillside")
    other = member("team_leader", team=hillside)
    theirs = link_for(other, shared(other, hillside))
    ours_url, theirs_url = opened(client, token), opened(client, theirs)
    assert ours_url != theirs_url
    assert "Riverside" in texts(client.get(ours_url)) and "Hillside" not in texts(client.get(ours_url))
    assert "Hillside" in texts(client.get(theirs_url)) and "Riverside" not in texts(client.get(theirs_url))


def test_a_page_address_without_its_link_in_the_session_says_it_timed_out(client, token):
    url = opened(client, token)
    rating = Rating.objects.order_by("standard__number").first()
    said = {f"said_{rating.pk}": "challenge", f"comment_{rating.pk}": "Typed", "confirm": "yes"}
    for answer in (
        Client().get(url),  # another browser, no link opened there
        client.get(reverse("standards:link_page", args=["not-a-handle"])),
        Client().post(url, said),
    ):
        assert answer.status_code == 404 and "This page has timed out" in texts(answer)
        assert "open the link again from the message or email" in texts(answer) and "Riverside" not in texts(answer)
    client.logout()  # signing out (or the idle sign-out) ends the session that held the link
    assert "This page has timed out" in texts(client.post(url, said))
    assert not Check.objects.exists()


def test_the_session_in_the_database_keeps_the_links_hash_and_never_its_token(client, token):
    url = opened(client, token)
    rating = Rating.objects.order_by("standard__number").first()
    said = {f"said_{rating.pk}": "agree", f"comment_{rating.pk}": ""}
    client.post(url, said)
    stored = "".join(json.dumps(row.get_decoded()) + row.session_data for row in Session.objects.all())
    assert queries.hash_token(token) in stored and token not in stored
    assert client.post(url, said | {"confirm": "yes"}).status_code == 302
    assert Check.objects.get().agrees


def test_a_link_that_stops_working_stops_its_page_too(client, token):
    url = opened(client, token)
    rating = Rating.objects.order_by("standard__number").first()
    expire(token)
    assert client.get(url).status_code == 404
    posted = client.post(url, {f"said_{rating.pk}": "agree", f"comment_{rating.pk}": "", "confirm": "yes"})
    assert posted.status_code == 404 and "Page not found" in texts(posted) and not Check.objects.exists()


def test_guessing_links_from_one_address_is_slowed_after_thirty(client, token):
    for n in range(30):
        assert client.get(reverse("standards:link", args=[f"guess-{n}"]), REMOTE_ADDR="203.0.113.7").status_code == 404
    refused = client.get(reverse("standards:link", args=[token]), REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and "Too many attempts" in texts(refused)
    assert client.get(reverse("standards:link", args=[token]), REMOTE_ADDR="192.0.2.1").status_code == 302
