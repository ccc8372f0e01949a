"""An administrator imports a checklist from their organisation's licensed copy: a good file joins the shipped one,
a file with a problem or a taken code changes nothing, and a second import needs --replace."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alongside.service_environment import checklist, queries

SHIPPED = checklist.SHIPPED / "recovery-environment.json"


@pytest.fixture
def folder(tmp_path, settings):
    settings.INSTRUMENTS_DIR = tmp_path / "definitions"
    queries.checklists.cache_clear()
    yield settings.INSTRUMENTS_DIR / "environment"
    queries.checklists.cache_clear()


@pytest.fixture
def licensed(tmp_path):
    found = json.loads(SHIPPED.read_text(encoding="utf-8")) | {"code": "our-licensed-copy", "title": "Our copy"}
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(found), encoding="utf-8")
    return path


def run(*args) -> str:
    out = StringIO()
    call_command("environment", *args, stdout=out)
    return out.getvalue()


def test_an_imported_checklist_is_offered_beside_the_shipped_one(folder, licensed):
    said = run("import", str(licensed))
    assert "(our-licensed-copy)" in said and "Restart Alongside" in said
    assert set(queries.checklists()) == {"recovery-environment", "our-licensed-copy"}
    listed = run("list")
    assert "our-licensed-copy: Our copy (imported" in listed and "recovery-environment: " in listed


def test_a_second_import_needs_replace(folder, licensed):
    run("import", str(licensed))
    with pytest.raises(CommandError, match="--replace"):
        run("import", str(licensed))
    assert "Restart" in run("import", str(licensed), "--replace")


def test_a_file_with_a_problem_or_a_shipped_code_changes_nothing(folder, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"code": "half", "title": "Half a checklist"}), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("import", str(broken))
    with pytest.raises(CommandError, match="ships with Alongside already"):
        run("import", str(SHIPPED))
    assert not folder.exists() or not list(folder.iterdir())
    assert set(queries.checklists()) == {"recovery-environment"}
