"""Every change to a plan: permission through the one access policy, audited through alongside.people.access, in
one transaction. A save adds a version; it never changes one.

Reading and writing the plan is reading and writing the person's own account (`Category.STORY`): the person and
their proxy write it from their own login, staff who may write the record write it with them, and volunteers see
it only when the person shared their story with volunteers. The review date and the agreement are staff's to
record (`Category.CARE`): the person's own save keeps them as they were.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from alongside.core.forms import EditConflict
from alongside.people.access import facts_for, record_access
from alongside.people.models import Person
from alongside.people.policy import Action, Basis, Category, Facts
from alongside.people.policy import decide as decide_by_rules

from .answers import PERSON, PROXY, STAFF, PlanAnswers, whose_words
from .models import Goal, PlanVersion
from .queries import as_answers, latest_plan


def writer_for(facts: Facts) -> str | None:
    """Whose words this user writes into the person's plan (PERSON, PROXY or STAFF), or None: they may not. Staff
    write it when they may write the person's care; a proxy who also cares for them as staff writes as staff."""
    decision = decide_by_rules(facts, Action.WRITE, Category.STORY)
    if not decision:
        return None
    if decision.basis == Basis.SELF:
        return PERSON
    if decide_by_rules(facts, Action.WRITE, Category.CARE):
        return STAFF
    return PROXY if decision.basis == Basis.PROXY else None


def writer_words(request, person: Person) -> str | None:
    return writer_for(facts_for(request, person))


@transaction.atomic
def save_plan(request, person: Person, answers: PlanAnswers, based_on: int, staff_words: str = STAFF) -> PlanVersion:
    """Add a version of the person's plan. `based_on` is the version the writer started from (0: none yet); a newer
    one raises EditConflict with it. Staff say whose words the parts they changed are (`staff_words`: PERSON when
    they wrote down the person's own words with them, else STAFF)."""
    facts = facts_for(request, person)
    decision = decide_by_rules(facts, Action.WRITE, Category.STORY)
    writer = writer_for(facts)
    if not decision or writer is None:
        raise PermissionDenied
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one writer at a time per person
    latest_number = PlanVersion.objects.filter(person=person).aggregate(n=Max("number"))["n"] or 0
    latest = latest_plan(person) if latest_number else None
    if latest_number != based_on:
        raise EditConflict(latest)
    before = as_answers(latest)
    staff = writer == STAFF
    if not staff:  # the review date and the agreement stay as staff recorded them
        answers = PlanAnswers(
            strengths=answers.strengths,
            wants_from_services=answers.wants_from_services,
            goals=answers.goals,
            review_on=before.review_on if before else None,
            agreed_on=before.agreed_on if before else None,
            reason=answers.reason,
        )
    saved = whose_words(before, answers, staff_words if staff else writer)
    agreed_changed = saved.agreed_on != (before.agreed_on if before else None)
    version = PlanVersion.objects.create(
        person=person,
        number=latest_number + 1,
        strengths=saved.strengths,
        strengths_words=saved.strengths_words,
        wants_from_services=saved.wants_from_services,
        wants_words=saved.wants_words,
        review_on=saved.review_on,
        agreed_on=saved.agreed_on,
        agreed_recorded_by=(request.user if agreed_changed else latest.agreed_recorded_by if latest else None)
        if saved.agreed_on
        else None,
        reason=saved.reason,
        written_by=request.user,
        written_as=writer,
    )
    Goal.objects.bulk_create(
        Goal(
            plan=version,
            person=person,
            position=position,
            in_own_words=goal.in_own_words,
            small_steps=goal.small_steps,
            who_helps=goal.who_helps,
            by_when=goal.by_when,
            words=goal.words,
        )
        for position, goal in enumerate(saved.goals, start=1)
    )
    record_access(request, person, "plan_written", decision, version=version.number)
    return version


__all__ = ["PERSON", "PROXY", "STAFF", "save_plan", "writer_for", "writer_words"]
