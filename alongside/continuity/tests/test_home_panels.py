"""The home pages continuity makes for each role: a named worker's most pressing people first, a team leader's
decisions and caseloads against capacity, the person's next appointment and requests with their answers. Each
panel reads a fixed number of times however many people it is about."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from alongside.continuity import actions, panels, pressing, queries
from alongside.continuity.tests.factories import (
    ContactFactory,
    ContinuityFactsFactory,
    SlotFactory,
    ask_for_appointment,
)
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker

pytestmark = pytest.mark.django_db


def on_caseload(worker, given_name, *, priority=0, days_since=None, family_name="Okafor"):
    """A person the worker is named worker for, with a continuity priority and a last contact `days_since` ago."""
    person = PersonFactory(given_name=given_name, family_name=family_name)
    make_named_worker(person, worker)
    if priority:
        ContinuityFactsFactory(person=person, priority=priority, updated_by=worker)
    if days_since is not None:
        ContactFactory(person=person, practitioner=worker, at=timezone.now() - timedelta(days=days_since))
    return person


def queries_for(panel, user) -> int:
    request = acting_as(user, "get")
    with CaptureQueriesContext(connection) as captured:
        panel(request)
    return len(captured)


# --- the named worker's caseload ------------------------------------------------------------------------------------


def test_the_most_pressing_come_first_not_the_alphabet(member):
    sam = member("clinician", first_name="Sam", last_name="Patel")
    on_caseload(sam, "Ann", days_since=3)  # seen this week, low priority: last
    on_caseload(sam, "Bob", priority=6, days_since=2)  # high priority, seen recently
    on_caseload(sam, "Cat", days_since=40)  # not seen for a while
    on_caseload(sam, "Dan", priority=7, days_since=50)  # high priority and not seen for a while: first
    on_caseload(sam, "Eve")  # never seen: before anyone else not seen for a while
    rows = queries.caseload(acting_as(sam, "get"), 10)
    assert [r.person.given_name for r in rows] == ["Dan", "Eve", "Cat", "Bob", "Ann"]
    assert [r.why.words for r in rows] == [
        "High continuity priority, not seen for 7 weeks",
        "No contact recorded yet",
        "Not seen for 5 weeks",
        "High continuity priority",
        "",
    ]
    assert rows[0].last_contact.practitioner == sam and rows[1].last_contact is None


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(st.integers(0, 9), st.one_of(st.none(), st.integers(0, 120))), min_size=1, max_size=6, unique=True
    )
)
def test_the_database_orders_a_caseload_as_the_rule_says(people):
    worker = MembershipFactory(role="clinician").user
    for index, (priority, days_since) in enumerate(people):
        on_caseload(worker, f"P{index}", priority=priority, days_since=days_since, family_name=f"F{index}")
    today = timezone.localdate()
    rows = queries.caseload(acting_as(worker, "get"), 10)

    def key(index):
        priority, days_since = people[index]
        last = None if days_since is None else timezone.localtime(timezone.now() - timedelta(days=days_since)).date()
        return pressing.sort_key(priority, last, today, f"F{index}", index)

    expected = sorted(range(len(people)), key=key)
    assert [r.person.given_name for r in rows] == [f"P{i}" for i in expected]


@given(st.integers(0, 20), st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2026, 12, 31))))
def test_a_person_is_flagged_exactly_when_not_seen_for_a_while(priority, last_contact):
    today = date(2026, 12, 31)
    why = pressing.why(priority, last_contact, today)
    assert why.flagged == pressing.not_seen_for_a_while(last_contact, today)
    assert pressing.tier(priority, last_contact, today) in (0, 1, 2, 3)
    assert (why.words == "") == (pressing.tier(priority, last_contact, today) == 3)


def test_a_big_caseload_stays_short_with_a_count_and_a_link_to_all_of_it(client, member):
    sam = member("clinician", first_name="Sam", last_name="Patel")
    for index in range(panels.CASELOAD_SHOWN + 4):
        on_caseload(sam, f"Person{index}", family_name=f"F{index:02d}", days_since=index)
    client.force_login(sam)
    shown = texts(client.get("/"))
    assert f"You are named worker for {panels.CASELOAD_SHOWN + 4} people." in shown
    assert f"These are the {panels.CASELOAD_SHOWN} most pressing" in shown
    assert f"See all {panels.CASELOAD_SHOWN + 4} people you are named worker for" in shown
    listed = AuditEvent.objects.filter(action="caseload_listed", actor=sam)
    assert listed.count() == panels.CASELOAD_SHOWN
    everyone = texts(client.get("/continuity/caseload/"))
    assert all(f"Person{index} F{index:02d}" in everyone for index in range(panels.CASELOAD_SHOWN + 4))
    assert client.get("/continuity/caseload/?page=nonsense").status_code == 200
    assert client.get("/continuity/caseload/?page=99").status_code == 200


def test_the_caseload_panel_reads_the_same_number_of_times_for_3_people_or_30(member):
    team = TeamFactory()
    small, big = member("clinician", team=team), member("clinician", team=team)
    for index in range(3):
        on_caseload(small, f"S{index}", priority=index, days_since=index * 10)
    for index in range(30):
        on_caseload(big, f"B{index}", priority=index % 8, days_since=index * 3 if index % 4 else None)
    for user, how_many in ((small, 1), (big, 6)):
        for index, person in enumerate(queries.my_caseload(acting_as(user, "get"))[:how_many]):
            slot = SlotFactory(team=team, practitioner=user, start=timezone.now() + timedelta(days=index % 3, hours=1))
            window = {"earliest": timezone.now(), "latest": timezone.now() + timedelta(days=5)}
            ask_for_appointment(person, user, team=team, slot=slot, **window)
    assert queries_for(panels.caseload, small) == queries_for(panels.caseload, big)


def test_the_full_caseload_page_reads_the_same_number_of_times_however_big(client, member):
    small, big = member("clinician"), member("clinician")
    on_caseload(small, "Only", days_since=3)
    for index in range(12):
        on_caseload(big, f"B{index}", priority=index % 8, days_since=index * 5)
    counts = []
    for user in (small, big):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/continuity/caseload/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- a change of named worker, from the person's request to their home page and record -----------------------------


@pytest.fixture
def changed(member):
    """Ada has an appointment booked with Sam, her named worker; she asks for someone else, and the team leader
    makes Bea her named worker, with an answer."""
    team = TeamFactory(name="Riverside neighbourhood team", phone="01632 960 111")
    leader = member("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    bea = member("clinician", team=team, first_name="Bea", last_name="Ward")
    ada_user = UserFactory(first_name="Ada", last_name="Okafor")
    ada = PersonFactory(user=ada_user, given_name="Ada", family_name="Okafor")
    allocate(ada, "team_caseload", team=team, leader=leader)
    make_named_worker(ada, sam, leader=leader)
    slot = SlotFactory(team=team, practitioner=sam, start=timezone.now() + timedelta(days=2))
    window = {"earliest": timezone.now(), "latest": timezone.now() + timedelta(days=5)}
    ask_for_appointment(ada, sam, team=team, slot=slot, what_for="Dressing change", **window)
    return {"team": team, "leader": leader, "sam": sam, "bea": bea, "ada": ada, "ada_user": ada_user}


def answer(world, changed=True, words="Bea will ring you this week to say hello."):
    change = actions.ask_for_change(acting_as(world["ada_user"]), world["ada"], "I would feel easier with a woman.")
    new_worker = world["bea"].pk if changed else None
    actions.answer_change(
        acting_as(world["leader"]), change.pk, changed=changed, answer=words, new_worker_id=new_worker
    )


def test_the_person_sees_the_answer_and_who_their_appointment_is_with_now(client, changed):
    client.force_login(changed["ada_user"])
    before = texts(client.get("/"))
    assert "Your named worker is Sam Patel , in Riverside neighbourhood team." in before
    assert 'href="tel:01632960111"' in client.get("/").content.decode()
    assert "with Sam Patel, your named worker." in before
    assert "You have not asked for a different named worker." in before
    answer(changed)
    home = texts(client.get("/"))
    assert "Your named worker is Bea Ward" in home
    assert (
        "with Sam Patel. Your named worker has changed since this was booked : your named worker is now Bea Ward"
        in home
    )
    assert "you asked for a different named worker." in home
    assert "Changed : the team leader answered on" in home
    assert "Your named worker is now Bea Ward. They said: “Bea will ring you this week to say hello.”" in home
    record = texts(client.get(f"/people/{changed['ada'].pk}/"))
    assert "Your named worker is Bea Ward ." in record
    assert "They said: “Bea will ring you this week to say hello.”" in record
    assert "Your named worker has changed since this was booked" in record


def test_a_refusal_is_shown_with_its_reason_and_the_named_worker_never_sees_the_request(client, changed):
    answer(changed, changed=False, words="Sam knows your story best; we will talk about it at your next visit.")
    client.force_login(changed["ada_user"])
    home = texts(client.get("/"))
    assert "Not changed : the team leader answered on" in home
    assert "They said: “Sam knows your story best; we will talk about it at your next visit.”" in home
    assert "Ask for a different named worker" in home  # answered, so she may ask again
    client.force_login(changed["sam"])  # the named worker it was about
    seen_by_sam = texts(client.get(f"/people/{changed['ada'].pk}/"))
    assert "asked for a different named worker" not in seen_by_sam and "Sam knows your story" not in seen_by_sam


def test_the_persons_panels_read_a_fixed_number_of_times(changed):
    few = queries_for(panels.own_appointment, changed["ada_user"]) + queries_for(
        panels.own_change_requests, changed["ada_user"]
    )
    for _ in range(3):
        answer(changed, changed=False, words="Not now.")
    many = queries_for(panels.own_appointment, changed["ada_user"]) + queries_for(
        panels.own_change_requests, changed["ada_user"]
    )
    assert few == many


# --- the team leader ------------------------------------------------------------------------------------------------


def test_the_team_leader_sees_caseloads_against_capacity_with_over_capacity_in_words(client, member, settings):
    settings.USUAL_CASELOAD_CAPACITY = 3
    team = TeamFactory(name="Riverside neighbourhood team")
    leader = member("team_leader", team=team, first_name="Lena", last_name="Moss")
    sam = member("clinician", team=team, first_name="Sam", last_name="Patel")
    bea = member("clinician", team=team, first_name="Bea", last_name="Ward")
    bea.memberships.update(caseload_capacity=10)
    member("coordinator", first_name="Cal", last_name="Other")  # another team: not shown
    for index in range(5):
        on_caseload(sam, f"S{index}")
    on_caseload(bea, "B0")
    client.force_login(leader)
    shown = texts(client.get("/"))
    assert "1 worker is over capacity." in shown
    assert (
        "Sam Patel Team Riverside neighbourhood team Named worker for 5 people Capacity 3 Status Over capacity by 2"
        in shown
    )
    assert (
        "Bea Ward Team Riverside neighbourhood team Named worker for 1 person Capacity 10 Status Room for 9 more"
        in shown
    )
    assert shown.index("Sam Patel") < shown.index("Bea Ward")  # the fullest first
    assert "Cal Other" not in shown.split("Caseloads in the teams you lead")[1].split("People in the teams")[0]


def test_the_team_leader_sees_requests_waiting_and_overdue(client, changed):
    change = actions.ask_for_change(acting_as(changed["ada_user"]), changed["ada"], "Please.")
    client.force_login(changed["leader"])
    assert "Requests for a different named worker : 1 waiting for your answer." in texts(client.get("/"))
    overdue = "1 waiting for your answer, 1 past the day they should be answered by ."
    type(change).objects.filter(pk=change.pk).update(answer_due=timezone.now() - timedelta(days=1))
    assert overdue in texts(client.get("/"))


def test_the_team_leader_panel_reads_the_same_number_of_times_however_big_the_teams(member):
    small_team, big_team = TeamFactory(), TeamFactory()
    small_leader = member("team_leader", team=small_team)
    big_leader = member("team_leader", team=big_team)
    member("clinician", team=small_team)
    for index in range(8):
        worker = member("clinician", team=big_team)
        for n in range(index % 3):
            on_caseload(worker, f"W{index}P{n}")
    assert queries_for(panels.team_leader, small_leader) == queries_for(panels.team_leader, big_leader)


# --- a coordinator --------------------------------------------------------------------------------------------------


def test_a_coordinator_with_no_one_on_a_caseload_is_not_shown_empty_appointments(client, member):
    """Their home page opens with what waits for them, not "no appointments" and "you are named worker for no one";
    once someone is on their caseload, the panel is theirs too. A clinician with no one yet still sees it."""
    coordinator = member("coordinator", first_name="Cora", last_name="Hale")
    client.force_login(coordinator)
    assert "Your appointments today" not in texts(client.get("/"))
    on_caseload(coordinator, "Ada")
    assert "Your appointments today" in texts(client.get("/"))
    client.force_login(member("clinician"))
    assert "Your appointments today" in texts(client.get("/"))
