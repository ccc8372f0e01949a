"""The standards sets that ship with Alongside, as data files: loaded by a data migration, and again by `install`
wherever a database has lost them (a test database flushed between tests, a demo database emptied)."""

import json
from pathlib import Path

HERE = Path(__file__).parent
SHIPPED = ("devon-ten",)


def shipped(key: str) -> dict:
    """A shipped set's data: {"key", "name", "standards": [{"number", "key", "title", "meaning", "evidence"?}]}."""
    return json.loads((HERE / f"{key}.json").read_text())


def install(standard_set_model, standard_model, key: str = "devon-ten"):
    """Make (or bring up to date) a shipped set with the given models (the migration's historical ones, or the
    app's own): idempotent."""
    data = shipped(key)
    made, _ = standard_set_model.objects.get_or_create(
        key=data["key"], organisation=None, defaults={"name": data["name"]}
    )
    for item in data["standards"]:
        standard_model.objects.update_or_create(
            standard_set=made,
            number=item["number"],
            defaults={name: item.get(name, "") for name in ("key", "title", "meaning", "evidence")},
        )
    return made
