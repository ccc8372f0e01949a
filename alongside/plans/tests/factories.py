"""Plans built as a user would build them: through the plan's action, acting as whoever writes it."""

from alongside.core.tests.requests import acting_as
from alongside.plans import actions, document_actions
from alongside.plans.answers import GoalAnswer, PlanAnswers
from alongside.plans.documents import CRISIS, ContactAnswer, DocumentAnswers
from alongside.plans.models import DocumentVersion, PlanVersion

GOAL = GoalAnswer("I want to walk to the allotment again", "Walk to the end of the road twice a week", "Sam", "June")


def write_plan(person, by, answers: PlanAnswers | None = None, staff_words: str = actions.PERSON) -> PlanVersion:
    """`by` writes the next version of the person's plan (staff: the person's own words, written down with them)."""
    latest = PlanVersion.objects.filter(person=person).order_by("-number").values_list("number", flat=True).first()
    answers = answers or PlanAnswers(strengths="I am a good cook", goals=(GOAL,), reason="First written")
    return actions.save_plan(acting_as(by), person, answers, latest or 0, staff_words=staff_words)


CRISIS_ANSWERS = DocumentAnswers(
    {
        "signs": "I stop eating and I do not answer the door",
        "helps": "A calm voice, and my cat near me",
        "does_not_help": "Lots of questions at once",
        "treatment": "I would rather not go to hospital if I can be helped at home",
        "practical": "My neighbour Pat has a key and feeds the cat",
    },
    (ContactAnswer("Pat Green", "07700 900123", "my neighbour"),),
    "Written together",
)


def write_document(
    person, by, kind: str = CRISIS, answers: DocumentAnswers | None = None, staff_words: str = actions.PERSON
) -> DocumentVersion:
    """`by` writes the next version of one of the person's documents (the crisis plan, unless told)."""
    latest = (
        DocumentVersion.objects.filter(person=person, kind=kind)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    answers = answers or (CRISIS_ANSWERS if kind == CRISIS else DocumentAnswers({"anything_else": "Tea, not coffee"}))
    return document_actions.save_document(acting_as(by), person, kind, answers, latest or 0, staff_words=staff_words)
