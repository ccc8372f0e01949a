"""Writing a plan: versions are added, never changed; each part says whose words it is; a stale save is refused;
only those the access policy lets write the person's own account may write it; every save is audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.forms import EditConflict
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory, give_part, make_named_worker
from alongside.plans import actions
from alongside.plans.answers import PERSON, PROXY, STAFF, GoalAnswer, PlanAnswers, whose_words
from alongside.plans.tests.factories import GOAL, write_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def devon(db):
    return PersonFactory(user=UserFactory(first_name="Devon"), given_name="Devon", family_name="Hart")


@pytest.fixture
def worker(member, devon):
    user = member("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, user)
    return user


def test_the_person_writes_their_own_plan_in_their_words_and_staff_keep_the_review_and_agreement(devon, worker):
    first = write_plan(
        devon,
        worker,
        PlanAnswers(strengths="Good cook", review_on=date(2027, 3, 1), agreed_on=date(2026, 12, 1), goals=(GOAL,)),
        staff_words=STAFF,
    )
    assert (first.number, first.strengths_words, first.agreed_recorded_by) == (1, STAFF, worker)
    mine = write_plan(devon, devon.user, PlanAnswers(strengths="I am a good cook", goals=(GOAL,), reason="My words"))
    assert mine.number == 2 and mine.written_as == PERSON
    assert mine.strengths_words == PERSON  # changed: now the person's words
    assert [g.words for g in mine.goals.all()] == [STAFF]  # unchanged: still staff's
    assert (mine.review_on, mine.agreed_on, mine.agreed_recorded_by) == (date(2027, 3, 1), date(2026, 12, 1), worker)
    first.refresh_from_db()
    assert first.strengths == "Good cook"  # the earlier version is kept as it was
    assert AuditEvent.objects.filter(action="plan_written", person_id=devon.pk).count() == 2


def test_a_proxy_writes_as_the_proxy(devon, worker):
    helper = UserFactory(first_name="Jo")
    give_part(devon, "proxy", by=devon.user, user=helper)
    version = write_plan(devon, helper)
    assert version.written_as == PROXY and version.strengths_words == PROXY


def test_a_stale_save_is_a_conflict_with_the_newer_version(devon, worker):
    write_plan(devon, worker)
    with pytest.raises(EditConflict) as error:
        actions.save_plan(acting_as(devon.user), devon, PlanAnswers(strengths="Mine"), based_on=0)
    assert error.value.current.number == 1


def test_someone_with_no_part_in_their_care_may_not_write_it(devon, member):
    stranger = member("clinician")
    with pytest.raises(PermissionDenied):
        actions.save_plan(acting_as(stranger), devon, PlanAnswers(strengths="x"), based_on=0)
    volunteer = member("volunteer")
    with pytest.raises(PermissionDenied):
        actions.save_plan(acting_as(volunteer), devon, PlanAnswers(strengths="x"), based_on=0)


texts = st.text(max_size=8)
goals = st.builds(GoalAnswer, texts, texts, texts, texts, st.sampled_from([PERSON, PROXY, STAFF]))
plans = st.builds(
    PlanAnswers,
    strengths=texts,
    wants_from_services=texts,
    goals=st.lists(goals, max_size=3).map(tuple),
    strengths_words=st.sampled_from([PERSON, PROXY, STAFF]),
    wants_words=st.sampled_from([PERSON, PROXY, STAFF]),
)


@given(before=plans, now=plans, writer=st.sampled_from([PERSON, PROXY, STAFF]))
def test_unchanged_words_stay_whose_they_were_and_changed_ones_are_the_writers(before, now, writer):
    saved = whose_words(before, now, writer)
    if not now.strengths.strip():
        assert saved.strengths_words == ""
    elif now.strengths == before.strengths:
        assert saved.strengths_words == before.strengths_words
    else:
        assert saved.strengths_words == writer
    for position, goal in enumerate(saved.goals):
        old = before.goals[position] if position < len(before.goals) else None
        assert goal.words == (old.words if goal.same_text(old) else writer)


@given(now=plans, writer=st.sampled_from([PERSON, PROXY, STAFF]))
def test_a_first_plan_is_all_in_the_writers_words(now, writer):
    saved = whose_words(None, now, writer)
    assert all(g.words == writer for g in saved.goals)
    assert saved.wants_words in ("", writer)
