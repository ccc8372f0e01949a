"""A checklist of the domains of a service environment that helps recovery, defined as data. Plain Python: no
Django here.

Each checklist is one JSON file: a code, a title, a licence note, an answer scale (from the lowest, "Not at all",
to the highest, "Fully"), the words for "Don't know", and groups of domains, each domain with one or more
statements. A statement has two wordings of the same thing: how the team says it ("We ...") and how someone who
uses the service says it ("They ... me"), so the two views can be put side by side. The format is in
docs/guides/service-environment.md.

Alongside ships its own checklist under `checklists/`. A licensed one (an organisation's copy of another
instrument) is imported by an administrator with `alongside environment import`, into a folder outside the code,
and read by the same `load` as the shipped one.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# what a bad file raises, named as this module's own too (core's definition_files reads `loader.DefinitionError`)
from alongside.core.definition_reading import DefinitionError as DefinitionError
from alongside.core.definition_reading import Reader, gather, read_json

SHIPPED = Path(__file__).resolve().parent / "checklists"
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
LONGEST = 300  # characters in any one piece of text
SCALE_SIZES = range(2, 8)
STATEMENTS_PER_DOMAIN = range(1, 5)


@dataclass(frozen=True)
class Statement:
    key: str
    team: str  # "We ask about all of someone's life"
    people: str  # "They ask about all of my life"


@dataclass(frozen=True)
class Domain:
    key: str
    title: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    domains: tuple[Domain, ...]


@dataclass(frozen=True)
class Checklist:
    code: str
    title: str
    licence: str
    scale: tuple[str, ...]  # the answers' words, lowest first: an answer is its place, 0 to len(scale) - 1
    dont_know: str
    groups: tuple[Group, ...]

    @property
    def domains(self) -> tuple[Domain, ...]:
        return tuple(domain for group in self.groups for domain in group.domains)

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(statement for domain in self.domains for statement in domain.statements)

    @property
    def top(self) -> int:
        """The highest answer's number ("Fully")."""
        return len(self.scale) - 1


def shipped() -> dict[str, Checklist]:
    """The checklists Alongside ships, by code."""
    found = (load(path) for path in sorted(SHIPPED.glob("*.json")))
    return {checklist.code: checklist for checklist in found}


def available(imported: Path | None = None) -> dict[str, Checklist]:
    """The shipped checklists and those imported into the folder `imported`. An imported one may not take a code
    that is already taken."""
    return gather(shipped(), imported, load, "checklist")


def load(path: Path) -> Checklist:
    return parse(read_json(path), path.name)


def parse(document: object, name: str = "the checklist") -> Checklist:
    """Check a decoded checklist and build it, or say plainly what is wrong."""
    return _Reader(name).checklist(document)


class _Reader(Reader):
    longest = LONGEST
    too_long = "{where} is longer than {longest} characters"

    def items(self, value: object, where: str, sizes: range | None = None) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(f"{where} must be a list with something in it")
        if sizes is not None and len(value) not in sizes:
            raise self.fail(f"{where} must have from {sizes.start} to {sizes.stop - 1} entries")
        return value

    def key(self, value: object, where: str) -> str:
        key = self.text(value, where)
        if not CODE.match(key):
            raise self.fail(f"{where} {key!r} must be lower-case letters, numbers and hyphens")
        return self.first_use(key, f"the key {key!r} is used twice")

    def checklist(self, document: object) -> Checklist:
        top = self.obj(document, "the file")
        code = self.text(top.get("code"), '"code"')
        if not CODE.match(code):
            raise self.fail(f'"code" {code!r} must be lower-case letters, numbers and hyphens')
        scale = tuple(self.text(word, "each answer in the scale") for word in self.items(top.get("scale"), '"scale"'))
        if len(scale) not in SCALE_SIZES:
            raise self.fail(f'"scale" must have from {SCALE_SIZES.start} to {SCALE_SIZES.stop - 1} answers')
        if len(set(scale)) != len(scale):
            raise self.fail('"scale" has the same answer twice')
        dont_know = self.text(top.get("dont_know"), '"dont_know"')
        if dont_know in scale:
            raise self.fail('"dont_know" must differ from every answer in the scale')
        return Checklist(
            code=code,
            title=self.text(top.get("title"), '"title"'),
            licence=self.text(top.get("licence"), '"licence"'),
            scale=scale,
            dont_know=dont_know,
            groups=tuple(self.group(each) for each in self.items(top.get("groups"), '"groups"')),
        )

    def group(self, value: object) -> Group:
        group = self.obj(value, "each group")
        key = self.key(group.get("key"), "a group's key")
        listed = self.items(group.get("domains"), f'the group "{key}"\'s domains')
        return Group(
            key=key,
            title=self.text(group.get("title"), f'the group "{key}"\'s title'),
            domains=tuple(self.domain(each) for each in listed),
        )

    def domain(self, value: object) -> Domain:
        domain = self.obj(value, "each domain")
        key = self.key(domain.get("key"), "a domain's key")
        listed = self.items(domain.get("statements"), f'the domain "{key}"\'s statements', STATEMENTS_PER_DOMAIN)
        return Domain(
            key=key,
            title=self.text(domain.get("title"), f'the domain "{key}"\'s title'),
            statements=tuple(self.statement(each) for each in listed),
        )

    def statement(self, value: object) -> Statement:
        statement = self.obj(value, "each statement")
        key = self.key(statement.get("key"), "a statement's key")
        return Statement(
            key=key,
            team=self.text(statement.get("team"), f'the statement "{key}"\'s team wording'),
            people=self.text(statement.get("people"), f'the statement "{key}"\'s wording for people'),
        )
