"""alongside climate list | import FILE [--replace]: a licensed set of questions is checked and added; a bad file
or a shipped code changes nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from alongside.climate import definitions
from alongside.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
ORG = ("--organisation", "Our trust")

GOOD = json.loads((definitions.SHIPPED / "team-climate.json").read_text())


@pytest.fixture
def folder(settings, tmp_path):
    settings.INSTRUMENTS_DIR = tmp_path
    OrganisationFactory(name="Our trust")
    return tmp_path / "climate"


def licensed(tmp_path, **more):
    document = GOOD | {"code": "tci-14", "title": "Team Climate Inventory (14 items)", "licence": "Our licence"}
    path = tmp_path / "tci.json"
    path.write_text(json.dumps(document | more))
    return path


def test_import_then_list(folder, tmp_path, capsys):
    call_command("climate", "import", str(licensed(tmp_path)), *ORG)
    assert (folder / "tci-14.json").exists()
    call_command("climate", "list")
    out = capsys.readouterr().out
    assert "team-climate: Team climate pulse (ships with Alongside" in out
    assert "tci-14: Team Climate Inventory (14 items) (imported" in out and "Licence: Our licence" in out


def test_a_second_import_needs_replace(folder, tmp_path):
    call_command("climate", "import", str(licensed(tmp_path)), *ORG)
    with pytest.raises(CommandError, match="Add --replace"):
        call_command("climate", "import", str(licensed(tmp_path, title="Changed")), *ORG)
    call_command("climate", "import", str(licensed(tmp_path, title="Changed")), "--replace", *ORG)
    assert json.loads((folder / "tci-14.json").read_text())["title"] == "Changed"


def test_a_bad_file_or_a_shipped_code_changes_nothing(folder, tmp_path):
    with pytest.raises(CommandError, match="Nothing was imported: tci.json: scale.min"):
        call_command("climate", "import", str(licensed(tmp_path, scale={"min": 5, "max": 1, "labels": []})), *ORG)
    with pytest.raises(CommandError, match="ships with Alongside already"):
        call_command("climate", "import", str(licensed(tmp_path, code="team-climate")), *ORG)
    assert not folder.exists()
