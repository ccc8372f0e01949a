"""The pages of a questionnaire, read from the instrument's FHIR Questionnaire: one question a page, its answer
options, and where the person is in it. Pure: no Django, no database.

The question text and the answer options are the definition's own (PHQ-9 and GAD-7 are free to reproduce; ONS4 is
Crown copyright under the Open Government Licence v3: see each definition's licence). Goal-based outcomes ask the
template question once for each of the person's own goals (`goal-<key>`), up to the instrument's maximum.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .instruments import Instrument

ANSWER = re.compile(r"-?[0-9]{1,3}")  # ASCII digits only: int() would also take other scripts' digits


@dataclass(frozen=True)
class Question:
    link_id: str
    text: str  # the question, or the goal in the person's own words
    options: tuple[tuple[int, str], ...]  # (value, words), in the definition's order
    hint: str = ""  # the shared lead-in ("Over the last 2 weeks..."), or the goal question's own words

    def words_for(self, value: object) -> str:
        return next((words for number, words in self.options if number == value), "")


def _value(option: dict[str, Any]) -> int:
    if "valueInteger" in option:
        return int(option["valueInteger"])
    for extension in option["valueCoding"].get("extension", []):
        if extension.get("url", "").endswith("/ordinalValue"):
            return int(extension["valueDecimal"])
    raise ValueError("an answer option without a number")  # instruments.load refuses such a file


def _display(option: dict[str, Any]) -> str:
    coding = option.get("valueCoding") or {}
    return str(coding.get("display") or option.get("valueInteger", ""))


def _walk(items: list[dict[str, Any]]):
    for item in items:
        yield item
        yield from _walk(item.get("item", []))


def lead_in(instrument: Instrument) -> str:
    """The text shown before the questions (the first display item), if any."""
    return next((i["text"] for i in _walk(instrument.questionnaire["item"]) if i.get("type") == "display"), "")


def questions(instrument: Instrument, goals: list[tuple[str, str]] = ()) -> list[Question]:  # type: ignore[assignment]
    """The questions in order. For goal-based outcomes, one for each goal (at most the instrument's maximum)."""
    found = {i["linkId"]: i for i in _walk(instrument.questionnaire["item"]) if "answerOption" in i}
    if instrument.items_per_person:
        template = next(iter(found.values()))
        options = tuple((_value(o), _display(o)) for o in template["answerOption"])
        return [
            Question(f"goal-{key}", words, options, template["text"])
            for key, words in goals[: instrument.max_person_items]
        ]
    hint = lead_in(instrument)
    return [
        Question(link_id, item["text"], tuple((_value(o), _display(o)) for o in item["answerOption"]), hint)
        for link_id, item in found.items()
    ]


def parse(question: Question, given: object) -> int | None:
    """The chosen option's value from what the form sent, or None when it is not one of the options."""
    if not isinstance(given, str) or not ANSWER.fullmatch(given.strip()):
        return None
    value = int(given.strip())
    return value if any(number == value for number, _ in question.options) else None


def first_unanswered(asked: list[Question], answers: Mapping[str, object]) -> int:
    """The number (from 1) of the first question not yet answered, or len + 1 when all are."""
    return next((n for n, q in enumerate(asked, start=1) if q.link_id not in answers), len(asked) + 1)


def resume_at(instrument: Instrument, answers: Mapping[str, object], goals: list[tuple[str, str]]) -> int:
    """Where someone carries on with a questionnaire they started: the first question not yet answered (the last
    one when all are, for them to go on to check their answers)."""
    asked = questions(instrument, goals)
    return max(1, min(first_unanswered(asked, answers), len(asked)))


def kept(asked: list[Question], answers: Mapping[str, object]) -> dict[str, int]:
    """The answers that still fit the questions asked (a goal since removed from the plan drops out)."""
    known = {q.link_id: q for q in asked}
    return {
        link_id: value
        for link_id, value in answers.items()
        if link_id in known and isinstance(value, int) and known[link_id].words_for(value)
    }
