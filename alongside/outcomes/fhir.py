"""A stored response as a FHIR R4 QuestionnaireResponse, for other systems (the API, issue 15 item 7).

Each instrument's definition is already a FHIR Questionnaire (instruments.py), so a response points at it by its
canonical `url` and answers each question as that Questionnaire defines it: where a question's options are codings
(every shipped instrument), the answer is the chosen option's `valueCoding` (system, code, display, and its number
in the ordinalValue extension); where they are integers, a `valueInteger`.

Goal-based outcomes have one template question ("goal") and the person's own goals as the items: each rated goal is
an item with the linkId it was answered under (`goal-<key>`), the goal in the person's words as its text, and the
template's answer option for the rating.

Plain Python: it takes the response's fields, not the model, so that it needs no database.
"""

from datetime import datetime
from typing import Any

from .instruments import ORDINAL_VALUE, Instrument

FHIR_BASE = "https://alongside.example/fhir"


def _options(instrument: Instrument) -> dict[str, dict[str, Any]]:
    """Every question with answer options, by linkId: the question itself (nested groups included)."""
    found: dict[str, dict[str, Any]] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if "answerOption" in item:
                found[item["linkId"]] = item
            walk(item.get("item", []))

    walk(instrument.questionnaire.get("item", []))
    return found


def _number(option: dict[str, Any]) -> float | None:
    if "valueInteger" in option:
        return float(option["valueInteger"])
    for extension in option.get("valueCoding", {}).get("extension", []):
        if extension.get("url") == ORDINAL_VALUE:
            return float(extension["valueDecimal"])
    return None


def answer_for(question: dict[str, Any], value: float) -> dict[str, Any]:
    """The answer option of `question` whose number is `value`, as a QuestionnaireResponse answer."""
    for option in question.get("answerOption", []):
        if _number(option) == float(value):
            if "valueInteger" in option:
                return {"valueInteger": option["valueInteger"]}
            return {"valueCoding": dict(option["valueCoding"])}
    return {"valueInteger": int(value)} if float(value).is_integer() else {"valueDecimal": value}


def questionnaire_response(
    instrument: Instrument,
    *,
    response_id: int,
    person_id: int,
    answers: dict[str, float],
    goals: dict[str, str],
    authored: datetime,
) -> dict[str, Any]:
    """The response as a FHIR R4 QuestionnaireResponse (a dict ready for JSON), its items in the Questionnaire's
    order (goals in the order they were rated)."""
    questions = _options(instrument)
    template = questions.get("goal") if instrument.items_per_person else None
    order = list(questions) if not instrument.items_per_person else list(answers)
    items = []
    for link_id in order:
        if link_id not in answers:
            continue
        question = template if template is not None else questions[link_id]
        item: dict[str, Any] = {"linkId": link_id, "answer": [answer_for(question, answers[link_id])]}
        text = goals.get(link_id) if instrument.items_per_person else question.get("text")
        if text:
            item["text"] = text
        items.append(item)
    return {
        "resourceType": "QuestionnaireResponse",
        "id": str(response_id),
        "questionnaire": instrument.questionnaire.get("url", f"{FHIR_BASE}/Questionnaire/{instrument.code}"),
        "status": "completed",
        "subject": {"reference": f"Patient/{person_id}"},
        "authored": authored.isoformat(),
        "item": items,
    }
