"""alongside climate list | import FILE [--replace]: the questions a team's monthly pulse can ask.

Alongside ships its own short pulse. A licensed questionnaire (the Team Climate Inventory, say) is imported by an
administrator from their organisation's own copy, written in the format of docs/guides/climate.md: the file is
checked, and a file with any problem changes nothing (ADR 29, ADR 39)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.climate import catalogue, definitions


class Command(BaseCommand):
    help = "List the team climate pulse's questions, or import a set from your organisation's licensed copy"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help="each set of questions: its code, title, where it came from and its licence")
        imported = commands.add_parser("import", help="check a definition file and add it")
        imported.add_argument("file", type=Path, help="the definition, a JSON file")
        imported.add_argument("--replace", action="store_true", help="replace an imported one with the same code")

    def handle(self, *args, command: str, **options):
        folder = catalogue.imported_folder()
        try:
            if command == "list":
                return self._list(folder)
            return self._import(folder, options["file"], options["replace"])
        except definitions.DefinitionError as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem

    def _list(self, folder: Path) -> None:
        shipped = definitions.shipped()
        for code, definition in definitions.available(folder).items():
            where = "ships with Alongside" if code in shipped else "imported"
            areas = ", ".join(area.name for area in definition.areas)
            self.stdout.write(f"{code}: {definition.title} ({where}; {areas}). Licence: {definition.licence}")

    def _import(self, folder: Path, file: Path, replace: bool) -> None:
        definition = definitions.load(file)
        if definition.code in definitions.shipped():
            raise CommandError(f"Nothing was imported: {definition.code!r} ships with Alongside already.")
        target = folder / f"{definition.code}.json"
        if target.exists() and not replace:
            raise CommandError(
                f"Nothing was imported: {definition.code!r} was imported before. Add --replace to replace it."
            )
        definitions.available(folder)  # every file already there still reads, before this one joins them
        folder.mkdir(parents=True, exist_ok=True)
        document = json.loads(file.read_text(encoding="utf-8"))
        partial = target.with_suffix(".json.part")
        partial.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
        self.stdout.write(
            f"Imported {definition.title} ({definition.code}) into {folder}. Restart Alongside for team leaders "
            "to be offered it."
        )
