"""alongside environment list | import FILE [--replace]: the checklists a team can audit its service with.

Alongside ships its own checklist. An organisation's licensed one (its copy of another instrument, written in the
format of docs/guides/service-environment.md) is imported by an administrator: the file is checked by the same
loader as the shipped one, and a file with any problem changes nothing (as `alongside instruments import`, ADR 29).
"""

from alongside.core.definition_files import DefinitionFilesCommand
from alongside.service_environment import checklist


class Command(DefinitionFilesCommand):
    help = "List the service environment checklists, or import one from your organisation's licensed copy"
    loader = checklist
    what = "checklist"
    offered_to = "teams"
    subfolder = "environment"

    def describe(self, found) -> str:
        return f"{len(found.domains)} domains"
