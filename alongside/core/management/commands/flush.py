"""`alongside flush`: Django's flush, connected as the owner, which empties the audit too (outside production).

The tests' teardown of a transactional test calls flush. The audit's trigger refuses TRUNCATE, so flush turns it
off inside its own transaction; production keeps its audit, so there flush is refused.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import transaction

from alongside.core import database_roles


class Command(flush.Command):
    help = "Empty every table, the audit included, as the role that owns them (refused in production)."

    def handle(self, **options):
        if settings.PRODUCTION:
            raise CommandError("flush would empty the audit, which production keeps: refused.")
        if options["interactive"] and input("Empty every table, the audit included? Type 'yes' to go on: ") != "yes":
            self.stdout.write("Flush cancelled.")
            return
        with (
            database_roles.as_owner(options["database"]) as owner,
            transaction.atomic(using=owner.alias),
            database_roles.audit_truncation_allowed(owner),
        ):
            super().handle(**options | {"interactive": False})
