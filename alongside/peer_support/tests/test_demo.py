"""Peer support in the demo borough: a year of sessions with realistic attendance and themes naming no one, and a
dozen ideas, most answered; the 'volunteer' and 'coordinator' logins each see every state. In the generator (no
database) and as built."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from alongside.core.tests.pages import texts
from alongside.demo import borough
from alongside.demo.models import DemoLogin
from alongside.peer_support import demo, naming
from alongside.peer_support.models import Idea, PeerSession

NOW = datetime(2026, 11, 19, 10, 30, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture(scope="module")
def made():
    plan = borough.plan_borough(2026)
    return plan, *demo.generate(2026, TODAY, plan)


def test_the_same_seed_gives_the_same_year(made):
    plan, sessions, ideas = made
    assert demo.generate(2026, TODAY, plan) == (sessions, ideas)


def test_a_year_of_monthly_meetings_fortnightly_coffee_mornings_and_two_training_days(made):
    _, sessions, _ = made
    past = Counter(s.kind for s in sessions if TODAY - timedelta(days=366) <= s.held_on < TODAY)
    assert past["formal_meeting"] == 12 and 25 <= past["coffee_morning"] <= 27 and past["training_day"] == 2
    assert {s.kind for s in sessions if s.held_on >= TODAY} >= {"formal_meeting", "coffee_morning"}
    assert all(not s.came and not s.themes for s in sessions if s.held_on >= TODAY)
    assert all(s.held_on.weekday() == 1 for s in sessions if s.kind == "formal_meeting")  # Tuesdays


def test_no_theme_or_idea_names_anyone_in_the_borough(made):
    _, sessions, ideas = made
    names = [(given, family) for given in borough.GIVEN_NAMES for family in borough.FAMILY_NAMES]
    for text in [s.themes for s in sessions] + [i.words for i in ideas] + [i.answer_words for i in ideas]:
        assert naming.names_in(text, names) == [], text


def test_attendance_is_realistic_some_not_seen_for_months_and_one_not_yet(made):
    plan, sessions, _ = made
    volunteers, _ = demo.hub_people(plan)
    last = {u: max((s.held_on for s in sessions if u in s.came), default=None) for u in volunteers}
    away = [u for u, day in last.items() if day is not None and day < TODAY - timedelta(days=91)]
    assert 3 <= len(away) <= 15 and list(last.values()).count(None) >= 1
    sizes = [len(s.came) for s in sessions if s.held_on < TODAY]
    assert min(sizes) >= 4 and max(sizes) <= 30


def test_the_volunteer_login_came_to_some_and_has_an_idea_in_every_state(made):
    plan, sessions, ideas = made
    login = demo.hub_people(plan)[0][0]
    assert login == "volunteer"
    past = [s for s in sessions if s.held_on < TODAY]
    came = [s for s in past if login in s.came]
    assert 0.3 * len(past) <= len(came) <= 0.8 * len(past)
    assert {i.answer for i in ideas if i.sent_by == login} == {"did", "will", "not_now", ""}


def test_about_a_dozen_ideas_most_answered_some_waiting(made):
    _, _, ideas = made
    waiting = [i for i in ideas if not i.answer]
    assert len(ideas) == 12 and 2 <= len(waiting) <= 4
    assert all(i.answered_at > i.sent_at and i.answered_at < NOW for i in ideas if i.answer)


# --- as built ---------------------------------------------------------------------------------------------------


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=300)


def test_the_demo_logins_see_every_state(built, client):
    assert PeerSession.objects.count() >= 40 and Idea.objects.count() == 12
    volunteer = DemoLogin.objects.get(role="volunteer").user
    client.force_login(volunteer)
    home = texts(client.get("/"))
    assert "Next:" in home and "We did" in home and "waiting for an answer" in home
    hub_url = client.get("/peer-support/")["Location"]
    page = texts(client.get(hub_url))
    assert "Coming up" in page and "You came" in page and "You did not come" in page
    ideas = texts(client.get(hub_url + "ideas/"))
    assert all(words in ideas for words in ("We did", "We will", "Not now", "your idea"))

    coordinator = DemoLogin.objects.get(role="coordinator").user
    client.force_login(coordinator)
    home = texts(client.get("/"))
    assert "ideas are waiting" in home
    not_seen = texts(client.get(hub_url + "not-seen/"))
    assert "weeks ago" in not_seen and "Not yet" in not_seen
    assert "Answer this idea" in texts(client.get(hub_url + "ideas/"))
