"""Reading definitions kept as JSON files (outcome questionnaires, team climate pulses, service environment
checklists): the shipped ones and those an administrator imported into a folder (ADR 29). Plain Python: no Django.

Each kind checks its own document (its `parse`); what they share is here: reading a file as JSON with a plain
message when it cannot be, the checks every kind makes of a value (`Reader`: an object, some text, a whole number,
...), and gathering the imported files beside the shipped ones, where an imported file may not take a code that is
already taken.
"""

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, Protocol


class DefinitionError(ValueError):
    """A definition file that cannot be used, with a message an administrator can act on."""


class Coded(Protocol):
    @property
    def code(self) -> str: ...


class Reader:
    """The checks each kind's reader makes of one value in a definition, each failing with a DefinitionError that
    names the file (`name`) and the place in it (`where`). A kind's reader is a subclass that adds its own fields.

    Text: `longest` is the most characters one piece of text may have (None: no limit), `too_long` the message
    when it has more, and `strips` whether the text is kept without the spaces around it."""

    longest: ClassVar[int | None] = None
    too_long: ClassVar[str] = "{where} must be {longest} characters or fewer"
    strips: ClassVar[bool] = True

    def __init__(self, name: str) -> None:
        self.name = name
        self.keys: set[str] = set()  # the keys used so far in this file, for kinds whose keys must differ

    def fail(self, message: str) -> DefinitionError:
        return DefinitionError(f"{self.name}: {message}")

    def obj(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where} must be an object")
        return value

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where} must be some text")
        if self.longest is not None and len(value) > self.longest:
            raise self.fail(self.too_long.format(where=where, longest=self.longest))
        return value.strip() if self.strips else value

    def number(self, value: object, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(f"{where} must be a number")
        return float(value)

    def whole(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{where} must be a whole number")
        return value

    def flag(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(f"{where} must be true or false")
        return value

    def strings(self, value: object, where: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(f"{where} must be a list")
        return tuple(self.text(each, where) for each in value)

    def first_use(self, key: str, used_twice: str) -> str:
        """`key`, noted as used; the message `used_twice` if it was used before in this file."""
        if key in self.keys:
            raise self.fail(used_twice)
        self.keys.add(key)
        return key


def read_json(path: Path) -> object:
    """The file's JSON document, or a DefinitionError naming the file and what is wrong."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DefinitionError(f"{path.name}: cannot be read ({error.strerror})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DefinitionError(f"{path.name}: is not valid JSON ({error})") from error


def gather[Found: Coded](
    shipped: dict[str, Found], imported: Path | None, load: Callable[[Path], Found], what: str
) -> dict[str, Found]:
    """The shipped definitions and each file imported into the folder `imported` (if there is one), by code, in the
    order of the files' names. `what` names one in a word ("checklist") for the message about a taken code."""
    found = dict(shipped)
    for path in sorted(imported.glob("*.json")) if imported is not None and imported.is_dir() else ():
        one = load(path)
        if one.code in found:
            raise DefinitionError(f"{path.name}: the code {one.code!r} is taken by another {what}")
        found[one.code] = one
    return found
