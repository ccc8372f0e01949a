"""`alongside migrate`: Django's migrate, connected as the role that owns the schema (DATABASE_OWNER_URL).

Afterwards the owner grants the app's role what the service needs (core.database_roles.grant_app_role, a
post_migrate receiver), so every migrate leaves the privileges right, whatever the migrations added.
"""

from django.core.management.commands import migrate

from alongside.core import database_roles


class Command(migrate.Command):
    help = "Migrate the database as the role that owns it, then grant the app's role what the service needs."

    def handle(self, *args, **options):
        with database_roles.as_owner(options["database"]):
            return super().handle(*args, **options)
