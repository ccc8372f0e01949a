"""The staying-well plan, joint crisis plan and advance statement of wishes: versions are added, never changed; each
part and contact says whose words it is; a stale save is refused; only those who may read the person's care and
write their own account write them; a worker who gives care says the person is in crisis, and ends it; every
change is audited."""

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from alongside.audit import wording
from alongside.core import registry
from alongside.core.forms import EditConflict
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.people.tests.factories import PersonFactory, give_part, make_named_worker
from alongside.plans import document_actions, documents
from alongside.plans.answers import PERSON, PROXY, STAFF, GoalAnswer, PlanAnswers
from alongside.plans.documents import CRISIS, KINDS, STAYING_WELL, ContactAnswer, DocumentAnswers
from alongside.plans.models import CrisisFlag, DocumentVersion
from alongside.plans.tests.factories import CRISIS_ANSWERS, GOAL, write_document, write_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def devon(db):
    return PersonFactory(user=UserFactory(first_name="Devon"), given_name="Devon", family_name="Hart")


@pytest.fixture
def worker(member, devon):
    user = member("clinician", first_name="Sam", last_name="Okoro")
    make_named_worker(devon, user)
    return user


def test_staff_write_it_with_the_person_and_the_person_changes_their_own_parts(devon, worker):
    first = write_document(devon, worker, staff_words=STAFF)
    assert (first.number, first.written_as) == (1, STAFF)
    assert {p.key: p.words for p in first.parts.all()} == dict.fromkeys(CRISIS_ANSWERS.parts, STAFF)
    assert [(c.name, c.phone, c.words) for c in first.contacts.all()] == [("Pat Green", "07700 900123", STAFF)]
    changed = DocumentAnswers(CRISIS_ANSWERS.parts | {"helps": "Music, and my cat near me"}, CRISIS_ANSWERS.contacts)
    mine = write_document(devon, devon.user, answers=changed)
    assert mine.number == 2 and mine.written_as == PERSON
    words = {p.key: p.words for p in mine.parts.all()}
    assert words["helps"] == PERSON  # changed: now the person's words
    assert words["signs"] == STAFF  # unchanged: still staff's
    assert [c.words for c in mine.contacts.all()] == [STAFF]
    assert first.parts.get(key="helps").text == "A calm voice, and my cat near me"  # the earlier version is kept
    assert AuditEvent.objects.filter(action="crisis_plan_written", person_id=devon.pk).count() == 2


def test_each_document_has_its_own_versions(devon, worker):
    write_document(devon, worker)
    well = write_document(devon, worker, STAYING_WELL, DocumentAnswers({"keeps_well": "A walk by the sea"}))
    assert well.number == 1 and list(well.parts.values_list("key", "text")) == [("keeps_well", "A walk by the sea")]
    assert well.contacts.count() == 0


def test_a_proxy_writes_as_the_proxy(devon, worker):
    helper = UserFactory(first_name="Jo")
    give_part(devon, "proxy", by=devon.user, user=helper)
    version = write_document(devon, helper, STAYING_WELL, DocumentAnswers({"when_well": "Chatty"}))
    assert version.written_as == PROXY and version.parts.get().words == PROXY


def test_a_stale_save_is_a_conflict_with_the_newer_version(devon, worker):
    write_document(devon, worker)
    with pytest.raises(EditConflict) as error:
        document_actions.save_document(acting_as(devon.user), devon, CRISIS, CRISIS_ANSWERS, based_on=0)
    assert error.value.current.number == 1
    assert DocumentVersion.objects.count() == 1


def test_only_those_in_the_persons_care_write_it(devon, member):
    for stranger in (member("clinician"), member("volunteer")):
        with pytest.raises(PermissionDenied):
            document_actions.save_document(acting_as(stranger), devon, CRISIS, CRISIS_ANSWERS, based_on=0)


def test_a_volunteer_who_visits_the_person_may_not_write_it(devon, worker, member):
    volunteer = member("volunteer")
    give_part(devon, "volunteer", by=worker, user=volunteer)
    with pytest.raises(PermissionDenied):
        document_actions.save_document(acting_as(volunteer), devon, CRISIS, CRISIS_ANSWERS, based_on=0)


def test_a_worker_says_the_person_is_in_crisis_and_ends_it_keeping_the_history(devon, worker):
    flag = document_actions.set_crisis(acting_as(worker), devon, "Not eating for three days")
    again = document_actions.set_crisis(acting_as(worker), devon, "Pressed twice")
    assert again.pk == flag.pk and CrisisFlag.objects.count() == 1
    ended = document_actions.end_crisis(acting_as(worker), devon, "Eating again, sister staying")
    assert ended is not None and ended.ended_by == worker
    assert document_actions.end_crisis(acting_as(worker), devon, "Again") is None
    document_actions.set_crisis(acting_as(worker), devon, "Again unwell")
    assert CrisisFlag.objects.filter(person=devon).count() == 2  # the ended one is kept
    actions = list(AuditEvent.objects.filter(person_id=devon.pk).values_list("action", flat=True))
    assert actions.count("crisis_flag_set") == 2 and actions.count("crisis_flag_ended") == 1


def test_the_person_and_a_volunteer_may_not_set_the_flag(devon, worker, member):
    volunteer = member("volunteer")
    give_part(devon, "volunteer", by=worker, user=volunteer)
    for who in (devon.user, volunteer, member("clinician")):
        with pytest.raises(PermissionDenied):
            document_actions.set_crisis(acting_as(who), devon, "x")
    assert not CrisisFlag.objects.exists()


def test_the_persons_goals_are_the_latest_plans_in_their_words(devon, worker):
    assert registry.person_goals(devon.pk) == []
    write_plan(devon, worker)
    write_plan(devon, worker, PlanAnswers(goals=(GOAL, GoalAnswer("Cook for my friends"))))
    assert registry.person_goals(devon.pk) == [("1", GOAL.in_own_words), ("2", "Cook for my friends")]


def test_every_documents_audit_action_has_words():
    for kind in KINDS.values():
        for action in (kind.viewed, kind.version_viewed, kind.printed, kind.opened_for_writing, kind.written):
            assert action in wording.WHAT, action


texts = st.text(max_size=6)
parts = st.dictionaries(st.sampled_from(["a", "b", "c"]), texts)
contacts = st.lists(st.builds(ContactAnswer, texts, texts, texts, st.sampled_from([PERSON, PROXY, STAFF])), max_size=3)
writers = st.sampled_from([PERSON, PROXY, STAFF])


@given(
    before=parts,
    before_words=st.dictionaries(st.sampled_from(["a", "b", "c"]), writers),
    now=parts,
    old=contacts,
    new=contacts,
    writer=writers,
)
def test_unchanged_parts_stay_whose_they_were_and_changed_ones_are_the_writers(
    before, before_words, now, old, new, writer
):
    earlier = DocumentAnswers(before, tuple(old), words=before_words)
    words, saved = documents.document_whose_words(earlier, DocumentAnswers(now, tuple(new)), writer)
    for key, text in now.items():
        if not text.strip():
            assert words[key] == ""
        elif text == before.get(key) and before_words.get(key):
            assert words[key] == before_words[key]
        else:
            assert words[key] == writer
    for position, contact in enumerate(saved):
        was = old[position] if position < len(old) else None
        assert contact.words == (was.words if contact.same_text(was) and was.words else writer)
