"""The supervision pages as a team uses them: who sees what, booking in protected time with a check before it is
booked, saying it happened (never what was said), moving it only with a reason, the coverage, the team's reflective
practice with its anonymous reflection patterns, and every page in a constant number of queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core import registry
from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory
from alongside.reflection.tests.factories import ReflectionFactory
from alongside.supervision.models import ReflectiveSession, SupervisionSession

from .factories import long_in_team, reflective_session, supervision

pytestmark = pytest.mark.django_db


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_there_is_nowhere_to_write_what_was_said():
    fields = {f.name for f in SupervisionSession._meta.get_fields()}
    assert not fields & {"notes", "note", "content", "summary", "discussed", "what_was_said"}
    text_fields = {
        f.name for f in SupervisionSession._meta.fields if f.get_internal_type() in ("TextField", "CharField")
    }
    assert text_fields == {"kind", "status", "why_not", "moved_because"}


def test_the_leader_sees_every_name_and_a_member_only_their_own_line(client, team, lee, sam, jo):
    long_in_team(lee, sam, jo)
    supervision(team, lee, sam, days_ago=10)
    supervision(team, lee, jo, days_ago=60)
    client.force_login(lee)
    page = texts(client.get(f"/supervision/teams/{team.pk}/coverage/"))
    assert "Who has had supervision in the last 6 weeks" in page
    assert "1 of 3 staff have had supervision in the last 6 weeks" in page
    assert "Sam Patel" in page and "Jo Bell" in page and "No: book one" in page
    client.force_login(sam)
    page = texts(client.get(f"/supervision/teams/{team.pk}/coverage/"))
    assert "Your supervision in the last 6 weeks" in page and "Sam Patel" in page
    assert "Jo Bell" not in page and "of 3 staff" not in page


def test_someone_new_is_new_not_a_gap(client, team, lee, sam, member):
    long_in_team(lee, sam)
    member("clinician", team=team, first_name="Nia", last_name="Okoro")  # joined today
    client.force_login(lee)
    page = texts(client.get(f"/supervision/teams/{team.pk}/coverage/"))
    assert "New to the team" in page and "0 of 2 staff" in page


@pytest.mark.parametrize("role", ["admin", "volunteer", "ig_reviewer"])
def test_those_who_do_not_give_care_in_the_team_find_nothing(client, team, sam, member, role):
    session = supervision(team, sam, sam)
    client.force_login(member(role, team=team))
    for url in (
        f"/supervision/teams/{team.pk}/",
        f"/supervision/teams/{team.pk}/coverage/",
        f"/supervision/sessions/{session.pk}/",
    ):
        assert client.get(url).status_code == 404


def test_a_member_of_another_team_finds_nothing_and_a_colleague_not_in_a_session_cannot_open_it(
    client, team, lee, sam, jo, member
):
    session = supervision(team, lee, sam, days_ago=-1, status="booked")
    client.force_login(member("clinician", team=TeamFactory()))
    assert client.get(f"/supervision/teams/{team.pk}/").status_code == 404
    client.force_login(jo)
    assert client.get(f"/supervision/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/supervision/teams/{team.pk}/").status_code == 200
    client.force_login(lee)
    assert client.get(f"/supervision/sessions/{session.pk}/").status_code == 200
    assert client.get(f"/supervision/sessions/{session.pk}/record/").status_code == 200  # the leader supervised it


def _booking(client, team, **fields):
    url = f"/supervision/teams/{team.pk}/book/"
    day = timezone.localdate() + timedelta(days=7)
    data = {
        "form_key": form_key(client, url),
        "kind": "group",
        "held_on_day": day.day,
        "held_on_month": day.month,
        "held_on_year": day.year,
        "starts_at": "10:30",
        "minutes": "90",
    } | fields
    return url, data


def test_a_group_session_is_checked_then_booked_once(client, team, lee, sam, jo):
    client.force_login(lee)
    url = f"/supervision/teams/{team.pk}/book/"
    blank = client.get(url).content.decode()
    assert " checked" not in blank and "protected time" in blank
    url, data = _booking(client, team, supervisor=str(lee.pk), supervisees=[str(sam.pk), str(jo.pk)])
    check = texts(client.post(url, data))
    assert "Check before you book" in check and "Jo Bell, Sam Patel" in check
    assert not SupervisionSession.objects.exists()
    first, again = client.post(url, data | {"confirm": "1"}), client.post(url, data | {"confirm": "1"})
    session = SupervisionSession.objects.get()
    assert first["Location"] == again["Location"] == f"/supervision/sessions/{session.pk}/"
    assert session.kind == "group" and session.supervisees.count() == 2 and session.minutes == 90
    assert AuditEvent.objects.filter(action="supervision_booked", object_id=str(session.pk)).count() == 1


def test_the_audit_rows_name_the_teams_organisation(client, team, lee, sam, jo):
    client.force_login(lee)
    url, data = _booking(client, team, supervisor=str(lee.pk), supervisees=[str(sam.pk), str(jo.pk)])
    client.post(url, data | {"confirm": "1"})
    events = AuditEvent.objects.filter(action="supervision_booked")
    assert [e.organisation_id for e in events] == [team.organisation_id]


def test_bad_booking_is_explained_and_kept(client, team, lee, sam, jo):
    client.force_login(lee)
    url, data = _booking(client, team, kind="one", supervisor=str(sam.pk), supervisees=[str(sam.pk), str(jo.pk)])
    response = client.post(url, data | {"starts_at": "25:99"})
    said = texts(response)
    assert "There is a problem" in said
    assert "Tick one person, or choose “A group” above" in said
    assert "The supervisor cannot also be supervised in the same session" in said
    assert "Enter the start time as hours and minutes, for example 10:30 or 14:00" in said
    assert 'value="25:99"' in response.content.decode()


def test_a_member_books_only_a_session_they_take_part_in(client, team, lee, sam, jo):
    client.force_login(sam)
    url, data = _booking(client, team, kind="one", supervisor=str(lee.pk), supervisees=[str(jo.pk)])
    assert "You can book a session you take part in" in texts(client.post(url, data | {"confirm": "1"}))
    assert not SupervisionSession.objects.exists()
    url, data = _booking(client, team, kind="one", supervisor=str(lee.pk), supervisees=[str(sam.pk)])
    assert client.post(url, data | {"confirm": "1"}).status_code == 302


def test_the_supervisee_says_it_did_not_happen_and_why(client, team, lee, sam):
    session = supervision(team, lee, sam, days_ago=1, status="booked")
    client.force_login(sam)
    url = f"/supervision/sessions/{session.pk}/record/"
    page = client.get(url).content.decode()
    assert " checked" not in page and "Do not write what was talked about" in texts(client.get(url))
    said = texts(client.post(url, {"version": "1", "happened": "no", "why_not": ""}))
    assert "Say in a few words why it did not happen" in said
    assert client.post(url, {"version": "1", "happened": "no", "why_not": "Snow"}).status_code == 302
    session.refresh_from_db()
    assert (session.status, session.why_not, session.recorded_by) == ("did_not_happen", "Snow", sam)
    assert "already been recorded" in texts(client.get(url, follow=True))


def test_a_session_cannot_be_said_to_have_happened_before_its_day(client, team, lee, sam):
    session = supervision(team, lee, sam, days_ago=-2, status="booked")
    client.force_login(sam)
    url = f"/supervision/sessions/{session.pk}/record/"
    main = client.get(url).content.decode().split("<main")[1]
    assert "You can record this after it has started, at 10:00 on" in main
    assert "<form" not in main  # said up front: no form to fill in for nothing
    said = texts(client.post(url, {"version": "1", "happened": "yes"}))
    assert "You can record this after it has started" in said
    session.refresh_from_db()
    assert session.status == "booked"
    assert "Say if it happened" not in texts(client.get(f"/supervision/sessions/{session.pk}/"))


def test_a_session_later_today_cannot_be_recorded_before_it_starts(client, team, lee, sam):
    session = supervision(team, lee, sam, days_ago=0, status="booked")
    session.starts_at = (timezone.localtime() + timedelta(hours=1)).time().replace(second=0, microsecond=0)
    if session.starts_at < timezone.localtime().time():  # an hour from now is tomorrow: move the session with it
        session.held_on += timedelta(days=1)
    session.save()
    client.force_login(sam)
    said = texts(client.post(f"/supervision/sessions/{session.pk}/record/", {"version": "1", "happened": "yes"}))
    assert "You can record this after it has started" in said
    session.refresh_from_db()
    assert session.status == "booked"


def test_moving_protected_time_asks_why_and_a_stale_move_keeps_what_was_typed(client, team, lee, sam):
    session = supervision(team, lee, sam, days_ago=-3, status="booked")
    client.force_login(sam)
    url = f"/supervision/sessions/{session.pk}/move/"
    day = timezone.localdate() + timedelta(days=10)
    data = {"version": "1", "held_on_day": day.day, "held_on_month": day.month, "held_on_year": day.year}
    said = texts(client.post(url, data | {"starts_at": "14:00", "because": ""}))
    assert "Say why the session needs to move" in said and "protected time" in said
    assert client.post(url, data | {"starts_at": "14:00", "because": "Court hearing"}).status_code == 302
    session.refresh_from_db()
    assert (session.held_on, session.times_moved, session.moved_because) == (day, 1, "Court hearing")
    stale = client.post(url, data | {"starts_at": "15:00", "because": "Training day"})
    assert "Someone moved this session while you were on this page" in texts(stale)
    assert 'value="Training day"' in stale.content.decode()
    session.refresh_from_db()
    assert session.times_moved == 1


def test_reflective_practice_refuses_a_named_person_and_shows_the_team_patterns(client, team, lee, sam):
    client.force_login(sam)
    url = f"/supervision/teams/{team.pk}/reflective-practice/new/"
    today = timezone.localdate()
    data = {
        "form_key": form_key(client, url),
        "held_on_day": today.day,
        "held_on_month": today.month,
        "held_on_year": today.year,
        "facilitator": "Dr Ruth Adeyemi",
        "themes": "How we felt after Mrs Okafor moved into a care home",
        "attended": [str(sam.pk), str(lee.pk)],
    }
    said = texts(client.post(url, data))
    assert "“Mrs Okafor” may name someone" in said
    data["themes"] = "How we feel when someone we support moves into a care home"
    first, again = client.post(url, data), client.post(url, data)
    found = ReflectiveSession.objects.get()
    assert first["Location"] == again["Location"] == f"/supervision/reflective-practice/{found.pk}/"
    last_month = timezone.now().replace(day=1) - timedelta(days=10)  # a month over: shown from 5 reflections
    for _ in range(5):
        ReflectionFactory(worker=sam, team=team, hard=["hope"], written_at=last_month)
    page = texts(client.get(first["Location"]))
    assert "moves into a care home" in page and "Sam Patel, Lee Ward" in page
    assert "What the team found hard after contacts" in page and ": 100%" in page


def test_the_leader_changes_a_reflective_session_and_a_stale_change_keeps_what_was_typed(client, team, lee, sam):
    found = reflective_session(team, sam)
    url = f"/supervision/reflective-practice/{found.pk}/change/"
    client.force_login(sam)
    assert client.get(url).status_code == 404  # a member who is not the leader cannot change it
    assert "Change this session" not in texts(client.get(f"/supervision/reflective-practice/{found.pk}/"))
    client.force_login(lee)
    assert "Change this session" in texts(client.get(f"/supervision/reflective-practice/{found.pk}/"))
    form = client.get(url).content.decode()
    assert 'value="Dr Ruth Adeyemi"' in form and "Feeling stuck" in form
    day = timezone.localdate() - timedelta(days=4)
    data = {
        "version": "1",
        "held_on_day": day.day,
        "held_on_month": day.month,
        "held_on_year": day.year,
        "facilitator": "Dr Ruth Adeyemi",
        "themes": "Sharing out home visits",
        "attended": [str(sam.pk), str(lee.pk)],
    }
    assert "Write the themes in a few words" in texts(client.post(url, data | {"themes": ""}))
    assert client.post(url, data)["Location"] == f"/supervision/reflective-practice/{found.pk}/"
    found.refresh_from_db()
    assert (found.held_on, found.themes, found.version, found.attended.count()) == (
        day,
        "Sharing out home visits",
        2,
        2,
    )
    stale = client.post(url, data | {"themes": "A hard week"})
    assert "Someone changed this session while you were on this page" in texts(stale)
    assert "A hard week" in stale.content.decode()
    found.refresh_from_db()
    assert found.themes == "Sharing out home visits"
    events = AuditEvent.objects.filter(action="reflective_session_changed")
    assert [e.organisation_id for e in events] == [team.organisation_id]


def test_the_patterns_hold_back_a_month_with_fewer_than_5(client, team, sam):
    found = reflective_session(team, sam)
    last_month = timezone.now().replace(day=1) - timedelta(days=10)
    for _ in range(4):
        ReflectionFactory(worker=sam, team=team, hard=["hope"], written_at=last_month)
    for _ in range(6):
        ReflectionFactory(worker=sam, team=team, hard=["hope"])  # this month: not over yet, so not shown
    client.force_login(sam)
    page = texts(client.get(f"/supervision/reflective-practice/{found.pk}/"))
    assert "Not enough reflections" in page and "100%" not in page


def test_the_team_page_shows_the_leader_the_coverage_and_the_next_session(client, team, lee, sam, jo):
    long_in_team(lee, sam, jo)
    supervision(team, lee, sam, days_ago=5)
    supervision(team, lee, jo, days_ago=-2, status="booked")
    client.force_login(lee)
    page = texts(client.get(f"/teams/{team.pk}/"))
    assert "Supervision" in page and "1 of 3 staff have had supervision in the last 6 weeks" in page
    client.force_login(sam)
    page = texts(client.get(f"/teams/{team.pk}/"))
    assert "You have no session booked" in page and "have had supervision in the last 6 weeks" not in page


def _team_with(member, n: int):
    team = TeamFactory()
    lee = member("team_leader", team=team)
    staff = [member("clinician", team=team) for _ in range(n)]
    long_in_team(lee, *staff)
    for one in staff:
        supervision(team, lee, one, days_ago=10)
        supervision(team, lee, one, days_ago=-5, status="booked")
    reflective_session(team, lee)
    return team, lee


@pytest.mark.parametrize("path", ["", "coverage/"])
def test_team_pages_take_the_same_queries_however_big_the_team(client, member, django_assert_num_queries, path):
    counts = []
    for n in (2, 6):
        team, lee = _team_with(member, n)
        client.force_login(lee)
        client.get(f"/supervision/teams/{team.pk}/{path}")  # the session is warm
        with CaptureQueriesContext(connection) as seen:
            assert client.get(f"/supervision/teams/{team.pk}/{path}").status_code == 200
        counts.append(len(seen))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[1]):
        client.get(f"/supervision/teams/{team.pk}/{path}")


def test_the_figure_answers_many_teams_in_two_queries(member, django_assert_num_queries):
    teams = [_team_with(member, n)[0] for n in (1, 3, 5)]
    figure = registry.team_figure("supervision:last_6_weeks")
    assert figure is not None and figure.label == "Staff with supervision in the last 6 weeks"
    with django_assert_num_queries(2):
        shares = figure.shares([t.pk for t in teams])
    assert [(shares[t.pk].count, shares[t.pk].of) for t in teams] == [(1, 2), (3, 4), (5, 6)]


def test_the_team_panel_takes_the_same_queries_however_big_the_team(member, django_assert_num_queries):
    panel = registry.team_panel("supervision")
    counts = []
    for n in (1, 5):
        team, lee = _team_with(member, n)
        request = acting_as(lee)
        with CaptureQueriesContext(connection) as seen:
            assert panel.context(request, team)["share"].of == n + 1
        counts.append(len(seen))
    assert counts[0] == counts[1] <= 3


def test_the_team_page_shows_the_last_6_weeks_and_folds_older_sessions_away(client, team, lee, sam):
    recent = supervision(team, lee, sam, days_ago=10)
    old = supervision(team, lee, sam, days_ago=60)
    reflective_session(team, lee)
    client.force_login(lee)
    page = client.get(f"/supervision/teams/{team.pk}/").content.decode()
    shown = page.split('id="past"')[1].split("</ul>")[0]
    folded = page.split("<details")[1].split("</details>")[0]
    assert f"/sessions/{recent.pk}/" in shown and f"/sessions/{old.pk}/" not in shown
    assert "Older sessions (1)" in folded and f"/sessions/{old.pk}/" in folded
    assert page.index("Team reflective practice") < page.index("Past sessions in the team")  # no longer at the end


def test_changing_a_session_keeps_someone_who_came_and_has_left_the_team_since(client, team, lee, sam, jo):
    found = reflective_session(team, lee)
    found.attended.set([sam, jo])
    jo.memberships.filter(team=team).update(ended_at=timezone.now() - timedelta(days=1))
    client.force_login(lee)
    url = f"/supervision/reflective-practice/{found.pk}/change/"
    form = texts(client.get(url))
    assert f"{jo.display_name} (no longer in the team)" in form
    day = found.held_on
    data = {
        "version": "1",
        "held_on_day": day.day,
        "held_on_month": day.month,
        "held_on_year": day.year,
        "facilitator": "Dr Ruth Adeyemi",
        "themes": "Sharing out home visits",
        "attended": [str(sam.pk), str(jo.pk)],
    }
    assert client.post(url, data)["Location"] == f"/supervision/reflective-practice/{found.pk}/"
    assert set(found.attended.all()) == {sam, jo}
