"""alongside instruments list | import FILE [--replace]: the questionnaires people can be offered.

PHQ-9, GAD-7, ONS4 and goal-based outcomes ship with Alongside. A questionnaire under licence (SWEMWBS, ReQoL,
DIALOG, ...) is imported by an administrator from their organisation's own licensed copy, written in the format of
docs/guides/outcome-measures-format.md: the file is checked, and a file with any problem changes nothing."""

from alongside.core.definition_files import DefinitionFilesCommand
from alongside.outcomes import instruments


class Command(DefinitionFilesCommand):
    help = "List the questionnaires, or import one from your organisation's licensed copy"
    loader = instruments
    what = "questionnaire"
    offered_to = "people"
