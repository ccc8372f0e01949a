"""`alongside <kind> list | import FILE [--replace]`, once for every kind of definition kept as checked files: the
outcome questionnaires, the team climate pulses and the service environment checklists (ADR 29).

An organisation's licensed definition is imported by an administrator into a folder beside the installation,
`ALONGSIDE_INSTRUMENTS_DIR` (one subfolder for each kind but questionnaires), so that one folder is backed up with
the database. The file is checked by the same loader as the shipped ones, and a file with any problem changes
nothing: a shipped code is refused, an imported one is replaced only with --replace, every file already in the
folder must still read, and the file is written through a temporary file and a rename, so no reader sees half.

Each kind's command subclasses `DefinitionFilesCommand` and names its loader: a module with `load(path)`,
`shipped()` (code -> definition), `available(folder)` (code -> definition, shipped and imported) and
`DefinitionError`.
"""

import json
import re
from pathlib import Path
from types import ModuleType

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# A code names its file (`<code>.json` in the folder): nothing that could reach another folder ("../", "climate/x").
SAFE_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")


class DefinitionFilesCommand(BaseCommand):
    loader: ModuleType
    what = "definition"  # "questionnaire", "checklist": what one file holds, in a word
    offered_to = "people"  # who is offered a new one once Alongside restarts

    subfolder = ""  # where this kind's imported files are kept, inside ALONGSIDE_INSTRUMENTS_DIR

    def folder(self) -> Path:
        return Path(settings.INSTRUMENTS_DIR) / self.subfolder

    def describe(self, found) -> str:
        """More about one definition for `list`, after its title and where it came from ("14 domains")."""
        return ""

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help=f"each {self.what}: its code, title, where it came from and its licence")
        imported = commands.add_parser("import", help=f"check a {self.what} file and add it")
        imported.add_argument("file", type=Path, help=f"the {self.what}, a JSON file")
        imported.add_argument("--replace", action="store_true", help="replace an imported one with the same code")

    def handle(self, *args, command: str, **options):
        folder = self.folder()
        try:
            if command == "list":
                return self._list(folder)
            return self._import(folder, options["file"], options["replace"])
        except self.loader.DefinitionError as problem:
            raise CommandError(f"Nothing was imported: {problem}") from problem

    def _list(self, folder: Path) -> None:
        shipped = self.loader.shipped()
        for code, found in self.loader.available(folder).items():
            where = "ships with Alongside" if code in shipped else "imported"
            more = self.describe(found)
            where = f"{where}; {more}" if more else where
            self.stdout.write(f"{code}: {found.title} ({where}). Licence: {found.licence}")

    def _import(self, folder: Path, file: Path, replace: bool) -> None:
        found = self.loader.load(file)
        if not SAFE_CODE.fullmatch(found.code):
            raise CommandError(
                f"Nothing was imported: the code {found.code!r} must be lower-case letters, numbers and dashes "
                "(it names the file the definition is kept in)."
            )
        if found.code in self.loader.shipped():
            raise CommandError(f"Nothing was imported: {found.code!r} ships with Alongside already.")
        target = folder / f"{found.code}.json"
        if target.exists() and not replace:
            raise CommandError(
                f"Nothing was imported: {found.code!r} was imported before. Add --replace to replace it."
            )
        self.loader.available(folder)  # every file already there still reads, before this one joins them
        folder.mkdir(parents=True, exist_ok=True)
        document = json.loads(file.read_text(encoding="utf-8"))
        partial = target.with_suffix(".json.part")
        partial.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
        self.stdout.write(
            f"Imported {found.title} ({found.code}) into {folder}. Restart Alongside for {self.offered_to} to be "
            "offered it."
        )
