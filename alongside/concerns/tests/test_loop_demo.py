"""The demo borough's concerns: every state of the loop through every route, each raised by a volunteer about one of
their own current clients, and the 'volunteer' login with one open concern and one answered with good news."""

import pytest
from django.utils import timezone

from alongside.concerns.demo_loop import STATES
from alongside.concerns.models import Concern, ConcernEvent, RouteKind
from alongside.people.models import CareRelationship


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=5, people=300)


def state_of(concern: Concern) -> str:
    whats = [e.what for e in concern.events.all()]
    if concern.status == "closed":
        return "thanked" if "thanked" in whats else "good news"
    if "still_worried" in whats:
        return "still worried"
    if concern.answer_by <= timezone.now():
        return "overdue, reminded" if concern.overdue_reminded_at else "overdue"
    return "open"


def test_every_state_through_every_route_by_volunteers_about_their_own_clients(built):
    concerns = list(Concern.objects.prefetch_related("events").select_related("raised_by", "hub"))
    seen = {(c.route_kind, state_of(c)) for c in concerns}
    assert {(route, state) for route in RouteKind.values for state in STATES} <= seen
    for c in concerns:
        assert c.hub.name == "Living Well volunteer hub"
        assert CareRelationship.objects.active().filter(person=c.person, user=c.raised_by, kind="volunteer").exists()
        assert (c.status == "closed") == bool(c.outcome)
        events = list(c.events.all())
        assert events[0].what == "raised" and [e.at for e in events] == sorted(e.at for e in events)
        if c.kind == "health" and c.for_user_id:
            assert (
                CareRelationship.objects.active().filter(person=c.person, user=c.for_user, kind="named_worker").exists()
            )
    assert ConcernEvent.objects.filter(what="reminded").exists()


def test_the_volunteer_login_has_one_open_concern_and_one_answered_with_good_news(built):
    theirs = Concern.objects.filter(raised_by__username="volunteer")
    assert theirs.filter(status="open").count() >= 1
    good_news = theirs.filter(status="closed").exclude(events__what__in=["thanked", "still_worried"])
    assert good_news.count() >= 1
    assert "thank you" in good_news.first().outcome.lower()
