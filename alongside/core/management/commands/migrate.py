"""`alongside migrate`: Django's migrate, connected as the role that owns the schema (DATABASE_OWNER_URL).

Afterwards the owner grants the app's role what the service needs (core.database_roles.grant_app_role, a
post_migrate receiver), so every migrate leaves the privileges right, whatever the migrations added. An app role
that could get round the audit's protections is refused there, in one line.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.core.management.commands import migrate

from alongside.core import database_roles


class Command(migrate.Command):
    help = "Migrate the database as the role that owns it, then grant the app's role what the service needs."

    def handle(self, *args, **options):
        with database_roles.as_owner(options["database"]):
            try:
                return super().handle(*args, **options)
            except ImproperlyConfigured as refusal:
                raise CommandError(str(refusal)) from refusal
