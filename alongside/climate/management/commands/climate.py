"""alongside climate list | import FILE --organisation NAME [--replace]: the questions a team's monthly pulse can
ask.

Alongside ships its own short pulse. A licensed questionnaire (the Team Climate Inventory, say) is imported by an
administrator from their organisation's own copy, written in the format of docs/guides/climate.md: the file is
checked, and a file with any problem changes nothing (ADR 29, ADR 39). The licence is an organisation's, so the
import names the organisation (or organisations) whose team leaders are offered it; `--organisation` again on a
later import (with --replace) offers it to one more."""

from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction

from alongside.climate import definitions
from alongside.climate.models import OfferedQuestions
from alongside.core.definition_files import DefinitionFilesCommand
from alongside.partners.models import Organisation


class Command(DefinitionFilesCommand):
    help = "List the team climate pulse's questions, or import a set from your organisation's licensed copy"
    loader = definitions
    what = "set of questions"
    offered_to = "team leaders"
    subfolder = "climate"  # as catalogue.imported_folder() reads them

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("list", help=f"each {self.what}: its code, title, where it came from and its licence")
        imported = commands.add_parser("import", help=f"check a {self.what} file and add it")
        imported.add_argument("file", type=Path, help=f"the {self.what}, a JSON file")
        imported.add_argument("--replace", action="store_true", help="replace an imported one with the same code")
        imported.add_argument(
            "--organisation",
            action="append",
            required=True,
            help="the name of the organisation whose licence it is: its team leaders are offered it (repeat for more)",
        )

    def handle(self, *args, command: str, **options):
        if command != "import":
            return super().handle(*args, command=command, **options)
        names = options["organisation"]
        found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
        missing = [name for name in names if name not in found]
        if missing:
            raise CommandError(f"Nothing was imported: there is no organisation called {missing[0]!r}.")
        with transaction.atomic():
            super().handle(*args, command=command, **options)
            code = definitions.load(options["file"]).code
            for organisation in found.values():
                OfferedQuestions.objects.get_or_create(organisation=organisation, definition=code)
        self.stdout.write(f"Offered to the team leaders of: {', '.join(sorted(found))}.")

    def _list(self, folder):
        super()._list(folder)
        offered: dict[str, list[str]] = {}
        for code, name in OfferedQuestions.objects.values_list("definition", "organisation__name"):
            offered.setdefault(code, []).append(name)
        for code, names in sorted(offered.items()):
            self.stdout.write(f"{code} is offered to the team leaders of: {', '.join(sorted(names))}")

    def describe(self, found) -> str:
        return ", ".join(area.name for area in found.areas)
