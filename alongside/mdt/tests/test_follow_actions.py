"""Completing an MDT action, through the real actions: only its owner, once, and for an item that came from a
volunteer's concern, the volunteer hears back exactly once through the concern loop."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.concerns.models import Concern, ConcernEvent
from alongside.core.forms import EditConflict
from alongside.core.models import Alert, AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.mdt import actions_follow
from alongside.mdt.models import Action
from alongside.mdt.tests.factories import ActionFactory

from .follow_world import OUTCOME, WORDS_FOR_VOLUNTEER, follow_world


def complete(user, action, outcome=OUTCOME, told=WORDS_FOR_VOLUNTEER, version=None):
    return actions_follow.complete(
        acting_as(user),
        action.pk,
        outcome=outcome,
        told_volunteer=told,
        version=action.version if version is None else version,
    )


def test_the_owner_completes_it_and_the_concern_closes_with_the_words_for_the_volunteer(db):
    f = follow_world()
    done = complete(f.around.named_worker, f.action)
    assert done.made
    action = Action.objects.get(pk=f.action.pk)
    assert (action.outcome, action.told_volunteer) == (OUTCOME, WORDS_FOR_VOLUNTEER)
    assert action.done_at is not None
    concern = Concern.objects.get(pk=f.concern.pk)
    assert (concern.status, concern.outcome, concern.closed_by) == (
        "closed",
        WORDS_FOR_VOLUNTEER,
        f.around.named_worker,
    )
    assert list(concern.events.values_list("what", "words")) == [("closed", WORDS_FOR_VOLUNTEER)]
    alert = Alert.objects.get(recipient=f.around.volunteer)
    assert alert.url == f"/concerns/{concern.pk}/what-happened/"
    assert "Ada" not in alert.text and "Lovelace" not in alert.text
    audit = AuditEvent.objects.get(action="mdt_action_done")
    assert (audit.person_id, audit.basis) == (f.around.person.pk, "MDT member")
    assert AuditEvent.objects.filter(action="concern_closed_by_mdt").count() == 1


def test_the_clinical_outcome_never_reaches_the_volunteer(db):
    f = follow_world()
    complete(f.around.named_worker, f.action)
    concern = Concern.objects.get(pk=f.concern.pk)
    assert OUTCOME not in concern.outcome
    assert not ConcernEvent.objects.filter(words__contains="bloods").exists()


def test_sent_twice_it_records_once_and_the_volunteer_hears_once(db):
    f = follow_world()
    complete(f.around.named_worker, f.action)
    again = complete(f.around.named_worker, f.action)  # the same version: a double click
    assert not again.made
    assert Alert.objects.filter(recipient=f.around.volunteer).count() == 1
    assert ConcernEvent.objects.filter(concern=f.concern).count() == 1
    assert AuditEvent.objects.filter(action="mdt_action_done").count() == 1


def test_other_words_on_a_done_action_are_a_conflict_not_a_second_answer(db):
    f = follow_world()
    complete(f.around.named_worker, f.action)
    with pytest.raises(EditConflict):
        complete(f.around.named_worker, f.action, outcome="Something else")
    assert Alert.objects.filter(recipient=f.around.volunteer).count() == 1


def test_a_stale_version_is_a_conflict(db):
    f = follow_world()
    Action.objects.filter(pk=f.action.pk).update(version=5)
    with pytest.raises(EditConflict):
        complete(f.around.named_worker, f.action, version=4)
    assert Action.objects.get(pk=f.action.pk).done_at is None


@pytest.mark.parametrize(
    "outcome,told,message",
    [
        ("", WORDS_FOR_VOLUNTEER, "Write what came of the action"),
        (OUTCOME, "  ", "Write what to tell the volunteer who raised the worry"),
    ],
)
def test_missing_words_are_refused_with_a_specific_message(db, outcome, told, message):
    f = follow_world()
    with pytest.raises(ValueError, match=message):
        complete(f.around.named_worker, f.action, outcome=outcome, told=told)
    assert Action.objects.get(pk=f.action.pk).done_at is None
    assert Concern.objects.get(pk=f.concern.pk).status == "open"


def test_an_action_not_from_a_concern_needs_no_words_for_a_volunteer(db):
    f = follow_world(source="member")
    complete(f.around.named_worker, f.action, told="")
    assert Action.objects.get(pk=f.action.pk).told_volunteer == ""
    assert Concern.objects.get(pk=f.concern.pk).status == "open"


def test_nobody_but_the_owner_completes_it(db):
    f = follow_world()
    for user in (f.around.coordinator, f.around.volunteer, UserFactory()):
        with pytest.raises(actions_follow.NotYours):
            complete(user, f.action)
    assert Action.objects.get(pk=f.action.pk).done_at is None
    assert AuditEvent.objects.filter(action="denied:mdt_action_done").count() == 3


def test_an_owner_who_may_no_longer_see_the_item_cannot_complete_it(db):
    f = follow_world()
    f.mdt.members.update(end=timezone.now() - timedelta(minutes=1))
    with pytest.raises(actions_follow.NotYours):
        complete(f.around.named_worker, f.action)


def test_a_concern_answered_meanwhile_gets_the_mdts_words_as_news(db):
    f = follow_world()
    Concern.objects.filter(pk=f.concern.pk).update(
        status="closed", outcome="Looked at already", closed_at=timezone.now(), closed_by=f.around.coordinator
    )
    complete(f.around.named_worker, f.action)
    concern = Concern.objects.get(pk=f.concern.pk)
    assert concern.outcome == "Looked at already"
    assert list(concern.events.values_list("what", "words")) == [("mdt_news", WORDS_FOR_VOLUNTEER)]
    assert Alert.objects.filter(recipient=f.around.volunteer).count() == 1  # they still visit her


def test_the_concern_source_told_twice_tells_once(db):
    from alongside.core import registry

    f = follow_world()
    source = registry.agenda_source("concern")
    for _ in range(3):
        source.answered(f"concern:{f.concern.pk}", WORDS_FOR_VOLUNTEER, f.around.named_worker.pk)
    assert Alert.objects.filter(recipient=f.around.volunteer).count() == 1
    assert ConcernEvent.objects.filter(concern=f.concern).count() == 1


# --- the overdue reminder ----------------------------------------------------------------------------------------


def test_an_overdue_action_is_reminded_to_its_owner_once(db):
    f = follow_world(due_in_days=-2)
    ActionFactory(item=f.item, owner=f.around.named_worker, due=timezone.localdate() + timedelta(days=3))
    now = timezone.now()
    assert actions_follow.remind_overdue(now) == 1
    assert actions_follow.remind_overdue(now + timedelta(hours=1)) == 0
    alerts = Alert.objects.filter(recipient=f.around.named_worker)
    assert alerts.count() == 1
    assert alerts.get().url == f"/mdt/actions/{f.action.pk}/done/"
    assert "Ada" not in alerts.get().text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    dues=st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=4),
    runs=st.lists(st.tuples(st.integers(min_value=0, max_value=10), st.booleans()), min_size=1, max_size=6),
)
def test_reminders_are_never_twice_for_any_sequence_of_runs(db, dues, runs):
    """For any actions and any sequence of runs (some days apart, some completing an action between), each action
    is reminded at most once, and only when it was open and past its due date at a run."""
    Alert.objects.all().delete()
    f = follow_world(due_in_days=dues[0])
    actions = [
        f.action,
        *(
            ActionFactory(item=f.item, owner=f.around.named_worker, due=timezone.localdate() + timedelta(days=d))
            for d in dues[1:]
        ),
    ]
    should = set()
    now = timezone.now()
    for days, complete_first in runs:
        now += timedelta(days=days)
        if complete_first:
            Action.objects.filter(pk=actions[0].pk, done_at__isnull=True).update(done_at=now, outcome="Done")
        today = timezone.localdate(now)
        should |= {
            a.pk for a in Action.objects.filter(pk__in=[a.pk for a in actions], done_at__isnull=True, due__lt=today)
        }
        actions_follow.remind_overdue(now)
    reminded = list(Alert.objects.filter(recipient=f.around.named_worker).values_list("url", flat=True))
    assert len(reminded) == len(set(reminded))
    assert {int(u.split("/")[3]) for u in reminded} == should
