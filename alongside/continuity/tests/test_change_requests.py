"""Asking for a different named worker: anyone in the person's care, or the person, may ask; the team leader
answers; the named worker it is about never sees it."""

import pytest

from alongside.continuity.models import ChangeRequest
from alongside.core.models import Alert, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, allocate, make_named_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member, team):
    leader = member("team_leader", team=team, first_name="Lena")
    worker = member("clinician", team=team, first_name="Sam", last_name="Patel")
    other = member("clinician", team=team, first_name="Bea", last_name="Ward")
    user = UserFactory()
    ada = PersonFactory(given_name="Ada", user=user)
    make_named_worker(ada, worker, leader=leader)
    allocate(ada, "team_caseload", team=team, leader=leader)
    return {"leader": leader, "worker": worker, "other": other, "ada": ada, "ada_user": user}


def test_the_person_asks_the_leader_answers_and_the_named_worker_never_sees_it(client, people):
    ada = people["ada"]
    client.force_login(people["ada_user"])
    page = texts(client.get(f"/people/{ada.pk}/"))
    assert "Ask for a different named worker" in page
    client.post(f"/continuity/people/{ada.pk}/named-worker/ask/", {"reason": "I find it hard to talk to him"})
    change = ChangeRequest.objects.get()
    assert change.asked_as == "person" and change.team.name == "Riverside neighbourhood team"
    assert "The team leader will answer by" in texts(client.get(f"/people/{ada.pk}/"))
    assert Alert.objects.filter(recipient=people["leader"]).count() == 1
    assert not Alert.objects.filter(recipient=people["worker"]).exists()

    client.force_login(people["worker"])
    assert "hard to talk" not in texts(client.get(f"/people/{ada.pk}/"))
    assert client.get(f"/continuity/named-worker-requests/{change.pk}/").status_code in (403, 404)

    client.force_login(people["leader"])
    assert "Ada" in texts(client.get("/continuity/named-worker-requests/"))
    answer = client.get(f"/continuity/named-worker-requests/{change.pk}/")
    assert "I find it hard to talk to him" in texts(answer)
    client.post(
        f"/continuity/named-worker-requests/{change.pk}/",
        {"changed": "yes", "new_worker": people["other"].pk, "answer": "Bea will visit on Tuesday."},
    )
    now_named = CareRelationship.objects.active().get(person=ada, kind="named_worker")
    assert now_named.user == people["other"]
    ended = CareRelationship.objects.get(person=ada, kind="named_worker", user=people["worker"])
    assert ended.ended_reason == "Named worker changed"  # neutral words: never held against the person
    assert Alert.objects.filter(recipient=people["ada_user"]).exists()
    assert AuditEvent.objects.filter(action="named_worker_change_answered", person_id=ada.pk).exists()


def test_one_open_request_at_a_time_and_the_reason_is_needed(client, people):
    ada = people["ada"]
    client.force_login(people["ada_user"])
    empty = texts(client.post(f"/continuity/people/{ada.pk}/named-worker/ask/", {"reason": ""}))
    assert "Tell us a little about why" in empty
    client.post(f"/continuity/people/{ada.pk}/named-worker/ask/", {"reason": "First"})
    again = texts(client.post(f"/continuity/people/{ada.pk}/named-worker/ask/", {"reason": "Second"}))
    assert "already waiting for an answer" in again
    assert ChangeRequest.objects.count() == 1


def test_someone_with_no_part_in_their_care_cannot_ask(client, member, people):
    client.force_login(member("clinician"))
    assert client.get(f"/continuity/people/{people['ada'].pk}/named-worker/ask/").status_code == 404


def test_a_leader_of_another_team_cannot_answer(client, member, people):
    client.force_login(people["ada_user"])
    client.post(f"/continuity/people/{people['ada'].pk}/named-worker/ask/", {"reason": "Please"})
    change = ChangeRequest.objects.get()
    client.force_login(member("team_leader", team=TeamFactory()))
    assert client.get(f"/continuity/named-worker-requests/{change.pk}/").status_code == 404
    assert "Ada" not in texts(client.get("/continuity/named-worker-requests/"))


def test_keeping_the_named_worker_needs_an_answer_and_changes_nothing(client, people):
    client.force_login(people["ada_user"])
    client.post(f"/continuity/people/{people['ada'].pk}/named-worker/ask/", {"reason": "Please"})
    change = ChangeRequest.objects.get()
    client.force_login(people["leader"])
    missing = texts(client.post(f"/continuity/named-worker-requests/{change.pk}/", {"changed": "no", "answer": ""}))
    assert "Write your answer for whoever asked" in missing
    client.post(f"/continuity/named-worker-requests/{change.pk}/", {"changed": "no", "answer": "Sam knows you well."})
    assert CareRelationship.objects.active().get(person=people["ada"], kind="named_worker").user == people["worker"]
    change.refresh_from_db()
    assert change.outcome == "not_changed" and change.answered_at is not None
