"""Definitions as data: the shipped one reads; a bad file is refused with a plain message naming what is wrong."""

import copy
import json

import pytest

from alongside.climate import definitions
from alongside.climate.definitions import DefinitionError

GOOD = json.loads((definitions.SHIPPED / "team-climate.json").read_text())


def test_the_shipped_pulse_covers_the_four_areas_in_two_statements_each():
    shipped = definitions.shipped()[definitions.DEFAULT]
    assert [a.name for a in shipped.areas] == ["Safe to speak up", "Support", "Shared purpose", "Time to reflect"]
    assert all(len(a.statements) == 2 for a in shipped.areas)
    assert shipped.labels == ("Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree")


def changed(**what):
    document = copy.deepcopy(GOOD)
    for path, value in what.items():
        *parents, last = path.split("__")
        target = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return document


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "the file must be an object"),
        (changed(code="Team Climate!"), '"code" must be lower-case letters'),
        (changed(scale__labels=["No", "Yes"]), "scale.labels must name each of the 5 points from 1 to 5"),
        (changed(scale__min=5), "scale.min must be below scale.max"),
        (changed(areas=[]), '"areas" must list one or more'),
        (changed(areas__0__statements__0__key="support_ask"), 'the key "support_ask" is used twice'),
        (changed(areas__0__statements__0__text=""), "text must be some text"),
        (changed(areas__0__statements__0__reversed="yes"), '"reversed" must be true or false'),
        (changed(title=None), '"title" must be some text'),
    ],
)
def test_a_bad_definition_is_refused_saying_what_is_wrong(document, message):
    with pytest.raises(DefinitionError, match="^licensed.json: ") as problem:
        definitions.parse(document, "licensed.json")
    assert message in str(problem.value)


def test_an_imported_file_may_not_take_a_shipped_code(tmp_path):
    (tmp_path / "copy.json").write_text(json.dumps(GOOD))
    with pytest.raises(DefinitionError, match="is taken by another definition"):
        definitions.available(tmp_path)
