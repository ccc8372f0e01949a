"""Outcome measures defined as data (issue 15, item 3). Plain Python: no Django here.

Each instrument is one JSON file under `definitions/`: a FHIR R4 Questionnaire (items with `linkId`, `text` and
`answerOption`s whose `valueCoding` carries its number in the `ordinalValue` extension), plus one sibling key,
`alongside`, holding what FHIR has no place for: the licence note, who may complete it, the answer scale, and the
scoring (items, reversed items, subscales, the missing-answer rule, bands, direction and reliable change). The
format, and why it is shaped so, is in docs/guides/outcome-measures-format.md.

`load(path)` reads one file and checks it; a bad file raises `DefinitionError` with a plain message naming the
file and what is wrong. `shipped()` loads every definition the product ships, keyed by code.
"""

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

# what a bad file raises, named as this module's own too (core's definition_files reads `loader.DefinitionError`)
from alongside.core.definition_reading import DefinitionError as DefinitionError
from alongside.core.definition_reading import Reader, gather, read_json

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
COMPLETERS = frozenset({"person", "staff_with_person"})

type Method = Literal["total", "per_item"]


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Subscale:
    code: str
    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class MissingRule:
    """At most `max_missing` scored items may be unanswered; then the score is prorated (the mean of the answered
    items times the number of items, rounded half up) or, if not prorated, the sum of those answered."""

    max_missing: int
    prorate: bool
    source: str


@dataclass(frozen=True)
class ReliableChange:
    """The smallest change that is more than measurement error: published, or computed by Jacobson and Truax."""

    threshold: float
    source: str


@dataclass(frozen=True)
class ItemScoring:
    """How one item is read on its own, for instruments with no total (ONS4, goal-based outcomes)."""

    lower_is_better: bool
    bands: tuple[Band, ...]
    reliable_change: ReliableChange | None


@dataclass(frozen=True)
class Instrument:
    code: str
    title: str
    questionnaire: dict[str, Any] = field(repr=False, compare=False)
    licence: str
    completed_by: frozenset[str]
    scale_min: int
    scale_max: int
    method: Method
    items: tuple[str, ...]
    reversed: frozenset[str]
    subscales: tuple[Subscale, ...]
    missing: MissingRule
    lower_is_better: bool
    bands: tuple[Band, ...]
    reliable_change: ReliableChange | None
    per_item: dict[str, ItemScoring] = field(compare=False)
    # Goal-based outcomes: the items are the person's own goals, each scored as this default says.
    items_per_person: bool = False
    per_item_default: ItemScoring | None = None
    max_person_items: int = 0

    def item_scoring(self, link_id: str) -> ItemScoring | None:
        found = self.per_item.get(link_id)
        return found if found is not None else self.per_item_default


def jacobson_truax_threshold(sd: float, reliability: float) -> float:
    """The reliable change index in the measure's own points: 1.96 x SD x sqrt(2) x sqrt(1 - r)."""
    return 1.96 * sd * math.sqrt(2) * math.sqrt(1 - reliability)


def shipped() -> dict[str, Instrument]:
    """Every instrument the product ships (not the examples), keyed by code."""
    found = (load(path) for path in sorted(DEFINITIONS.glob("*.json")))
    return {instrument.code: instrument for instrument in found}


def available(imported: Path | None = None) -> dict[str, Instrument]:
    """The instruments the product ships, and those an administrator imported into the `imported` folder from
    their organisation's licensed copy (see `alongside instruments import`). An imported file may not take a
    shipped instrument's code."""
    return gather(shipped(), imported, load, "instrument")


def load(path: Path) -> Instrument:
    return parse(read_json(path), path.name)


def parse(document: object, name: str = "the definition") -> Instrument:
    """Check a decoded definition and build its Instrument, or say plainly what is wrong."""
    return _Reader(name).instrument(document)


class _Reader(Reader):
    strips = False  # an instrument's texts are kept as written

    def instrument(self, document: object) -> Instrument:
        questionnaire = dict(self.obj(document, "the file"))
        if questionnaire.get("resourceType") != "Questionnaire":
            raise self.fail('"resourceType" must be "Questionnaire"')
        own = self.obj(questionnaire.pop("alongside", None), 'the "alongside" block')
        code = self.text(questionnaire.get("id"), '"id" (the instrument\'s code)')
        title = self.text(questionnaire.get("title"), '"title"')
        options = self.questions(questionnaire.get("item"))

        scale = self.obj(own.get("scale"), '"alongside.scale"')
        low, high = self.whole(scale.get("min"), "scale.min"), self.whole(scale.get("max"), "scale.max")
        if low >= high:
            raise self.fail("scale.min must be below scale.max")
        for link_id, values in options.items():
            outside = [v for v in values if not low <= v <= high]
            if outside:
                raise self.fail(f'question "{link_id}" has answer values {outside} outside the scale {low} to {high}')

        completed_by = frozenset(self.strings(own.get("completed_by"), '"completed_by"'))
        if not completed_by or not completed_by <= COMPLETERS:
            raise self.fail(f'"completed_by" must name one or more of {sorted(COMPLETERS)}')

        scoring = self.obj(own.get("scoring"), '"alongside.scoring"')
        method = scoring.get("method")
        if method not in ("total", "per_item"):
            raise self.fail('scoring.method must be "total" or "per_item"')
        items = self.strings(scoring.get("items", []), "scoring.items")
        per_person = scoring.get("items_per_person")
        default: ItemScoring | None = None
        max_person_items = 0
        if per_person is not None:
            template = self.text(self.obj(per_person, "scoring.items_per_person").get("template"), "its template")
            max_person_items = self.whole(per_person.get("max_items"), "items_per_person.max_items")
            if max_person_items < 1:
                raise self.fail("items_per_person.max_items must be 1 or more")
            if template not in options:
                raise self.fail(f'the per-person template "{template}" is not a question in "item"')
            if method != "per_item":
                raise self.fail('items supplied per person need scoring.method "per_item"')
            default = self.item(scoring.get("per_item_default"), "scoring.per_item_default", low, high)
        elif not items:
            raise self.fail("scoring.items must list the scored questions")
        for link_id in items:
            if link_id not in options:
                raise self.fail(f'scoring names "{link_id}", which is not a question with answers in "item"')
        if len(set(items)) != len(items):
            raise self.fail("scoring.items lists a question twice")

        reversed_ = frozenset(self.strings(scoring.get("reversed", []), "scoring.reversed"))
        if not reversed_ <= set(items):
            raise self.fail(f"scoring.reversed names questions that are not scored: {sorted(reversed_ - set(items))}")
        subscales = tuple(self.subscale(each, set(items)) for each in scoring.get("subscales", []))

        rule = self.obj(scoring.get("missing"), "scoring.missing")
        missing = MissingRule(
            max_missing=self.whole(rule.get("max_missing"), "missing.max_missing"),
            prorate=self.flag(rule.get("prorate"), "missing.prorate"),
            source=self.text(rule.get("source"), "missing.source"),
        )
        if not 0 <= missing.max_missing <= max(len(items), 3 if per_person is not None else 0):
            raise self.fail("missing.max_missing must be between 0 and the number of scored questions")

        per_item: dict[str, ItemScoring] = {}
        bands: tuple[Band, ...] = ()
        change: ReliableChange | None = None
        lower_is_better = False
        if method == "total":
            lower_is_better = self.flag(scoring.get("lower_is_better"), "scoring.lower_is_better")
            bands = self.bands(scoring.get("bands"), "scoring.bands", low * len(items), high * len(items))
            change = self.change(scoring.get("reliable_change"), "scoring.reliable_change")
        else:
            given = self.obj(scoring.get("per_item", {}), "scoring.per_item")
            for link_id, each in given.items():
                if link_id not in items:
                    raise self.fail(f'scoring.per_item names "{link_id}", which is not scored')
                per_item[link_id] = self.item(each, f'scoring.per_item "{link_id}"', low, high)
            if per_person is None and set(per_item) != set(items):
                raise self.fail("scoring.per_item must say how each scored question is read")

        return Instrument(
            code=code,
            title=title,
            questionnaire=questionnaire,
            licence=self.text(own.get("licence"), '"licence"'),
            completed_by=completed_by,
            scale_min=low,
            scale_max=high,
            method=method,
            items=items,
            reversed=reversed_,
            subscales=subscales,
            missing=missing,
            lower_is_better=lower_is_better,
            bands=bands,
            reliable_change=change,
            per_item=per_item,
            items_per_person=per_person is not None,
            per_item_default=default,
            max_person_items=max_person_items,
        )

    def questions(self, value: object) -> dict[str, list[float]]:
        """Every question with answer options, by linkId, with its options' numbers (nested groups included)."""
        if not isinstance(value, list) or not value:
            raise self.fail('"item" must list the questions')
        found: dict[str, list[float]] = {}
        seen: set[str] = set()

        def walk(entries: list[Any]) -> None:
            for entry in entries:
                question = self.obj(entry, "each item")
                link_id = self.text(question.get("linkId"), 'each item\'s "linkId"')
                if link_id in seen:
                    raise self.fail(f'the linkId "{link_id}" is used twice')
                seen.add(link_id)
                if "answerOption" in question:
                    found[link_id] = [self.ordinal(o, link_id) for o in question["answerOption"]]
                walk(question.get("item", []))

        walk(value)
        return found

    def ordinal(self, value: object, link_id: str) -> float:
        option = self.obj(value, f'an answer option of "{link_id}"')
        if "valueInteger" in option:
            return self.number(option["valueInteger"], f'an answer of "{link_id}"')
        coding = self.obj(option.get("valueCoding"), f'an answer of "{link_id}" (valueCoding or valueInteger)')
        for extension in coding.get("extension", []):
            if isinstance(extension, dict) and extension.get("url") == ORDINAL_VALUE:
                return self.number(extension.get("valueDecimal"), f'the ordinalValue of an answer of "{link_id}"')
        raise self.fail(f'an answer of "{link_id}" has no ordinalValue extension giving its number')

    def subscale(self, value: object, scored: set[str]) -> Subscale:
        entry = self.obj(value, "each subscale")
        subscale = Subscale(
            code=self.text(entry.get("code"), "a subscale's code"),
            label=self.text(entry.get("label"), "a subscale's label"),
            items=self.strings(entry.get("items"), "a subscale's items"),
        )
        if not subscale.items or not set(subscale.items) <= scored:
            raise self.fail(f'the subscale "{subscale.code}" must list scored questions only')
        return subscale

    def bands(self, value: object, where: str, low: float, high: float) -> tuple[Band, ...]:
        """Bands in order, touching and not overlapping, from the lowest possible score to the highest."""
        if not isinstance(value, list):
            raise self.fail(f"{where} must be a list")
        bands = []
        for entry in value:
            band = self.obj(entry, f"each of {where}")
            bands.append(
                Band(
                    low=self.number(band.get("low"), f"a band's low in {where}"),
                    high=self.number(band.get("high"), f"a band's high in {where}"),
                    label=self.text(band.get("label"), f"a band's label in {where}"),
                )
            )
        if not bands:
            return ()
        if bands[0].low != low or bands[-1].high != high:
            raise self.fail(f"{where} must run from {low:g} to {high:g}")
        for before, after in zip(bands, bands[1:], strict=False):
            if before.low > before.high or after.low != before.high + 1:
                raise self.fail(f'{where}: "{after.label}" must start one above where "{before.label}" ends')
        return tuple(bands)

    def change(self, value: object, where: str) -> ReliableChange | None:
        if value is None:
            return None
        entry = self.obj(value, where)
        source = self.text(entry.get("source"), f"{where}.source")
        if "threshold" in entry:
            threshold = self.number(entry["threshold"], f"{where}.threshold")
        else:
            sd = self.number(entry.get("sd"), f"{where}.sd (or a threshold)")
            reliability = self.number(entry.get("reliability"), f"{where}.reliability")
            if sd <= 0 or not 0 <= reliability < 1:
                raise self.fail(f"{where} needs an SD above 0 and a reliability from 0 up to (not including) 1")
            threshold = jacobson_truax_threshold(sd, reliability)
        if threshold <= 0:
            raise self.fail(f"{where}.threshold must be above 0")
        return ReliableChange(threshold=threshold, source=source)

    def item(self, value: object, where: str, low: int, high: int) -> ItemScoring:
        entry = self.obj(value, where)
        return ItemScoring(
            lower_is_better=self.flag(entry.get("lower_is_better"), f"{where}.lower_is_better"),
            bands=self.bands(entry.get("bands", []), f"{where}.bands", low, high),
            reliable_change=self.change(entry.get("reliable_change"), f"{where}.reliable_change"),
        )
