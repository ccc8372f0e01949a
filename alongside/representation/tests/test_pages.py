"""The representation pages as a team uses them: the rota with who goes and why, a leader changing it (checked
first, never silently over someone else's change), saying you cannot go, recording who went, the note for the team,
the team page's panel and the home panel; and an administrator adding an event."""

import re

import pytest

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.representation.models import CannotGo, Event, Invitation, Seat

from .factories import event_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def people(member, team):
    """The team in the order they joined: a leader and four more."""
    names = [("team_leader", "Lee", "Leader"), ("clinician", "Ann", "Ash"), ("clinician", "Bo", "Birch")]
    names += [("social_worker", "Cy", "Cedar"), ("volunteer", "Di", "Dune")]
    return [member(role, team=team, first_name=first, last_name=last) for role, first, last in names]


def version(client, url) -> str:
    return re.search(r'name="version" value="(\d+)"', client.get(url).content.decode()).group(1)


def test_a_member_sees_who_goes_and_why_and_someone_outside_the_team_is_not_found(client, team, people, member):
    event_for(team, 10, name="Partnership board: the year ahead")
    client.force_login(people[1])
    page = texts(client.get(f"/representation/teams/{team.pk}/"))
    assert "Partnership board: the year ahead" in page
    assert "Lee Leader" in page and "Ann Ash" in page and "This is the team's first event" in page
    assert "Change who goes" not in page  # only the leader changes it
    client.force_login(member("clinician"))
    assert client.get(f"/representation/teams/{team.pk}/").status_code == 404
    client.force_login(member("admin"))
    assert client.get(f"/representation/teams/{team.pk}/").status_code == 404


def test_the_team_page_costs_the_same_few_queries_however_many_events(
    client, team, people, django_assert_max_num_queries
):
    client.force_login(people[1])
    for days in (-30, -20, -10, 5, 15, 25, 35, 45):
        event_for(team, days)
    with django_assert_max_num_queries(12):
        assert client.get(f"/representation/teams/{team.pk}/").status_code == 200


def test_the_leader_swaps_someone_checks_it_and_saves_it(client, team, people):
    event = event_for(team, 10)
    url = f"/representation/teams/{team.pk}/events/{event.pk}/choose/"
    client.force_login(people[0])
    page = texts(client.get(url))
    assert "Change who goes" in page
    data = {"version": version(client, url), "first": str(people[0].pk), "second": str(people[3].pk)}
    check = texts(client.post(url, data))
    assert "Check who goes" in check and "Cy Cedar" in check and "Chosen by Lee Leader" in check
    assert not Seat.objects.exists()  # nothing saved until confirmed
    done = client.post(url, data | {"confirm": "1"})
    assert done.status_code == 302
    assert list(Seat.objects.order_by("position").values_list("user_id", flat=True)) == [people[0].pk, people[3].pk]
    assert AuditEvent.objects.filter(action="representation_rota_changed").count() == 1
    again = client.post(url, data | {"confirm": "1"})  # the same form again: its version is stale
    assert again.status_code == 200 and "Someone else changed this" in texts(again)
    assert Invitation.objects.get().version == 2


def test_the_leader_cannot_choose_the_same_person_twice_or_someone_who_cannot_go(client, team, people):
    event = event_for(team, 10)
    CannotGo.objects.create(user=people[2], event=event)
    url = f"/representation/teams/{team.pk}/events/{event.pk}/choose/"
    client.force_login(people[0])
    v = version(client, url)
    first = client.get(url).content.decode().split('name="first"')[1].split("</select>")[0]
    offered = re.findall(r"<option[^>]*>([^<]+)</option>", first)
    # by last name; someone who cannot go is still offered, marked, so the leader sees why they cannot be picked
    assert offered == ["Ann Ash", "Bo Birch (cannot go)", "Cy Cedar", "Di Dune", "Lee Leader", "Nobody"]
    same = texts(client.post(url, {"version": v, "first": str(people[1].pk), "second": str(people[1].pk)}))
    assert "There is a problem" in same and "Ann Ash already has the other place" in same
    cannot = texts(client.post(url, {"version": v, "first": str(people[2].pk), "second": "nobody"}))
    assert "Bo Birch said they cannot go to this event" in cannot
    assert client.post(url, {"version": v, "first": "junk", "second": ""}).status_code == 200
    client.force_login(people[1])
    assert client.get(url).status_code == 404


def test_saying_you_cannot_go_takes_you_off_the_rota(client, team, people):
    event = event_for(team, 10)
    client.force_login(people[0])
    assert "Lee Leader" in texts(client.get(f"/representation/teams/{team.pk}/"))
    url = f"/representation/teams/{team.pk}/events/{event.pk}/cannot-go/"
    client.post(url, {"cannot": "yes"})
    client.post(url, {"cannot": "yes"})
    assert CannotGo.objects.count() == 1
    page = texts(client.get(f"/representation/teams/{team.pk}/"))
    assert "You said you cannot go" in page and "Lee Leader" not in page.split("Past events")[0].split("Coming up")[1]
    client.post(url, {"cannot": "no"})
    assert not CannotGo.objects.exists()
    assert client.get(url).status_code == 405


def test_attendance_is_recorded_and_someone_who_did_not_go_keeps_their_turn(client, team, people):
    past = event_for(team, -3)
    coming = event_for(team, 20)
    client.force_login(people[0])
    assert client.get(f"/representation/teams/{team.pk}/events/{coming.pk}/attendance/").status_code == 404
    url = f"/representation/teams/{team.pk}/events/{past.pk}/attendance/"
    missing = client.post(url, {"version": version(client, url)})
    assert "Select whether Lee Leader went" in texts(missing)
    client.post(url, {"version": version(client, url), "first": "went", "second": "did_not_go"})
    assert list(Seat.objects.order_by("position").values_list("went", flat=True)) == [True, False]
    page = texts(client.get(f"/representation/teams/{team.pk}/"))
    # Ann did not go: Lee carries on, and it is still Ann's turn
    assert "Lee Leader was new last time, so they carry on" in page
    assert "It is Ann Ash's turn" in page
    # the past event says only who went and whether they went, never the reason it was their turn
    past_events = page.split("Past events")[1]
    assert "Went" in past_events and "Did not go" in past_events and "turn" not in past_events


def test_those_who_went_write_a_note_for_the_team_and_others_cannot(client, team, people):
    past = event_for(team, -3)
    url = f"/representation/teams/{team.pk}/events/{past.pk}/note/"
    client.force_login(people[3])  # not going
    assert client.get(url).status_code == 404
    client.force_login(people[1])  # Ann is one of the two
    empty = client.post(url, {"version": version(client, url), "note": ""})
    assert "Write a note for the team" in texts(empty) and "There is a problem" in texts(empty)
    client.post(url, {"version": version(client, url), "note": "We heard from carers. Ask them what they know."})
    client.force_login(people[4])
    page = texts(client.get(f"/representation/teams/{team.pk}/"))
    assert "We heard from carers. Ask them what they know." in page and "From Ann Ash" in page


def test_the_team_page_panel_and_the_home_panel(client, team, people, member):
    event_for(team, 10, name="Learning event: listening")
    client.force_login(people[1])
    panel = texts(client.get(f"/teams/{team.pk}/"))
    assert "Partnership events" in panel and "Next: Learning event: listening" in panel and "Ann Ash" in panel
    home = texts(client.get("/"))
    assert "You are going to: Learning event: listening" in home
    client.force_login(people[4])
    assert "You are going to" not in texts(client.get("/"))


def test_an_administrator_checks_an_event_and_adds_it_once_and_a_mistake_keeps_what_was_typed(client, member, team):
    admin = member("admin")
    client.force_login(admin)
    page = client.get("/representation/events/add/").content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    bad = {"form_key": key, "name": "Board", "kind": "board", "date_day": "31", "date_month": "2"}
    answer = texts(client.post("/representation/events/add/", bad | {"date_year": "2099", "place": "Hall"}))
    assert "Date of the event must be a real date" in answer and "Select at least one team" in answer
    assert 'value="Hall"' in client.post("/representation/events/add/", bad | {"place": "Hall"}).content.decode()
    good = bad | {"date_day": "3", "date_month": "3", "date_year": "2099", "place": "Hall", "teams": [str(team.pk)]}
    check = client.post("/representation/events/add/", good)
    assert "Check the event before you add it" in texts(check) and not Event.objects.exists()
    assert "3 March 2099" in texts(check) and "Riverside" in texts(check)
    # a Change button posts back to the question everything typed: none of it, nor the form's key, in an address
    shown = check.content.decode()
    assert 'formaction="#id_place"' in shown and "?" not in "".join(re.findall(r'(?:href|action)="([^"]*)"', shown))
    back = re.search(r'<form method="post" id="answers-back".*?</form>', shown, re.S).group(0)
    sent = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', back))
    assert sent["place"] == "Hall" and sent["form_key"] == key and "confirm" not in sent
    again = client.post("/representation/events/add/", good | {"change": "yes"})
    assert "Add an event" in texts(again) and not Event.objects.exists()
    again = again.content.decode()
    assert 'value="Hall"' in again and 'value="Board"' in again and key in again and "There is a problem" not in again
    assert client.post("/representation/events/add/", good | {"confirm": "1"}).status_code == 302
    assert client.post("/representation/events/add/", good | {"confirm": "1"}).status_code == 302  # a retry
    assert Event.objects.count() == 1 and Invitation.objects.get().team == team
    listing = texts(client.get("/representation/"))
    assert "Board" in listing and "Riverside" in listing
    client.force_login(member("team_leader"))
    assert client.get("/representation/events/add/").status_code in (403, 404)


def test_when_nobody_can_go_the_rota_says_so_plainly(client, team, people):
    event = event_for(team, 10)
    for person in people:
        CannotGo.objects.create(user=person, event=event)
    client.force_login(people[2])
    page = texts(client.get(f"/representation/teams/{team.pk}/"))
    assert page.count("Nobody can take this place: everyone else said they cannot go.") == 2
    assert "Next:" in texts(client.get(f"/teams/{team.pk}/"))
