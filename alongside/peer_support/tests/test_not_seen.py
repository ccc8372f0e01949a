"""Who has not come for a while: the hub's volunteers with no session in about three months, longest first (never
first, the earliest joined first), with the last time they came; in a constant number of queries however many."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.tests.pages import texts
from alongside.partners.models import Membership, Team
from alongside.partners.tests.factories import TeamFactory
from alongside.peer_support.models import PeerSession


def _session(hub, coordinator, days_ago, came):
    session = PeerSession.objects.create(
        hub=hub,
        kind="coffee_morning",
        held_on=timezone.localdate() - timedelta(days=days_ago),
        place="Café",
        recorded_by=coordinator,
    )
    session.attended.set(came)
    return session


def joined_a_year_ago(hub):
    Membership.objects.filter(team=hub).update(started_at=timezone.now() - timedelta(days=365))


def test_volunteers_not_seen_for_three_months_longest_first(client, member, hub, coordinator):
    seen = member("volunteer", team=hub, first_name="Sam", last_name="Recent")
    old = member("volunteer", team=hub, first_name="Olga", last_name="Old")
    older = member("volunteer", team=hub, first_name="Omar", last_name="Older")
    member("volunteer", team=hub, first_name="Nia", last_name="Never")
    elsewhere_only = member("volunteer", team=hub, first_name="Eve", last_name="Elsewhere")
    joined_a_year_ago(hub)
    member("volunteer", team=hub, first_name="Nell", last_name="New")  # joined last month: not away for a while
    _session(hub, coordinator, 200, [older, old])
    _session(hub, coordinator, 120, [old])
    _session(hub, coordinator, 10, [seen])
    _session(hub, coordinator, -5, [])  # to come: counts for no one
    other_hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)
    _session(other_hub, coordinator, 3, [elsewhere_only])  # another hub's session does not count here
    client.force_login(coordinator)
    page = texts(client.get(f"/peer-support/hubs/{hub.pk}/not-seen/"))
    order = [page.index(name) for name in ("Eve Elsewhere", "Nia Never", "Omar Older", "Olga Old")]
    assert order == sorted(order) and "Sam Recent" not in page and "Nell New" not in page
    last = (timezone.localdate() - timedelta(days=120)).strftime("%-d %B %Y")
    assert f"Olga Old Last came {last} (17 weeks ago)" in page
    assert "Nia Never Last came Not yet" in page


def test_the_list_takes_the_same_number_of_queries_for_many_volunteers(client, member, hub, coordinator):
    client.force_login(coordinator)
    url = f"/peer-support/hubs/{hub.pk}/not-seen/"

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = [member("volunteer", team=hub) for _ in range(2)]
    joined_a_year_ago(hub)
    _session(hub, coordinator, 150, few)
    before = count()
    many = [member("volunteer", team=hub) for _ in range(25)]
    joined_a_year_ago(hub)
    _session(hub, coordinator, 100, many[:10])
    _session(hub, coordinator, 200, many[10:])
    assert count() == before
    assert texts(client.get(url)).count("weeks ago") == 27  # every one of them listed


def test_only_the_hubs_coordinators_see_it(client, member, hub, coordinator):
    client.force_login(member("volunteer", team=hub))
    assert client.get(f"/peer-support/hubs/{hub.pk}/not-seen/").status_code == 404
    client.force_login(member("coordinator", team=TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)))
    assert client.get(f"/peer-support/hubs/{hub.pk}/not-seen/").status_code == 404
