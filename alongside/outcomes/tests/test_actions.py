"""Recording outcome measures: who may record the person's answers, each scored with its band and the reliable
change since their last, once however often it is sent, and audited."""

import pytest
from django.core.exceptions import PermissionDenied

from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.outcomes import actions
from alongside.outcomes.instruments import shipped
from alongside.outcomes.models import How, Response
from alongside.outcomes.scoring import AnswerError
from alongside.people.policy import RelationshipKind
from alongside.people.tests.factories import PersonFactory, give_part, make_named_worker

pytestmark = pytest.mark.django_db
SHIPPED = shipped()
PHQ9, GBO = SHIPPED["phq-9"], SHIPPED["gbo"]


def phq9(each: int) -> dict:
    return {f"phq9-{n}": each for n in range(1, 10)}


@pytest.fixture
def devon(db):
    return PersonFactory(user=UserFactory(first_name="Devon"), given_name="Devon")


@pytest.fixture
def worker(member, devon):
    user = member("clinician")
    make_named_worker(devon, user)
    return user


def test_the_person_answers_from_their_own_login_and_sees_reliable_change(devon):
    first, made = actions.record_response(acting_as(devon.user), devon, PHQ9, phq9(2), key="a")
    assert made and (first.total, first.band, first.how) == (18, "Moderately severe", How.OWN_LOGIN)
    assert first.reliable_change == ""  # a first measure has nothing to change from
    second, _ = actions.record_response(acting_as(devon.user), devon, PHQ9, phq9(1), key="b")
    assert (second.total, second.band, second.reliable_change) == (9, "Mild", "improved")
    assert AuditEvent.objects.filter(action="outcome_recorded", person_id=devon.pk).count() == 2


def test_the_same_key_twice_makes_one_response(devon, worker):
    one, made = actions.record_response(acting_as(worker), devon, PHQ9, phq9(1), key="same")
    again, made_again = actions.record_response(acting_as(worker), devon, PHQ9, phq9(3), key="same")
    assert (made, made_again, one.pk) == (True, False, again.pk)
    assert Response.objects.filter(person=devon).count() == 1
    assert one.how == How.WITH_STAFF and one.recorded_by == worker


def test_staff_without_a_part_in_care_and_a_proxy_may_not_record(devon, member):
    stranger = member("clinician")
    proxy = UserFactory()
    give_part(devon, RelationshipKind.PROXY, by=devon.user, user=proxy)
    for user in (stranger, proxy):
        with pytest.raises(PermissionDenied):
            actions.record_response(acting_as(user), devon, PHQ9, phq9(1))
    assert not Response.objects.exists()


def test_answers_off_the_scale_are_refused_and_nothing_is_stored(devon):
    with pytest.raises(AnswerError):
        actions.record_response(acting_as(devon.user), devon, PHQ9, phq9(1) | {"phq9-1": 7})
    assert not Response.objects.exists()


def test_goal_ratings_judge_change_on_the_mean_of_goals_rated_both_times(devon):
    goals = {"goal-1": "Walk to the allotment", "goal-2": "Cook for my sister"}
    actions.record_response(acting_as(devon.user), devon, GBO, {"goal-1": 2, "goal-2": 3}, goals=goals)
    later, _ = actions.record_response(acting_as(devon.user), devon, GBO, {"goal-1": 6, "goal-2": 5}, goals=goals)
    assert later.total is None and later.reliable_change == "improved"  # the mean rose by 3, over 2.45
    assert later.goals == goals and later.items == {"goal-1": 6.0, "goal-2": 5.0}
