"""The instrument definitions: every shipped file loads, is a valid FHIR Questionnaire, keeps its licence note and
cites its sources; a bad file is refused with a plain message naming the file and the fault."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from alongside.outcomes import instruments
from alongside.outcomes.instruments import DefinitionError

EXAMPLE = instruments.DEFINITIONS / "examples" / "example-two-items.json"
SHIPPED = sorted(instruments.DEFINITIONS.glob("*.json"))


def test_the_product_ships_phq9_gad7_ons4_and_goals() -> None:
    assert set(instruments.shipped()) == {"phq-9", "gad-7", "ons4", "gbo"}


@pytest.mark.parametrize("path", [*SHIPPED, EXAMPLE], ids=lambda p: p.name)
def test_each_definition_is_a_valid_fhir_questionnaire(path: Path) -> None:
    instrument = instruments.load(path)
    questionnaire = Questionnaire.model_validate(instrument.questionnaire)
    assert questionnaire.id == instrument.code
    assert "alongside" not in instrument.questionnaire  # our own block is not sent as FHIR


@pytest.mark.parametrize("path", [*SHIPPED, EXAMPLE], ids=lambda p: p.name)
def test_answers_in_the_projects_shape_make_a_valid_questionnaire_response(path: Path) -> None:
    instrument = instruments.load(path)
    link_ids = instrument.items or ("goal-1",)
    response = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": instrument.questionnaire["url"],
        "status": "completed",
        "item": [{"linkId": link_id, "answer": [{"valueInteger": instrument.scale_min}]} for link_id in link_ids],
    }
    assert QuestionnaireResponse.model_validate(response).status == "completed"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_definition_keeps_its_licence_and_cites_its_figures(path: Path) -> None:
    instrument = instruments.load(path)
    scoring = json.loads(path.read_text())["alongside"]["scoring"]
    assert instrument.licence and instrument.questionnaire["copyright"]
    assert instrument.completed_by == {"person", "staff_with_person"}
    assert instrument.missing.source
    if instrument.method == "total":
        assert scoring["bands_source"] and instrument.reliable_change and instrument.reliable_change.source


def test_the_licences_are_the_ones_that_allow_shipping() -> None:
    shipped = instruments.shipped()
    assert "Pfizer" in shipped["phq-9"].licence and "Pfizer" in shipped["gad-7"].licence
    assert "Open Government Licence v3.0" in shipped["ons4"].licence


def test_the_example_holds_no_licensed_text_and_computes_its_threshold_from_sd_and_reliability() -> None:
    example = instruments.load(EXAMPLE)
    assert "Invented" in example.questionnaire["copyright"]
    assert example.reversed == {"ex-2"}
    assert example.reliable_change is not None
    assert example.reliable_change.threshold == pytest.approx(1.96 * 1.5 * 2**0.5 * 0.2**0.5)


def _broken(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    document = json.loads(EXAMPLE.read_text())
    change(document)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document))
    return path


BREAKAGES = {
    "not a questionnaire": (lambda d: d.update(resourceType="Patient"), '"resourceType" must be "Questionnaire"'),
    "no scoring block": (lambda d: d.pop("alongside"), 'the "alongside" block must be an object'),
    "scoring an unknown question": (
        lambda d: d["alongside"]["scoring"]["items"].append("ex-9"),
        'scoring names "ex-9", which is not a question',
    ),
    "reversing an unscored question": (
        lambda d: d["alongside"]["scoring"]["reversed"].append("ex-3"),
        "scoring.reversed names questions that are not scored",
    ),
    "a gap between bands": (
        lambda d: d["alongside"]["scoring"]["bands"][1].update(low=4),
        '"Sometimes out" must start one above where "Seldom out" ends',
    ),
    "bands short of the top": (
        lambda d: d["alongside"]["scoring"]["bands"][2].update(high=5),
        "scoring.bands must run from 0 to 6",
    ),
    "an answer with no number": (
        lambda d: d["item"][0]["answerOption"][0]["valueCoding"].pop("extension"),
        'an answer of "ex-1" has no ordinalValue extension',
    ),
    "an answer off the scale": (
        lambda d: d["item"][0]["answerOption"][0]["valueCoding"]["extension"][0].update(valueDecimal=7),
        'question "ex-1" has answer values [7.0] outside the scale 0 to 3',
    ),
    "a reliability of 1": (
        lambda d: d["alongside"]["scoring"]["reliable_change"].update(reliability=1),
        "a reliability from 0 up to (not including) 1",
    ),
    "an unknown completer": (
        lambda d: d["alongside"].update(completed_by=["anyone"]),
        '"completed_by" must name one or more of',
    ),
    "a linkId used twice": (lambda d: d["item"][1].update(linkId="ex-1"), 'the linkId "ex-1" is used twice'),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_a_bad_definition_is_refused_with_a_plain_message_naming_the_file(tmp_path: Path, name: str) -> None:
    change, message = BREAKAGES[name]
    with pytest.raises(DefinitionError) as refused:
        instruments.load(_broken(tmp_path, change))
    assert str(refused.value).startswith("broken.json: ")
    assert message in str(refused.value)


def test_a_file_that_is_not_json_is_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text("{ not json")
    with pytest.raises(DefinitionError, match=r"^mine\.json: is not valid JSON"):
        instruments.load(path)


def test_a_missing_file_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match=r"^absent\.json: cannot be read"):
        instruments.load(tmp_path / "absent.json")


def test_loading_does_not_change_the_document_it_was_given() -> None:
    document = json.loads(EXAMPLE.read_text())
    before = copy.deepcopy(document)
    instruments.parse(document, "example")
    assert document == before
