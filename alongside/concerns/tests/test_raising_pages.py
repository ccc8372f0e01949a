"""Raising a concern on the page, recording one for a volunteer, re-routing, and where each one lands."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.concerns.models import Concern, ConcernEvent, Route
from alongside.consent.tests.factories import withhold
from alongside.core.models import Alert, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.people.tests.factories import PersonFactory

from .raising_helpers import a_hub, raised

pytestmark = pytest.mark.django_db


def answers(person, **extra):
    return {"person": person.pk, "kind": "health", "urgency": "today", "words": "Out of breath", **extra}


def test_the_page_says_to_call_999_first_and_offers_only_the_volunteer_s_clients(client, member):
    world = a_hub(member)
    someone_else = PersonFactory(given_name="Walter", family_name="Stranger")
    client.force_login(world.volunteer)
    page = client.get(reverse("concerns:raise")).content.decode()
    assert page.index('href="tel:999"') < page.index("Who are you worried about?")
    assert 'href="tel:111"' in page
    assert "Edna Price" in page and "Walter" not in page
    assert "checked" not in page  # nothing pre-chosen
    assert AuditEvent.objects.filter(action="concern_clients_listed", person_id=world.person.pk).count() == 1
    assert someone_else.pk


def test_check_then_send_makes_one_concern_however_often_it_is_sent(client, member):
    world = a_hub(member)
    client.force_login(world.volunteer)
    key = str(uuid.uuid4())
    check = client.post(reverse("concerns:raise"), answers(world.person, form_key=key))
    page = check.content.decode()
    assert "Check your concern before sending it" in page and "Out of breath" in page and key in page
    assert not Concern.objects.exists()
    sent = client.post(reverse("concerns:raise"), answers(world.person, form_key=key, step="send"))
    concern = Concern.objects.get()
    assert sent["Location"] == reverse("concerns:sent", args=[concern.pk])
    again = client.post(reverse("concerns:raise"), answers(world.person, form_key=key, step="send"))
    assert again["Location"] == sent["Location"] and Concern.objects.count() == 1
    # a health worry, today: a call to the team leader (the default), for the named worker to act on
    assert (concern.kind, concern.urgency, concern.route_kind) == ("health", "today", "team_leader_call")
    assert (concern.for_user, concern.for_team) == (world.named_worker, world.neighbourhood)
    assert concern.raised_by == world.volunteer and concern.recorded_by is None
    # no team leader named by the hub yet: its coordinators are alerted at once
    assert list(Alert.objects.values_list("recipient", flat=True)) == [world.coordinator.pk]
    assert ConcernEvent.objects.get().what == "raised"
    done = client.get(sent["Location"]).content.decode()
    assert "Concern sent" in done and "We will tell you what happened" in done
    assert "goes to their named worker" in done and "Okoro" not in done  # the minimal view: the part, not the name
    assert "Okoro" not in client.get(reverse("concerns:concern", args=[concern.pk])).content.decode()


def test_change_brings_the_answers_back_and_errors_keep_what_was_typed(client, member):
    world = a_hub(member)
    client.force_login(world.volunteer)
    back = client.post(reverse("concerns:raise"), answers(world.person, step="change")).content.decode()
    assert "There is a problem" not in back and "Out of breath" in back
    assert 'value="health" checked' in back.replace("\n", " ") or "checked" in back
    wrong = client.post(reverse("concerns:raise"), {"words": "She fell twice", "step": "check"})
    page = wrong.content.decode()
    assert wrong.status_code == 200 and "There is a problem" in page
    assert "Choose the person you are worried about" in page and "Choose how soon someone should look" in page
    assert "She fell twice" in page
    assert page.count('name="form_key"') == 1


def test_bad_input_never_fails(client, member):
    world = a_hub(member)
    client.force_login(world.volunteer)
    for data in (
        {"person": "x", "kind": "money", "urgency": "never", "step": "send", "form_key": "not-a-key"},
        {"words": "a\x00b", "step": "check", **answers(world.person)},
        {"words": "w" * 5000, "step": "send", "person": world.person.pk, "kind": "social", "urgency": "today"},
    ):
        assert client.post(reverse("concerns:raise"), data).status_code == 200
    huge = client.post(reverse("concerns:raise"), {"person": "99999999999999999999", "step": "check"})
    assert huge.status_code == 404  # nobody: answered as a missing page
    assert not Concern.objects.exists()


def test_a_concern_about_someone_not_their_client_answers_like_a_missing_page(client, member):
    world = a_hub(member)
    stranger = PersonFactory()
    client.force_login(world.volunteer)
    response = client.post(reverse("concerns:raise"), answers(stranger, step="send", form_key=str(uuid.uuid4())))
    nobody = client.post(reverse("concerns:raise"), {**answers(stranger), "person": 2_000_000_000, "step": "check"})
    assert response.status_code == nobody.status_code == 404 and response.content == nobody.content
    assert not Concern.objects.exists()
    denied = AuditEvent.objects.filter(action="denied:concern_raise").order_by("pk")
    assert [(e.person_id, e.object_id) for e in denied] == [(None, str(stranger.pk)), (None, "2000000000")]
    other = raised(a_hub(member, given_name="Ivy"), person=None)
    mine = client.get(reverse("concerns:concern", args=[other.pk]))
    missing = client.get(reverse("concerns:concern", args=[other.pk + 1000]))
    assert mine.status_code == missing.status_code == 404 and mine.content == missing.content


def test_a_coordinator_records_a_concern_a_volunteer_told_them(client, member):
    world = a_hub(member)
    client.force_login(world.coordinator)
    page = client.get(reverse("concerns:record")).content.decode()
    choice = f"{world.volunteer.pk}:{world.person.pk}"
    assert choice in page and "Edna Price, visited by Val Green" in page
    data = {
        "person": choice,
        "kind": "social",
        "urgency": "next_meeting",
        "words": "Said at coffee",
        "form_key": str(uuid.uuid4()),
    }
    check = client.post(reverse("concerns:record"), data).content.decode()
    assert "Check the concern before sending it" in check
    response = client.post(reverse("concerns:record"), {**data, "step": "send"})
    concern = Concern.objects.get()
    assert response["Location"] == reverse("concerns:concern", args=[concern.pk]) + "?recorded=1"
    assert (concern.raised_by, concern.recorded_by, concern.route_kind) == (
        world.volunteer,
        world.coordinator,
        "coffee_morning",
    )
    assert (concern.for_user, concern.for_team) == (None, world.hub)  # a social worry: the coordinators
    assert "Concern recorded for Val Green" in client.get(response["Location"]).content.decode()


def test_a_volunteer_or_person_that_is_not_a_plain_number_is_answered_kindly(client, member):
    world = a_hub(member)
    client.force_login(world.coordinator)
    page = client.get(reverse("concerns:record") + "?volunteer=%C2%B2")  # "²": a digit to str.isdigit, not to int()
    assert page.status_code == 200 and "Edna Price, visited by Val Green" in page.content.decode()
    client.force_login(world.volunteer)
    sent = client.post(
        reverse("concerns:raise"), {**answers(world.person), "person": "²", "form_key": str(uuid.uuid4())}
    )
    assert sent.status_code == 200 and "There is a problem" in sent.content.decode()
    assert not Concern.objects.exists()


def test_a_coordinator_of_another_hub_cannot_record_for_this_hub_s_volunteer(client, member):
    world = a_hub(member)
    other = a_hub(member, given_name="Ivy")
    client.force_login(other.coordinator)
    data = {
        "person": f"{world.volunteer.pk}:{world.person.pk}",
        "kind": "social",
        "urgency": "today",
        "step": "send",
        "form_key": str(uuid.uuid4()),
    }
    response = client.post(reverse("concerns:record"), data)
    assert response.status_code == 200 and not Concern.objects.exists()


def test_the_hub_s_route_decides_and_a_team_leader_call_alerts_them(client, member):
    world = a_hub(member)
    Route.objects.create(
        hub=world.hub,
        urgency="few_days",
        kind="team_leader_call",
        team_leader=world.team_leader,
        response_hours=8,
        updated_by=world.coordinator,
    )
    concern = raised(world, kind="environmental", urgency="few_days")
    assert concern.route_kind == "team_leader_call"
    assert list(Alert.objects.values_list("recipient", flat=True)) == [world.team_leader.pk]
    assert 7.9 < (concern.answer_by - concern.created_at).total_seconds() / 3600 <= 8
    client.force_login(world.team_leader)
    home = client.get("/").content.decode()
    assert "Concerns from volunteers" in home and "Edna Price" in home


def test_the_named_worker_acts_on_a_health_worry_from_their_home_page(client, member):
    world = a_hub(member)
    health = raised(world, kind="health", urgency="few_days")
    social = raised(world, kind="social", urgency="few_days")
    client.force_login(world.named_worker)
    home = client.get("/").content.decode()
    assert reverse("concerns:concern", args=[health.pk]) in home
    assert reverse("concerns:concern", args=[social.pk]) not in home  # for the coordinators
    page = client.get(reverse("concerns:concern", args=[social.pk]))  # but they may read it: they care for her
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="concern_viewed", person_id=world.person.pk, basis="relationship").exists()


def test_without_a_named_worker_a_health_worry_goes_to_the_caseload_team(client, member):
    world = a_hub(member, named_worker=False)
    concern = raised(world, kind="health")
    assert (concern.for_user, concern.for_team) == (None, world.neighbourhood)
    colleague = member("clinician", team=world.neighbourhood)
    client.force_login(colleague)
    assert reverse("concerns:concern", args=[concern.pk]) in client.get("/").content.decode()


def test_reroute_with_a_conflict_keeps_the_coordinator_s_choice(client, member):
    world = a_hub(member)
    concern = raised(world)
    client.force_login(world.coordinator)
    url = reverse("concerns:reroute", args=[concern.pk])
    assert client.get(url).status_code == 200
    Concern.objects.filter(pk=concern.pk).update(version=2)  # someone else re-routed it meanwhile
    stale = client.post(url, {"route_kind": "mdt", "words": "For the GP", "version": 1})
    assert "Someone changed this concern" in stale.content.decode()
    assert Concern.objects.get(pk=concern.pk).route_kind == "monthly_meeting"
    done = client.post(url, {"route_kind": "mdt", "words": "For the GP", "version": 2})
    assert done["Location"] == reverse("concerns:concern", args=[concern.pk])
    concern.refresh_from_db()
    assert concern.route_kind == "mdt" and concern.version == 3
    event = ConcernEvent.objects.get(what="rerouted")
    assert (event.by, event.route_kind, event.words) == (world.coordinator, "mdt", "For the GP")


def test_the_queue_lists_the_hub_s_open_concerns_in_constant_queries(client, member):
    world = a_hub(member)
    raised(world)
    client.force_login(world.coordinator)
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("concerns:queue")).content.decode()
    assert "Edna Price" in page and "1 concern" in page
    for i in range(12):
        extra = a_hub(member, given_name=f"P{i}")
        extra.volunteer.memberships.update(team=world.hub)
        raised(extra, kind="health" if i % 2 else "social")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("concerns:queue")).content.decode()
    assert "13 concerns" in page
    assert len(many) == len(few)
    filtered = client.get(reverse("concerns:queue"), {"kind": "health", "overdue": "on"}).content.decode()
    assert "0 concerns" in filtered
    assert client.get(reverse("concerns:queue"), {"page": "-4", "kind": "<x>"}).status_code == 200


def test_routes_default_then_saved_with_a_version_conflict(client, member):
    world = a_hub(member)
    client.force_login(world.coordinator)
    page = client.get(reverse("concerns:routes", args=[world.hub.pk])).content.decode()
    assert "the usual route: not set yet" in page
    url = reverse("concerns:edit_route", args=[world.hub.pk, "today"])
    form = client.get(url).content.decode()
    assert "Tom Lead, Riverside neighbourhood team" in form
    missing_leader = client.post(
        url, {"kind": "team_leader_call", "team_leader": "", "response_hours": 4, "version": 0}
    )
    assert "Choose the team leader who is called" in missing_leader.content.decode()
    saved = client.post(
        url, {"kind": "team_leader_call", "team_leader": world.team_leader.pk, "response_hours": 2, "version": 0}
    )
    assert saved.status_code == 302
    route = Route.objects.get()
    assert (route.kind, route.team_leader, route.response_hours, route.version) == (
        "team_leader_call",
        world.team_leader,
        2,
        1,
    )
    stale = client.post(url, {"kind": "monthly_meeting", "response_hours": 72, "version": 0}).content.decode()
    assert "Another coordinator changed this route" in stale and "answer within 2 hours" in stale
    assert client.post(url, {"kind": "monthly_meeting", "response_hours": 72, "version": 1}).status_code == 302
    assert Route.objects.get().team_leader is None  # only a call names a team leader
    assert AuditEvent.objects.filter(action="concern_route_saved").count() == 2
    assert client.get(reverse("concerns:edit_route", args=[world.hub.pk, "soon"])).status_code == 404


def test_home_panels(client, member):
    world = a_hub(member)
    concern = raised(world)
    client.force_login(world.volunteer)
    home = client.get("/").content.decode()
    assert "Raise a concern" in home and reverse("concerns:concern", args=[concern.pk]) in home
    client.force_login(world.coordinator)
    home = client.get("/").content.decode()
    assert "1 concern open" in home


def test_the_team_leader_a_hub_phones_sees_what_is_phoned_through_and_nothing_else(client, member):
    world = a_hub(member)
    elsewhere = member("team_leader", first_name="Ola", last_name="Far")  # leads another team: no relationship
    Route.objects.create(
        hub=world.hub,
        urgency="today",
        kind="team_leader_call",
        team_leader=elsewhere,
        response_hours=4,
        updated_by=world.coordinator,
    )
    called = raised(world, kind="social", urgency="today")
    waits = raised(world, kind="social", urgency="few_days")
    client.force_login(elsewhere)
    assert client.get(reverse("concerns:concern", args=[called.pk])).status_code == 200
    assert client.get(reverse("concerns:concern", args=[waits.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="concern_viewed", basis="concern route").count() == 1
    assert list(Alert.objects.values_list("recipient", flat=True)) == [elsewhere.pk]
    # the coordinator sends the other one by a call too: the same team leader is alerted, and may see it
    client.force_login(world.coordinator)
    client.post(reverse("concerns:reroute", args=[waits.pk]), {"route_kind": "team_leader_call", "version": 1})
    assert Alert.objects.filter(recipient=elsewhere).count() == 2
    client.force_login(elsewhere)
    assert client.get(reverse("concerns:concern", args=[waits.pk])).status_code == 200


def test_the_volunteer_s_home_page_takes_the_same_queries_however_many_concerns(client, member):
    world = a_hub(member)
    raised(world)
    client.force_login(world.volunteer)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for kind in ("health", "social", "environmental", "health", "social"):
        raised(world, kind=kind)
    with CaptureQueriesContext(connection) as six:
        home = client.get("/").content.decode()
    assert home.count("/concerns/") >= 6 and len(six) == len(one)


def test_the_volunteer_s_home_lists_each_open_concern_once_and_keeps_a_refused_name_back(client, member):
    """Their open concerns are listed once, under the button to raise one. If the person has since refused
    volunteers their name, the list says "The person you visit" instead."""
    world = a_hub(member)
    concern = raised(world)
    client.force_login(world.volunteer)
    home = client.get("/").content.decode()
    assert home.count(f"/concerns/{concern.pk}/") == 1 and "Edna Price" in home
    world.person.user = UserFactory()
    world.person.save()
    withhold(world.person, ["name"])  # with volunteers
    home = client.get("/").content.decode()
    assert "Edna Price" not in home and "The person you visit" in home
