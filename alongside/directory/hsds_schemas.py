"""The HSDS 3.0 JSON schemas the open data is checked against (copied under hsds_schema/, see its README), as
validators. `validator("service")` checks a fully nested service against HSDS 3.0; `validator("service", uk=True)`
against the UK profile's. Formats (uuid, email, uri, date-time) are checked too."""

import json
from functools import cache
from pathlib import Path

import jsonschema_rs

FOLDER = Path(__file__).parent / "hsds_schema"


def _load(relative: str) -> dict:
    return json.loads((FOLDER / relative).read_text())


def _retrieve(uri: str) -> dict:
    """The schemas refer to their neighbours by file name ("taxonomy.json"); only those copied here are known."""
    name = uri.rstrip("/").rsplit("/", 1)[-1]
    if not name.endswith(".json") or not (FOLDER / name).is_file():
        raise ValueError(f"No copy of the schema {uri}")
    return _load(name)


@cache
def validator(name: str, uk: bool = False):
    schema = _load(f"uk/{name}.json" if uk else f"{name}.json")
    return jsonschema_rs.validator_for(
        schema, validate_formats=True, retriever=_retrieve, base_uri=f"file:///hsds/{name}.json"
    )


def problems(name: str, instance, uk: bool = False) -> list[tuple[list, str]]:
    """Each way the instance breaks the schema: (its path, as a list of keys and positions; the message)."""
    return [(list(error.instance_path), error.message) for error in validator(name, uk).iter_errors(instance)]
