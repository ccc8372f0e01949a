"""`alongside continuity indices|allocate`: continuity of care from CSV files, a stable command-line interface.

Each subcommand lives in its own module (`alongside.continuity.cli_indices`, `alongside.continuity.cli_allocate`)
with `add_arguments(parser)` and `run(options, stdout) -> int` (the exit code). Bad input is reported with the
line number and the reason, and no partial output is written.
"""

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Continuity of care from CSV files: 'indices' per person, and 'allocate' a week's appointment requests."

    def add_arguments(self, parser):
        from alongside.continuity import cli_allocate, cli_indices

        commands = parser.add_subparsers(dest="subcommand", required=True)
        cli_indices.add_arguments(commands.add_parser("indices", help=cli_indices.HELP, description=cli_indices.HELP))
        cli_allocate.add_arguments(
            commands.add_parser("allocate", help=cli_allocate.HELP, description=cli_allocate.HELP)
        )

    def handle(self, *args, **options):
        from alongside.continuity import cli_allocate, cli_indices

        run = {"indices": cli_indices.run, "allocate": cli_allocate.run}[options["subcommand"]]
        code = run(options, self.stdout, self.stderr)
        if code:
            sys.exit(code)
