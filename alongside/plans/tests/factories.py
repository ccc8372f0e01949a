"""Plans built as a user would build them: through the plan's action, acting as whoever writes it."""

from alongside.core.tests.requests import acting_as
from alongside.plans import actions
from alongside.plans.answers import GoalAnswer, PlanAnswers
from alongside.plans.models import PlanVersion

GOAL = GoalAnswer("I want to walk to the allotment again", "Walk to the end of the road twice a week", "Sam", "June")


def write_plan(person, by, answers: PlanAnswers | None = None, staff_words: str = actions.PERSON) -> PlanVersion:
    """`by` writes the next version of the person's plan (staff: the person's own words, written down with them)."""
    latest = PlanVersion.objects.filter(person=person).order_by("-number").values_list("number", flat=True).first()
    answers = answers or PlanAnswers(strengths="I am a good cook", goals=(GOAL,), reason="First written")
    return actions.save_plan(acting_as(by), person, answers, latest or 0, staff_words=staff_words)
