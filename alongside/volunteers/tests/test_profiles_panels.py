"""The home panels: the volunteer's standing and what is due soon; the coordinator's "Volunteers who need
attention", with counts. Each reads a fixed number of times, however many volunteers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .profiles_factories import hub, in_good_standing, profile, volunteer_in

pytestmark = pytest.mark.django_db


def home(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_the_volunteers_home_says_whether_they_may_take_new_clients_and_what_is_due(client, member):
    today = timezone.localdate()
    priya = member("volunteer", team=hub())
    client.force_login(priya)
    page, _ = home(client)
    assert "Your volunteering" in page and "Fill in your volunteering profile" in page
    assert "You cannot take new clients at the moment" in page
    in_good_standing(profile(priya), today, runs_out={"safeguarding": today + timedelta(days=30)})
    page, before = home(client)
    assert "You can take new clients" in page
    soon = today + timedelta(days=30)
    assert f"Your safeguarding adults training runs out on {soon.day} {soon:%B %Y}, in 30 days" in page
    for _ in range(3):
        RelationshipFactory(person=PersonFactory(), user=priya, kind="volunteer")
    assert home(client)[1] == before


def test_the_coordinators_home_lists_volunteers_who_need_attention_with_counts(client, member):
    today = timezone.localdate()
    team = hub()
    carol = member("coordinator", team=team)
    client.force_login(carol)
    fine = volunteer_in(team, first_name="Fine", last_name="Fox")
    in_good_standing(profile(fine), today)
    page, before = home(client)
    assert "Volunteers who need attention" in page
    assert "All 1 volunteer in your hub may take new clients" in page
    lapsed = volunteer_in(team, first_name="Lapsed", last_name="Lee")
    in_good_standing(profile(lapsed), today, runs_out={"reference": today - timedelta(days=1)})
    due = volunteer_in(team, first_name="Due", last_name="Day")
    in_good_standing(profile(due), today, runs_out={"dbs": today + timedelta(days=59)})
    for n in range(10):
        in_good_standing(profile(volunteer_in(team, last_name=f"More{n}")), today)
    page, after = home(client)
    assert after == before
    assert "1 volunteer may not take new clients" in page
    assert "1 volunteer has something that runs out within 60 days" in page
    assert "Lapsed Lee" in page and "Due Day" in page and "Fine Fox" not in page
