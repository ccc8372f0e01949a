"""alongside environment list | import FILE [--replace]: the checklists a team can audit its service with.

Alongside ships its own checklist. An organisation's licensed one (its copy of another instrument, written in the
format of docs/guides/service-environment.md) is imported by an administrator: the file is checked by the same
loader as the shipped one, and a file with any problem changes nothing (as `alongside instruments import`, ADR 29).
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.service_environment import checklist


class Command(BaseCommand):
    help = "List the service environment checklists, or import one from your organisation's licensed copy"

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help="each checklist: its code, title, where it came from and its licence")
        imported = commands.add_parser("import", help="check a checklist file and add it")
        imported.add_argument("file", type=Path, help="the checklist, a JSON file")
        imported.add_argument("--replace", action="store_true", help="replace an imported one with the same code")

    def handle(self, *args, command: str, **options):
        folder = Path(settings.ENVIRONMENT_CHECKLISTS_DIR)
        try:
            if command == "list":
                return self._list(folder)
            return self._import(folder, options["file"], options["replace"])
        except checklist.DefinitionError as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem

    def _list(self, folder: Path) -> None:
        shipped = checklist.shipped()
        for code, found in checklist.available(folder).items():
            where = "ships with Alongside" if code in shipped else "imported"
            domains = len(found.domains)
            self.stdout.write(f"{code}: {found.title} ({where}; {domains} domains). Licence: {found.licence}")

    def _import(self, folder: Path, file: Path, replace: bool) -> None:
        found = checklist.load(file)
        if found.code in checklist.shipped():
            raise CommandError(f"Nothing was imported: {found.code!r} ships with Alongside already.")
        target = folder / f"{found.code}.json"
        if target.exists() and not replace:
            raise CommandError(
                f"Nothing was imported: {found.code!r} was imported before. Add --replace to replace it."
            )
        checklist.available(folder)  # every file already there still reads, before this one joins them
        folder.mkdir(parents=True, exist_ok=True)
        document = json.loads(file.read_text(encoding="utf-8"))
        partial = target.with_suffix(".json.part")
        partial.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
        self.stdout.write(
            f"Imported {found.title} ({found.code}) into {folder}. Restart Alongside for teams to be offered it."
        )
