"""Reading definitions kept as JSON files (outcome questionnaires, team climate pulses, service environment
checklists): the shipped ones and those an administrator imported into a folder (ADR 29). Plain Python: no Django.

Each kind checks its own document (its `parse`); what they share is here: reading a file as JSON with a plain
message when it cannot be, and gathering the imported files beside the shipped ones, where an imported file may not
take a code that is already taken.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Protocol


class DefinitionError(ValueError):
    """A definition file that cannot be used, with a message an administrator can act on."""


class Coded(Protocol):
    @property
    def code(self) -> str: ...


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
