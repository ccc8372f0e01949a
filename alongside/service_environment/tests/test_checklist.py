"""The checklist is data: the shipped one reads and holds only the project's own words; a file with a problem is
refused with a message naming what is wrong; an imported file may not take a code already taken."""

import copy
import json

import pytest

from alongside.service_environment import checklist
from alongside.service_environment.checklist import DefinitionError, parse

SHIPPED = checklist.SHIPPED / "recovery-environment.json"


def document() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_the_shipped_checklist_has_groups_of_domains_each_with_one_or_two_statements():
    found = checklist.shipped()["recovery-environment"]
    assert [g.title for g in found.groups] == ["Seeing the whole person", "The person leads", "Part of the community"]
    assert found.scale == ("Not at all", "A little", "Mostly", "Fully") and found.dont_know == "Don't know"
    assert all(1 <= len(d.statements) <= 2 for d in found.domains)
    assert all(s.team.startswith("We ") or s.team.startswith("People") for s in found.statements)
    assert len({s.key for s in found.statements}) == len(found.statements)


def broken(change) -> dict:
    bad = copy.deepcopy(document())
    change(bad)
    return bad


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.pop("title"), '"title" must be some text'),
        (lambda d: d.update(code="Has Spaces"), "lower-case letters"),
        (lambda d: d.update(scale=["Only one"]), '"scale" must have from 2 to 7'),
        (lambda d: d.update(scale=["Yes", "Yes"]), "same answer twice"),
        (lambda d: d.update(dont_know="Fully"), "must differ"),
        (lambda d: d.update(groups=[]), '"groups" must be a list with something in it'),
        (lambda d: d["groups"][0]["domains"][0].update(statements=[]), "statements"),
        (lambda d: d["groups"][0]["domains"][1].update(key="whole-life"), "used twice"),
        (lambda d: d["groups"][0]["domains"][0]["statements"][0].pop("people"), "wording for people"),
        (lambda d: d["groups"][0]["domains"][0]["statements"][0].update(team="x" * 301), "longer than 300"),
    ],
)
def test_a_file_with_a_problem_says_what_is_wrong(change, said):
    with pytest.raises(DefinitionError, match=said):
        parse(broken(change), "mine.json")


def test_an_imported_file_may_not_take_a_code_already_taken(tmp_path):
    (tmp_path / "copy.json").write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DefinitionError, match="taken"):
        checklist.available(tmp_path)
    (tmp_path / "copy.json").write_text(json.dumps(document() | {"code": "ours"}), encoding="utf-8")
    assert set(checklist.available(tmp_path)) == {"recovery-environment", "ours"}


def test_a_file_that_is_not_json_is_refused(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(DefinitionError, match="bad.json: is not valid JSON"):
        checklist.load(bad)
