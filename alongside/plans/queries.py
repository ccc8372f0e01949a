"""Reading plans: each called after the person's record was opened through the access policy, and only within
that one person."""

from alongside.people import record as person_record
from alongside.people.models import Person, StoryVersion

from .answers import GoalAnswer, PlanAnswers
from .models import PlanVersion


def _plans(person: Person):
    return (
        PlanVersion.objects.filter(person=person)
        .select_related("written_by", "agreed_recorded_by")
        .prefetch_related("goals")
    )


def latest_plan(person: Person) -> PlanVersion | None:
    """The plan as it stands: its newest version, with its goals (two queries)."""
    return _plans(person).order_by("-number").first()


def plan_versions(person: Person) -> list[PlanVersion]:
    """Every version of the plan, newest first, with their goals (two queries)."""
    return list(_plans(person).order_by("-number"))


def plan_version(person: Person, number: int) -> PlanVersion | None:
    return _plans(person).filter(number=number).first()


def story_part(person: Person, part: str) -> StoryVersion | None:
    """A part of the person's story as they last told it: what matters to them is shown from here, never asked
    again in the plan."""
    return person_record.latest_story_version(person, part)


def as_answers(plan: PlanVersion | None) -> PlanAnswers | None:
    if plan is None:
        return None
    return PlanAnswers(
        strengths=plan.strengths,
        wants_from_services=plan.wants_from_services,
        goals=tuple(
            GoalAnswer(g.in_own_words, g.small_steps, g.who_helps, g.by_when, g.words) for g in plan.goals.all()
        ),
        review_on=plan.review_on,
        agreed_on=plan.agreed_on,
        reason=plan.reason,
        strengths_words=plan.strengths_words,
        wants_words=plan.wants_words,
    )


def person_goals(person_id: int) -> list[tuple[str, str]]:
    """The goals of the plan as it stands, in the person's words, as (their position, the goal), in their order:
    for the registry's `person_goals`. The caller has already been let read the person. Two queries."""
    latest = PlanVersion.objects.filter(person_id=person_id).order_by("-number").first()
    return [(str(goal.position), goal.in_own_words) for goal in latest.goals.all()] if latest else []
