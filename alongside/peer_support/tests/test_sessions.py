"""Recording peer support sessions: who came, the themes with no one named (checked before saving), a double
submit making one, changing a session, and what volunteers see of their hub's sessions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.peer_support import views
from alongside.peer_support.models import PeerSession
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

KEY = "3f0e2a5c-0000-4000-8000-0000000000a1"


def _form(day, **fields):
    return {
        "form_key": KEY,
        "kind": "coffee_morning",
        "held_on_day": str(day.day),
        "held_on_month": str(day.month),
        "held_on_year": str(day.year),
        "place": "The Willow Café",
        "themes": "Coping with loneliness at Christmas",
    } | fields


@pytest.fixture
def last_week():
    return timezone.localdate() - timedelta(days=7)


def test_a_coordinator_records_a_session_with_who_came_and_it_is_audited(
    client, hub, coordinator, volunteers, last_week
):
    client.force_login(coordinator)
    page = client.get(f"/peer-support/hubs/{hub.pk}/sessions/new/")
    assert page.status_code == 200
    assert "checked" not in page.content.decode().split('name="attended"')[1][:200]  # nothing is pre-ticked
    ada, ben, _ = volunteers
    response = client.post(page.request["PATH_INFO"], _form(last_week, attended=[ada.pk, ben.pk]))
    session = PeerSession.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/peer-support/sessions/{session.pk}/"
    assert set(session.attended.all()) == {ada, ben} and session.recorded_by == coordinator
    event = AuditEvent.objects.get(action="peer_session_recorded")
    assert (event.object_type, event.object_id, event.person_id) == ("peer_session", str(session.pk), None)
    shown = texts(client.get(response["Location"]))
    assert "Ada Brown" in shown and "Ben Cole" in shown and "Cara Diaz" not in shown


def test_pressing_save_twice_records_one_session(client, hub, coordinator, volunteers, last_week):
    client.force_login(coordinator)
    url = f"/peer-support/hubs/{hub.pk}/sessions/new/"
    first = client.post(url, _form(last_week))
    second = client.post(url, _form(last_week))
    assert PeerSession.objects.count() == 1
    assert second["Location"] == first["Location"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": ""}, "Choose what kind of session it was"),
        ({"place": ""}, "Enter where the session was"),
        ({"held_on_day": "", "held_on_month": "", "held_on_year": ""}, "Enter the date"),
        ({"held_on_day": "31", "held_on_month": "2"}, "The date must be a real date"),
        ({"held_on_year": "26"}, "Year must include 4 numbers"),
        ({"themes": "x" * 2001}, "What you talked about must be 2,000 characters or fewer"),
        ({"attended": ["999999"]}, "Choose only volunteers from this hub"),
    ],
)
def test_bad_input_gets_a_kind_message_and_keeps_what_was_typed(
    client, hub, coordinator, volunteers, last_week, fields, message
):
    client.force_login(coordinator)
    response = client.post(f"/peer-support/hubs/{hub.pk}/sessions/new/", _form(last_week, place="Mill Lane") | fields)
    assert response.status_code == 200 and message in texts(response)
    if "place" not in fields:
        assert 'value="Mill Lane"' in response.content.decode()
    assert not PeerSession.objects.exists()


def test_no_one_can_have_come_to_a_session_that_has_not_happened(client, hub, coordinator, volunteers):
    client.force_login(coordinator)
    soon = timezone.localdate() + timedelta(days=10)
    response = client.post(f"/peer-support/hubs/{hub.pk}/sessions/new/", _form(soon, attended=[volunteers[0].pk]))
    assert "This session has not happened yet" in texts(response)
    client.post(f"/peer-support/hubs/{hub.pk}/sessions/new/", _form(soon, themes=""))
    assert PeerSession.objects.get().held_on == soon  # a planned session, no one ticked


def test_a_title_and_a_name_is_never_saved(client, hub, coordinator, volunteers, last_week):
    client.force_login(coordinator)
    response = client.post(
        f"/peer-support/hubs/{hub.pk}/sessions/new/",
        _form(last_week, themes="Mrs Patel's fall, and what we could do", no_one_named="on"),
    )
    shown = texts(response)
    assert "“Mrs Patel” may name someone" in shown and "Mrs Patel's fall" in shown  # what was typed is kept
    assert not PeerSession.objects.exists()


def test_a_clients_name_is_warned_about_and_saved_only_once_the_coordinator_says_it_names_no_one(
    client, hub, coordinator, volunteers, last_week
):
    grace = PersonFactory(given_name="Grace", family_name="Abbott")
    RelationshipFactory(person=grace, user=volunteers[0], kind="volunteer")
    client.force_login(coordinator)
    url = f"/peer-support/hubs/{hub.pk}/sessions/new/"
    response = client.post(url, _form(last_week, themes="Grace and patience when memory fails"))
    assert "“Grace” may name someone" in texts(response) and "tick the box below" in texts(response)
    assert "I have checked: these words do not name anyone" in texts(response)
    assert not PeerSession.objects.exists()
    audited = AuditEvent.objects.filter(action="name_checked_in_hub_writing")
    assert list(audited.values_list("person_id", flat=True)) == [grace.pk]  # the match is a read of her name
    client.post(url, _form(last_week, themes="Grace and patience when memory fails", no_one_named="on"))
    assert PeerSession.objects.get().themes == "Grace and patience when memory fails"


def test_the_box_to_say_no_one_is_named_is_not_shown_until_the_check_asks(client, hub, coordinator, volunteers):
    client.force_login(coordinator)
    assert "do not name anyone" not in texts(client.get(f"/peer-support/hubs/{hub.pk}/sessions/new/"))


def _session(hub, coordinator, held_on, came=(), **fields):
    session = PeerSession.objects.create(
        hub=hub,
        kind=fields.pop("kind", "formal_meeting"),
        held_on=held_on,
        place=fields.pop("place", "The office"),
        themes=fields.pop("themes", "Keeping safe in hot weather"),
        recorded_by=coordinator,
    )
    session.attended.set(came)
    return session


def test_changing_a_session_keeps_its_attendance_and_refuses_a_stale_save(
    client, hub, coordinator, volunteers, last_week
):
    ada, ben, cara = volunteers
    session = _session(hub, coordinator, last_week, [ada])
    client.force_login(coordinator)
    url = f"/peer-support/sessions/{session.pk}/edit/"
    page = texts(client.get(url))
    assert "Change this session" in page
    form = _form(last_week, version="1", attended=[ada.pk, cara.pk], themes="Scams at the door")
    form.pop("form_key")
    assert client.post(url, form).status_code == 302
    session.refresh_from_db()
    assert set(session.attended.all()) == {ada, cara} and session.themes == "Scams at the door"
    stale = client.post(url, form | {"themes": "Something else"})  # started from version 1, now 2
    assert "Someone changed this session while you were editing" in texts(stale)
    assert 'name="version" value="2"' in stale.content.decode()  # sending again saves
    assert client.post(url, form | {"themes": "Something else", "version": "2"}).status_code == 302


def test_a_volunteer_sees_their_hubs_sessions_and_whether_they_came(client, hub, coordinator, volunteers):
    ada = volunteers[0]
    today = timezone.localdate()
    came = _session(hub, coordinator, today - timedelta(days=20), [ada], themes="Bus routes")
    missed = _session(hub, coordinator, today - timedelta(days=6), [volunteers[1]], kind="coffee_morning")
    soon = _session(hub, coordinator, today + timedelta(days=5), themes="", kind="training_day")
    elsewhere = _session(TeamFactory(kind=Team.Kind.VOLUNTEER_HUB), coordinator, today, place="Hillside hall")
    client.force_login(ada)
    assert client.get("/peer-support/")["Location"] == f"/peer-support/hubs/{hub.pk}/"
    response = client.get(f"/peer-support/hubs/{hub.pk}/")
    page = texts(response)
    assert page.index("Coming up") < page.index("Training day") < page.index("Past sessions")
    assert f'id="session-{came.pk}"' in response.content.decode() and "You came" in page
    assert "You did not come" in page and "Hillside hall" not in page
    assert "Who came" not in page  # no one else's attendance
    assert "Bus routes" in texts(client.get(f"/peer-support/sessions/{came.pk}/"))
    missed_page = texts(client.get(f"/peer-support/sessions/{missed.pk}/"))
    assert "Did you come? No" in missed_page and "Ben Cole" not in missed_page
    assert client.get(f"/peer-support/sessions/{soon.pk}/").status_code == 200
    assert client.get(f"/peer-support/sessions/{elsewhere.pk}/").status_code == 404
    assert client.get(f"/peer-support/sessions/{came.pk}/edit/").status_code == 404
    assert client.get(f"/peer-support/hubs/{hub.pk}/sessions/new/").status_code == 404


def test_the_session_page_links_to_recording_a_concern_when_the_concerns_page_exists(
    client, hub, coordinator, last_week, monkeypatch
):
    session = _session(hub, coordinator, last_week)
    client.force_login(coordinator)
    monkeypatch.setattr(views, "concern_url", lambda: "/concerns/record/")
    assert 'href="/concerns/record/"' in client.get(f"/peer-support/sessions/{session.pk}/").content.decode()
    monkeypatch.setattr(views, "concern_url", lambda: None)
    page = texts(client.get(f"/peer-support/sessions/{session.pk}/"))
    assert "it becomes a concern, not a note here" in page


def test_concern_url_answers_none_rather_than_failing_when_the_page_is_not_there(settings):
    settings.ROOT_URLCONF = "alongside.peer_support.tests.urls_without_concerns"
    assert views.concern_url() is None
