"""What a team's monthly pulse asks, defined as data. Plain Python: no Django here.

A definition is one JSON file: its `code`, `title` and `licence`, an agree-disagree `scale` (its lowest and highest
numbers and a label for each point), and its `areas` (safe to speak up, support, ...), each with one or more
`statements` (a `key`, the `text`, and `reversed: true` when agreeing is the less good answer). Alongside ships its
own (`definitions/`); an organisation imports a licensed one (the Team Climate Inventory, say) from its own copy
with `alongside climate import FILE` (ADR 29, ADR 39). The format is in docs/guides/climate.md.

There is no free text anywhere in a definition's answers: with so few people in a team, words can identify someone.
`load(path)` reads one file and checks it; a bad file raises `DefinitionError` with a plain message naming the file
and what is wrong.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# what a bad file raises, named as this module's own too (core's definition_files reads `loader.DefinitionError`)
from alongside.core.definition_reading import DefinitionError as DefinitionError
from alongside.core.definition_reading import Reader, gather, read_json

SHIPPED = Path(__file__).resolve().parent / "definitions"
DEFAULT = "team-climate"
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
MOST_AREAS, MOST_STATEMENTS = 12, 12
LONGEST_TEXT = 300


@dataclass(frozen=True)
class Statement:
    key: str
    text: str
    reversed: bool = False


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Definition:
    code: str
    title: str
    licence: str
    scale_min: int
    scale_max: int
    labels: tuple[str, ...]  # one for each point of the scale, lowest first
    areas: tuple[Area, ...]

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for area in self.areas for s in area.statements)

    @property
    def points(self) -> tuple[tuple[int, str], ...]:
        """Each point of the scale, (its number, its label), lowest first."""
        return tuple(zip(range(self.scale_min, self.scale_max + 1), self.labels, strict=True))

    def scored(self, statement: Statement, value: int) -> int:
        """The answer as the results read it: a reversed statement's scale turned round."""
        return self.scale_min + self.scale_max - value if statement.reversed else value

    def positive(self, statement: Statement, value: int) -> bool:
        """Agreeing with a good statement, or disagreeing with a reversed one: above the middle of the scale."""
        return 2 * self.scored(statement, value) > self.scale_min + self.scale_max

    def area(self, key: str) -> Area | None:
        return next((area for area in self.areas if area.key == key), None)


def shipped() -> dict[str, Definition]:
    """Every definition the product ships, keyed by code."""
    found = (load(path) for path in sorted(SHIPPED.glob("*.json")))
    return {definition.code: definition for definition in found}


def available(imported: Path | None = None) -> dict[str, Definition]:
    """The shipped definitions and those imported into the `imported` folder. An imported file may not take a
    shipped definition's code."""
    return gather(shipped(), imported, load, "definition")


def load(path: Path) -> Definition:
    return parse(read_json(path), path.name)


def parse(document: object, name: str = "the definition") -> Definition:
    """Check a decoded definition and build it, or say plainly what is wrong."""
    return _Reader(name).definition(document)


class _Reader(Reader):
    longest = LONGEST_TEXT

    def listed(self, value: object, where: str, most: int) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(f"{where} must list one or more")
        if len(value) > most:
            raise self.fail(f"{where} may list at most {most}")
        return value

    def key(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not KEY.match(value):
            raise self.fail(f"{where} must be lower-case letters, numbers, - and _ (up to 60)")
        return self.first_use(value, f'the key "{value}" is used twice')

    def definition(self, document: object) -> Definition:
        top = self.obj(document, "the file")
        code = self.key(top.get("code"), '"code"')
        scale = self.obj(top.get("scale"), '"scale"')
        low, high = self.whole(scale.get("min"), "scale.min"), self.whole(scale.get("max"), "scale.max")
        if not 0 <= low < high <= 10:
            raise self.fail("scale.min must be below scale.max, both from 0 to 10")
        labels = tuple(
            self.text(each, "each of scale.labels") for each in self.listed(scale.get("labels"), "scale.labels", 11)
        )
        if len(labels) != high - low + 1:
            raise self.fail(f"scale.labels must name each of the {high - low + 1} points from {low} to {high}")
        areas = tuple(self.area(each) for each in self.listed(top.get("areas"), '"areas"', MOST_AREAS))
        return Definition(
            code=code,
            title=self.text(top.get("title"), '"title"'),
            licence=self.text(top.get("licence"), '"licence"'),
            scale_min=low,
            scale_max=high,
            labels=labels,
            areas=areas,
        )

    def area(self, value: object) -> Area:
        entry = self.obj(value, "each area")
        key = self.key(entry.get("key"), "an area's key")
        statements = self.listed(entry.get("statements"), f'the area "{key}"\'s statements', MOST_STATEMENTS)
        return Area(
            key, self.text(entry.get("name"), f'the area "{key}"\'s name'), tuple(map(self.statement, statements))
        )

    def statement(self, value: object) -> Statement:
        entry = self.obj(value, "each statement")
        key = self.key(entry.get("key"), "a statement's key")
        reversed_ = entry.get("reversed", False)
        if not isinstance(reversed_, bool):
            raise self.fail(f'the statement "{key}"\'s "reversed" must be true or false')
        return Statement(key, self.text(entry.get("text"), f'the statement "{key}"\'s text'), reversed_)
