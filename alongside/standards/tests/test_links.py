"""A stakeholder's link works only for its own team's cycle while it lasts, and reveals nothing else: not another
team, not a staff name, not anyone's record. An unknown, expired, tampered or closed link answers the site's own
missing page, exactly like a link that never existed."""

import pytest
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
    return client.get(reverse("standards:link", args=[token]))


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
    assert actions.check(acting_as_nobody(), token, {rating.pk: (True, "")}) is None
    assert not Check.objects.exists()


def test_a_link_checks_only_its_own_cycles_ratings(client, token, member):
    hillside = TeamFactory(name="Hillside")
    other = member("team_leader", team=hillside)
    theirs = Rating.objects.filter(cycle=shared(other, hillside)).first()
    ours = Rating.objects.filter(cycle__team__name="Riverside").first()
    assert actions.check(acting_as_nobody(), token, {theirs.pk: (False, "x"), ours.pk: (True, "")}) == 1
    assert list(Check.objects.values_list("rating_id", flat=True)) == [ours.pk]
    posted = client.post(
        reverse("standards:link", args=[token]),
        {f"said_{theirs.pk}": "challenge", f"comment_{theirs.pk}": "x", "confirm": "yes"},
    )
    assert posted.status_code == 200  # nothing of theirs is asked, so nothing was said
    assert Check.objects.count() == 1


def test_the_stakeholder_challenges_then_sees_the_teams_answer(client, token, leader):
    rating = Rating.objects.order_by("standard__number").first()
    url = reverse("standards:link", args=[token])
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
