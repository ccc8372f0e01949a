"""The demo borough allocates volunteers' clients by GP practice (Living Well): each volunteer's clients are
registered with a practice they cover, the 'volunteer' login's with practice 0 (person 0 among them)."""

from collections import defaultdict
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from alongside.demo import borough
from alongside.partners.models import Membership
from alongside.people.models import CareRelationship
from alongside.volunteers.models import VolunteerRequest

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_each_volunteers_clients_are_registered_with_a_practice_they_cover():
    plan = borough.plan_borough(2026)
    staff = borough.Staffing(plan)
    people = list(borough.generate_borough(2026, 2000, NOW, plan=plan))
    position = {username: i for i, username in enumerate(staff.volunteers)}
    clients = defaultdict(set)
    for index, (row, care) in enumerate(people):
        for r in care.relationships:
            if r.kind == "volunteer":
                clients[r.user].add(index)
                assert row.practice_index in borough.volunteer_practices(position[r.user]), (r.user, index)
    assert set(clients) == set(staff.volunteers)
    assert 0 in clients["volunteer"] and people[0][0].practice_index == 0


@pytest.fixture
def built(demo_borough):
    """The demo command commits on a connection of its own (as in alongside/demo/tests/test_build.py)."""
    demo_borough(seed=2026, people=300)


def test_the_coordinator_login_has_a_queue_to_work_with_volunteers_to_match(built, client):
    coordinator = get_user_model().objects.get(username="coordinator")
    hub = Membership.objects.get(user=coordinator, role="coordinator").team
    waiting = VolunteerRequest.objects.filter(hub=hub, status="waiting")
    assert waiting.count() == 6
    assert len({r.person.gp_practice_id for r in waiting}) == 6
    assert any(r.languages for r in waiting) and any(r.interests for r in waiting)
    assert not CareRelationship.objects.active().filter(person__in=waiting.values("person"), kind="volunteer").exists()
    client.force_login(coordinator)
    first = waiting.order_by("created_at").first()
    page = client.get(reverse("volunteers:match", args=[first.pk])).content.decode()
    assert "Visits patients of" in page and 'id="matches"' in page
