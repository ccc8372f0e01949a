"""alongside climate list | import FILE [--replace]: the questions a team's monthly pulse can ask.

Alongside ships its own short pulse. A licensed questionnaire (the Team Climate Inventory, say) is imported by an
administrator from their organisation's own copy, written in the format of docs/guides/climate.md: the file is
checked, and a file with any problem changes nothing (ADR 29, ADR 39)."""

from alongside.climate import definitions
from alongside.core.definition_files import DefinitionFilesCommand


class Command(DefinitionFilesCommand):
    help = "List the team climate pulse's questions, or import a set from your organisation's licensed copy"
    loader = definitions
    what = "set of questions"
    offered_to = "team leaders"
    subfolder = "climate"  # as catalogue.imported_folder() reads them

    def describe(self, found) -> str:
        return ", ".join(area.name for area in found.areas)
