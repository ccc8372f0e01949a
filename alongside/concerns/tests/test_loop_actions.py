"""Answering a concern and the volunteer's reply, through the real actions: who may, what they are told, and by
which way (in Alongside always; by text or email as the volunteer chose on their profile)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from alongside.concerns import actions_loop
from alongside.concerns.lifecycle import Move, NotAllowed
from alongside.concerns.models import Concern, Route
from alongside.core.forms import EditConflict
from alongside.core.models import Alert, AuditEvent, Message
from alongside.core.tests.requests import acting_as
from alongside.people.models import CareRelationship

from .factories_loop import around, concern, member

GOOD_NEWS = "Ada has a new walking frame \u2013 thank you for noticing."


@pytest.fixture
def world(db):
    return around()


def close(user, c, words=GOOD_NEWS, version=None):
    return actions_loop.close(acting_as(user), c.pk, words, c.version if version is None else version)


def test_the_database_refuses_a_closed_concern_without_an_outcome(world):
    c = concern(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Concern.objects.filter(pk=c.pk).update(status="closed")


def test_the_named_worker_closes_it_and_the_volunteer_is_told_in_alongside(world):
    c = close(world.named_worker, concern(world))
    assert (c.status, c.outcome, c.closed_by) == ("closed", GOOD_NEWS, world.named_worker)
    alert = Alert.objects.get(recipient=world.volunteer)
    assert alert.url == f"/concerns/{c.pk}/what-happened/"
    assert "Ada" not in alert.text  # the alert names no one
    assert not Message.objects.exists()  # no profile: they chose no text or email
    assert list(c.events.values_list("what", "words")) == [("closed", GOOD_NEWS)]
    audit = AuditEvent.objects.get(action="concern_closed")
    assert (audit.person_id, audit.object_id, audit.basis) == (world.person.pk, str(c.pk), "relationship")


def test_the_volunteer_hears_by_text_and_email_if_they_chose_on_their_profile(world):
    from django.apps import apps

    Volunteer = apps.get_model("volunteers", "Volunteer")  # noqa: N806 (a model)
    Volunteer.objects.create(user=world.volunteer, phone="07700 900123", by_text=True, by_email=True)
    c = close(world.coordinator, concern(world, health=False))
    sent = {m.channel: m for m in Message.objects.all()}
    assert set(sent) == {"sms", "email"}
    assert sent["sms"].to == "07700 900123" and sent["email"].to == "priya@example.org"
    body = sent["sms"].personalisation["body"]
    assert GOOD_NEWS in body and "Lovelace" not in body
    assert AuditEvent.objects.get(action="concern_closed").basis == "receiving service"  # the coordinator
    assert c.closed_by == world.coordinator


def test_text_only_when_they_chose_it(world):
    from django.apps import apps

    apps.get_model("volunteers", "Volunteer").objects.create(user=world.volunteer, phone="07700 900123", by_email=True)
    close(world.named_worker, concern(world))
    assert list(Message.objects.values_list("channel", flat=True)) == ["email"]


@pytest.mark.parametrize("words", ["", "   \n "])
def test_no_close_without_an_outcome(world, words):
    c = concern(world)
    with pytest.raises(NotAllowed, match="Write what happened"):
        close(world.named_worker, c, words)
    assert Concern.objects.get(pk=c.pk).status == "open"
    assert not Alert.objects.exists()


def test_the_same_answer_sent_twice_closes_it_once(world):
    c = concern(world)
    close(world.named_worker, c)
    again = close(world.named_worker, c)  # the version sent is the old one: a double click
    assert again.version == c.version + 1
    assert c.events.filter(what="closed").count() == 1
    assert Alert.objects.filter(recipient=world.volunteer).count() == 1


def test_an_answer_written_over_a_changed_concern_is_a_conflict(world):
    c = concern(world)
    close(world.coordinator, c, "The coordinator rang her daughter.")
    with pytest.raises(EditConflict) as conflict:
        close(world.named_worker, c)
    assert conflict.value.current.outcome == "The coordinator rang her daughter."


@pytest.mark.parametrize("who", ["volunteer", "stranger", "other_volunteer", "other_coordinator"])
def test_only_those_who_act_may_answer(world, who):
    other = around(given_name="Bo")
    user = {
        "volunteer": world.volunteer,
        "stranger": other.named_worker,
        "other_volunteer": member("volunteer", world.hub),
        "other_coordinator": other.coordinator,
    }[who]
    with pytest.raises(PermissionDenied):
        close(user, concern(world))
    assert AuditEvent.objects.filter(action="denied:concern_close").count() == 1


def test_the_neighbourhood_team_leader_may_answer_through_the_caseload(world):
    assert close(world.team_leader, concern(world)).status == "closed"


def test_thank_you_keeps_it_closed_and_tells_whoever_answered(world):
    c = close(world.named_worker, concern(world))
    actions_loop.reply(acting_as(world.volunteer), c.pk, Move.THANK)
    assert Concern.objects.get(pk=c.pk).status == "closed"
    thanks = Alert.objects.get(recipient=world.named_worker)
    assert thanks.text.startswith("Priya Shah said thank you")
    with pytest.raises(NotAllowed, match="already replied"):
        actions_loop.reply(acting_as(world.volunteer), c.pk, Move.THANK)


def test_still_worried_reopens_it_resets_its_target_and_tells_the_one_who_acts(world):
    Route.objects.create(
        hub=world.hub, urgency="few_days", kind="coffee_morning", response_hours=48, updated_by=world.coordinator
    )
    c = concern(world, overdue_reminded_at="2026-01-01T10:00Z")
    c = close(world.named_worker, Concern.objects.get(pk=c.pk))
    Alert.objects.all().delete()
    actions_loop.reply(acting_as(world.volunteer), c.pk, Move.STILL_WORRIED, "She is still breathless.")
    c = Concern.objects.get(pk=c.pk)
    assert (c.status, c.outcome, c.closed_by, c.closed_at, c.overdue_reminded_at) == ("open", "", None, None, None)
    assert 47 <= (c.answer_by - c.events.last().at).total_seconds() / 3600 <= 48
    told = Alert.objects.get(recipient=world.named_worker)
    assert "still worried about Ada Lovelace" in told.text and told.url == f"/concerns/{c.pk}/answer/"
    assert [e.what for e in c.events.all()] == ["closed", "still_worried"]
    assert c.events.last().words == "She is still breathless."


def test_still_worried_needs_words(world):
    c = close(world.named_worker, concern(world))
    with pytest.raises(NotAllowed, match="what still worries you"):
        actions_loop.reply(acting_as(world.volunteer), c.pk, Move.STILL_WORRIED, " ")


def test_only_the_volunteer_who_raised_it_and_still_visits_may_reply(world):
    c = close(world.named_worker, concern(world))
    with pytest.raises(PermissionDenied):
        actions_loop.reply(acting_as(world.coordinator), c.pk, Move.THANK)
    CareRelationship.objects.filter(user=world.volunteer).update(ended_at="2026-01-01T10:00Z")
    with pytest.raises(PermissionDenied):
        actions_loop.reply(acting_as(world.volunteer), c.pk, Move.THANK)
