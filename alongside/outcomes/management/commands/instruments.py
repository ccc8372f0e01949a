"""alongside instruments list | import FILE [--replace]: the questionnaires people can be offered.

PHQ-9, GAD-7, ONS4 and goal-based outcomes ship with Alongside. A questionnaire under licence (SWEMWBS, ReQoL,
DIALOG, ...) is imported by an administrator from their organisation's own licensed copy, written in the format of
docs/guides/outcome-measures-format.md: the file is checked, and a file with any problem changes nothing."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.outcomes import instruments


class Command(BaseCommand):
    help = "List the questionnaires, or import one from your organisation's licensed copy"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help="each questionnaire: its code, title, where it came from and its licence")
        imported = commands.add_parser("import", help="check a definition file and add it")
        imported.add_argument("file", type=Path, help="the definition, a JSON file")
        imported.add_argument("--replace", action="store_true", help="replace an imported one with the same code")

    def handle(self, *args, command: str, **options):
        folder = Path(settings.INSTRUMENTS_DIR)
        try:
            if command == "list":
                return self._list(folder)
            return self._import(folder, options["file"], options["replace"])
        except instruments.DefinitionError as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem

    def _list(self, folder: Path) -> None:
        shipped = instruments.shipped()
        for code, instrument in instruments.available(folder).items():
            where = "ships with Alongside" if code in shipped else "imported"
            self.stdout.write(f"{code}: {instrument.title} ({where}). Licence: {instrument.licence}")

    def _import(self, folder: Path, file: Path, replace: bool) -> None:
        instrument = instruments.load(file)
        if instrument.code in instruments.shipped():
            raise CommandError(f"Nothing was imported: {instrument.code!r} ships with Alongside already.")
        target = folder / f"{instrument.code}.json"
        if target.exists() and not replace:
            raise CommandError(
                f"Nothing was imported: {instrument.code!r} was imported before. Add --replace to replace it."
            )
        instruments.available(folder)  # every file already there still reads, before this one joins them
        folder.mkdir(parents=True, exist_ok=True)
        document = json.loads(file.read_text(encoding="utf-8"))
        partial = target.with_suffix(".json.part")
        partial.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
        self.stdout.write(
            f"Imported {instrument.title} ({instrument.code}) into {folder}. Restart Alongside for people to be "
            "offered it."
        )
