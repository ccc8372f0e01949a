"""What a code review found, each mended: a change of questions mid-month, two leaders choosing at once, every
organisation's imported questions offered to every team, and dialogue sessions that could not be changed or
cancelled."""

import json
import re
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from alongside.climate import actions, catalogue, definitions, queries
from alongside.climate.models import DialogueSession, OfferedQuestions, PulseAnswer, TeamQuestions
from alongside.core.forms import EditConflict
from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory

from .factories import SessionFactory, all_at

pytestmark = pytest.mark.django_db

SHIPPED = json.loads((definitions.SHIPPED / "team-climate.json").read_text())
OTHER = "tci-14"


@pytest.fixture
def imported(settings, tmp_path):
    """A second set of questions in the installation (the shipped one under another code and title)."""
    settings.INSTRUMENTS_DIR = tmp_path
    folder = tmp_path / "climate"
    folder.mkdir()
    document = SHIPPED | {"code": OTHER, "title": "Team Climate Inventory (14 items)", "licence": "Ours"}
    (folder / f"{OTHER}.json").write_text(json.dumps(document))
    catalogue.available.cache_clear()
    yield
    catalogue.available.cache_clear()


@pytest.fixture
def team(imported):
    found = TeamFactory(name="Riverside")
    OfferedQuestions.objects.create(organisation=found.organisation, definition=OTHER)
    return found


@pytest.fixture
def lead(member, team):
    return member("team_leader", team=team)


def last_month():
    return (queries.this_month() - timedelta(days=1)).replace(day=1)


def answered_in(team, month, how_many, code, point=5):
    PulseAnswer.objects.bulk_create(
        PulseAnswer(team=team, month=month, definition=code, values=all_at(point)) for _ in range(how_many)
    )


def version_on(page) -> str:
    return re.search(r'name="version" value="([^"]*)"', page.content.decode()).group(1)


# 1. A change of questions takes effect from the next month


def test_a_change_of_questions_starts_next_month_and_the_page_says_so(client, lead, team):
    client.force_login(lead)
    url = reverse("climate:questions", args=[team.pk])
    starts = queries.next_month(queries.this_month())
    page = texts(client.get(url))
    assert f"The new questions start on {starts.day} {starts:%B}" in page
    done = client.post(url, {"definition": OTHER, "version": "0"}, follow=True)
    assert f"from {starts.day} {starts:%B %Y}" in texts(done)
    chosen = TeamQuestions.objects.get(team=team)
    assert (chosen.definition, chosen.since, chosen.previous) == (OTHER, starts, "")
    assert queries.definition_for(team).code == definitions.DEFAULT  # this month keeps its set
    assert queries.definition_for(team, starts).code == OTHER
    assert "it will answer: Team Climate Inventory (14 items)" in texts(
        client.get(reverse("climate:team", args=[team.pk]))
    )
    answer = texts(client.get(reverse("climate:answer", args=[team.pk])))
    assert f'value="{definitions.DEFAULT}"' in client.get(reverse("climate:answer", args=[team.pk])).content.decode()
    assert "How is it to work in this team?" in answer


def test_a_month_keeps_the_results_of_the_set_it_was_answered_with(client, lead, team):
    """Last month answered the shipped set; this month answers the new one. Last month's five answers stay shown."""
    TeamQuestions.objects.create(team=team, definition=OTHER, since=queries.this_month(), previous="")
    answered_in(team, last_month(), 5, definitions.DEFAULT)
    client.force_login(lead)
    page = texts(client.get(reverse("climate:team", args=[team.pk])))
    assert "5 answered" in page and "100%" in page
    assert "Team climate pulse: good answers" in page and "Team Climate Inventory (14 items): good answers" in page


def test_a_month_with_answers_to_two_sets_counts_only_one_set_towards_five(client, lead, team):
    answered_in(team, last_month(), 3, definitions.DEFAULT)
    answered_in(team, last_month(), 3, OTHER)
    client.force_login(lead)
    page = texts(client.get(reverse("climate:team", args=[team.pk])))
    assert not re.search(r"[0-9]+ answered", page.replace("fewer than 5 answered", ""))
    assert page.count("Not shown: fewer than 5 answered") == 5


def test_an_answer_is_to_this_months_set_even_after_a_change(lead, team, member):
    actions.choose_questions(acting_as(lead), team.pk, OTHER, 0)
    sam = member("clinician", team=team)
    with pytest.raises(ValueError, match="changed"):
        actions.answer(acting_as(sam), team.pk, OTHER, all_at(4))
    actions.answer(acting_as(sam), team.pk, definitions.DEFAULT, all_at(4))
    assert set(PulseAnswer.objects.values_list("definition", flat=True)) == {definitions.DEFAULT}


# 2. Two leaders choosing at once


def test_a_second_leader_is_told_kindly_and_nothing_is_overwritten(client, lead, team, member):
    other_lead = member("team_leader", team=team)
    url = reverse("climate:questions", args=[team.pk])
    client.force_login(lead)
    seen = version_on(client.get(url))
    actions.choose_questions(acting_as(other_lead), team.pk, OTHER, 0)
    page = client.post(url, {"definition": definitions.DEFAULT, "version": seen})
    assert page.status_code == 200
    assert "Another leader of your team changed the questions while you were choosing" in texts(page)
    assert TeamQuestions.objects.get(team=team).definition == OTHER
    again = client.post(url, {"definition": definitions.DEFAULT, "version": version_on(page)})
    assert again.status_code == 302
    assert TeamQuestions.objects.get(team=team).definition == definitions.DEFAULT


def test_choosing_from_a_stale_first_choice_is_a_conflict_not_a_database_error(lead, team, member):
    actions.choose_questions(acting_as(member("team_leader", team=team)), team.pk, OTHER, 0)
    with pytest.raises(EditConflict):
        actions.choose_questions(acting_as(lead), team.pk, definitions.DEFAULT, 0)
    assert TeamQuestions.objects.filter(team=team).count() == 1


# 3. Imported questions are offered to their own organisation's teams only


def test_a_leader_sees_the_shipped_set_and_their_own_organisations_only(client, team, member, imported):
    elsewhere = TeamFactory(name="Hillside", organisation=OrganisationFactory(name="Another trust"))
    their_lead = member("team_leader", team=elsewhere)
    client.force_login(their_lead)
    url = reverse("climate:questions", args=[elsewhere.pk])
    page = texts(client.get(url))
    assert "Team climate pulse" in page and "Team Climate Inventory" not in page
    refused = client.post(url, {"definition": OTHER, "version": "0"})
    assert "Choose one of the sets of questions listed" in texts(refused)
    assert not TeamQuestions.objects.filter(team=elsewhere).exists()
    with pytest.raises(ValueError):
        actions.choose_questions(acting_as(their_lead), elsewhere.pk, OTHER, 0)
    assert set(queries.offered(team)) == {definitions.DEFAULT, OTHER}
    assert set(queries.offered(elsewhere)) == {definitions.DEFAULT}


def test_the_import_names_the_organisations_it_is_offered_to(settings, tmp_path, capsys):
    settings.INSTRUMENTS_DIR = tmp_path
    ours, theirs = OrganisationFactory(name="Our trust"), OrganisationFactory(name="Their trust")
    source = tmp_path / "tci.json"
    source.write_text(json.dumps(SHIPPED | {"code": OTHER, "title": "TCI", "licence": "Ours"}))
    with pytest.raises(Exception, match="no organisation called 'Nobody'"):
        call_command("climate", "import", str(source), "--organisation", "Nobody")
    assert not (tmp_path / "climate").exists()
    call_command("climate", "import", str(source), "--organisation", "Our trust")
    assert list(OfferedQuestions.objects.values_list("organisation_id", flat=True)) == [ours.pk]
    call_command("climate", "list")
    assert f"{OTHER} is offered to the team leaders of: Our trust" in capsys.readouterr().out
    assert theirs.pk not in OfferedQuestions.objects.values_list("organisation_id", flat=True)


# 4. Dialogue sessions are changed and cancelled


def change_data(session, **more) -> dict:
    day = timezone.localdate() + timedelta(days=10)
    return {
        "day_day": str(day.day),
        "day_month": str(day.month),
        "day_year": str(day.year),
        "start": "15:30",
        "minutes": "90",
        "place": "The garden room",
        "areas": ["support"],
        "facilitator": "Ade Bello",
        "version": str(session.version),
    } | more


def test_the_leader_changes_a_planned_session(client, lead, team):
    session = SessionFactory(team=team, planned_by=lead)
    client.force_login(lead)
    url = reverse("climate:change", args=[team.pk, session.pk])
    page = client.get(url).content.decode()
    assert 'value="Meeting room 2"' in page and "Change the session" in page
    done = client.post(url, change_data(session), follow=True)
    assert "Session changed" in texts(done) and "The garden room" in texts(done)
    session.refresh_from_db()
    assert (session.place, session.minutes, session.facilitator, session.version) == (
        "The garden room",
        90,
        "Ade Bello",
        2,
    )
    assert timezone.localtime(session.starts_at).strftime("%H:%M") == "15:30"
    assert AuditEvent.objects.filter(action="climate_session_changed", object_id=str(session.pk)).exists()


def test_a_change_someone_saved_first_is_not_overwritten(client, lead, team):
    session = SessionFactory(team=team, planned_by=lead)
    client.force_login(lead)
    url = reverse("climate:change", args=[team.pk, session.pk])
    client.post(url, change_data(session, place="Room A"))
    stale = client.post(url, change_data(session, place="Room B"))  # the version the page started from
    assert "Someone changed this session while you were changing it" in texts(stale)
    assert 'value="Room B"' in stale.content.decode()  # what was typed is kept
    session.refresh_from_db()
    assert session.place == "Room A"


def test_bad_input_on_a_change_is_named_and_kept(client, lead, team):
    session = SessionFactory(team=team, planned_by=lead)
    client.force_login(lead)
    page = client.post(reverse("climate:change", args=[team.pk, session.pk]), change_data(session, start="25:00"))
    assert "Enter a real time" in texts(page) and 'value="25:00"' in page.content.decode()
    session.refresh_from_db()
    assert session.version == 1


def test_the_leader_cancels_after_a_check_and_the_team_sees_it_cancelled(client, lead, team, member):
    session = SessionFactory(team=team, planned_by=lead)
    client.force_login(lead)
    url = reverse("climate:cancel", args=[team.pk, session.pk])
    empty = client.post(url, {"reason": "", "version": "1"})
    assert "Enter why the session is cancelled" in texts(empty)
    check = client.post(url, {"reason": "The facilitator is ill", "version": "1"})
    assert "Are you sure you want to cancel this session?" in texts(check)
    session.refresh_from_db()
    assert not session.cancelled
    done = client.post(url, {"reason": "The facilitator is ill", "version": "1", "confirm": "1"}, follow=True)
    assert "Session cancelled" in texts(done)
    session.refresh_from_db()
    assert session.cancelled and session.cancelled_reason == "The facilitator is ill"
    assert DialogueSession.objects.filter(pk=session.pk).exists()
    assert AuditEvent.objects.filter(action="climate_session_cancelled", object_id=str(session.pk)).exists()
    client.force_login(member("clinician", team=team))
    page = texts(client.get(reverse("climate:team", args=[team.pk])))
    assert "cancelled" in page and "The facilitator is ill" in page
    assert "Next dialogue session: none planned" in texts(client.get(reverse("partners:team", args=[team.pk])))


def test_a_cancelled_session_cannot_be_recorded_changed_or_cancelled_again(client, lead, team):
    session = SessionFactory(team=team, planned_by=lead)
    actions.cancel_session(acting_as(lead), team.pk, session.pk, 1, reason="Snow")
    session.starts_at = timezone.now() - timedelta(hours=1)
    session.save(update_fields=["starts_at"])
    with pytest.raises(actions.Cancelled):
        actions.record_session(acting_as(lead), team.pk, session.pk, happened=True, themes="Anything")
    client.force_login(lead)
    client.post(reverse("climate:record", args=[team.pk, session.pk]), {"happened": "yes", "themes": "Anything"})
    with pytest.raises(actions.Cancelled):
        actions.change_session(
            acting_as(lead),
            team.pk,
            session.pk,
            2,
            starts_at=timezone.now() + timedelta(days=1),
            minutes=60,
            place="x",
            areas=["support"],
            facilitator="y",
        )
    session.refresh_from_db()
    assert session.happened is None and session.themes == "" and session.cancelled_reason == "Snow"


def test_a_session_that_has_started_cannot_be_changed_or_cancelled(client, lead, team):
    session = SessionFactory(team=team, planned_by=lead, starts_at=timezone.now() - timedelta(minutes=5))
    client.force_login(lead)
    assert "can no longer be changed" in texts(client.get(reverse("climate:change", args=[team.pk, session.pk])))
    client.post(reverse("climate:cancel", args=[team.pk, session.pk]), {"reason": "x", "version": "1", "confirm": "1"})
    session.refresh_from_db()
    assert not session.cancelled


def test_only_the_teams_leader_changes_or_cancels(client, team, member):
    session = SessionFactory(team=team)
    for who in (member("clinician", team=team), member("team_leader"), member("admin")):
        client.force_login(who)
        assert (
            client.post(reverse("climate:change", args=[team.pk, session.pk]), change_data(session)).status_code == 404
        )
        cancel = reverse("climate:cancel", args=[team.pk, session.pk])
        assert client.post(cancel, {"reason": "x", "version": "1", "confirm": "1"}).status_code == 404
    session.refresh_from_db()
    assert session.version == 1 and not session.cancelled


@pytest.mark.django_db(transaction=True)
def test_two_leaders_choosing_at_once_get_one_choice_and_one_kind_conflict(imported, member):
    """Both start from no choice at all (version 0) at the same moment: the team's row is locked, so the second
    waits for the first, then finds it overtaken: a conflict to tell them about, never an IntegrityError."""
    team = TeamFactory(name="Riverside")
    OfferedQuestions.objects.create(organisation=team.organisation, definition=OTHER)
    leaders = [member("team_leader", team=team) for _ in range(2)]
    requests = [acting_as(leader) for leader in leaders]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def choose(request, code):
        try:
            start.wait()
            actions.choose_questions(request, team.pk, code, 0)
            outcomes.append("chosen")
        except EditConflict:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 - the test is that nothing else happens
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=choose, args=(requests[0], OTHER)),
        threading.Thread(target=choose, args=(requests[1], definitions.DEFAULT)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["chosen", "conflict"]
    assert TeamQuestions.objects.get(team=team).version == 1


def test_a_stale_or_forged_choice_for_a_team_that_never_chose_is_refused_kindly(client, lead, team):
    """A form saying the team had chosen (version 1) when it never had: the conflict message, not an error page."""
    client.force_login(lead)
    page = client.post(reverse("climate:questions", args=[team.pk]), {"definition": OTHER, "version": "1"})
    assert page.status_code == 200
    assert "Another leader of your team changed the questions" in texts(page)
    assert not TeamQuestions.objects.filter(team=team).exists()
