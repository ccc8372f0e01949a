"""An administrator imports a questionnaire from their organisation's licensed copy: a good file joins the shipped
ones, a file with a problem or a taken code changes nothing, and a second import needs --replace."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alongside.outcomes import instruments, queries

EXAMPLE = instruments.DEFINITIONS / "examples" / "example-two-items.json"


@pytest.fixture
def folder(tmp_path, settings):
    settings.INSTRUMENTS_DIR = tmp_path / "instruments"
    queries.shipped.cache_clear()
    yield settings.INSTRUMENTS_DIR
    queries.shipped.cache_clear()


def run(*args) -> str:
    out = StringIO()
    call_command("instruments", *args, stdout=out)
    return out.getvalue()


def test_an_imported_questionnaire_is_offered_beside_those_shipped(folder):
    said = run("import", str(EXAMPLE))
    code = instruments.load(EXAMPLE).code
    assert f"({code})" in said and "Restart Alongside" in said
    assert set(queries.shipped()) == {"phq-9", "gad-7", "ons4", "gbo", code}
    listed = run("list")
    assert f"{code}: " in listed and "(imported)" in listed and "phq-9: " in listed


def test_a_second_import_needs_replace(folder):
    run("import", str(EXAMPLE))
    with pytest.raises(CommandError, match="--replace"):
        run("import", str(EXAMPLE))
    assert "Restart" in run("import", str(EXAMPLE), "--replace")


def test_a_file_with_a_problem_or_a_shipped_code_changes_nothing(folder, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"resourceType": "Questionnaire", "id": "swemwbs"}))
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("import", str(broken))
    with pytest.raises(CommandError, match="ships with Alongside already"):
        run("import", str(instruments.DEFINITIONS / "phq-9.json"))
    assert not folder.exists() or not list(folder.iterdir())
    assert set(queries.shipped()) == {"phq-9", "gad-7", "ons4", "gbo"}


@pytest.mark.parametrize("code", ["../escape", "climate/ours", "Upper", ""])
def test_a_code_that_could_name_another_folder_is_refused(folder, tmp_path, code):
    """A code names its file: one that could reach another folder (another kind's, or outside) changes nothing."""
    document = json.loads(EXAMPLE.read_text(encoding="utf-8")) | {"id": code}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("import", str(path))
    assert not any(tmp_path.rglob("*.json.part")) and not (folder.exists() and any(folder.iterdir()))
    assert not (tmp_path / "escape.json").exists()
