"""`alongside demo`: build the synthetic demo borough; `alongside demo logins [--json]`: print its logins."""

import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from tqdm import tqdm

from alongside.core import database_roles
from alongside.demo import build
from alongside.demo.models import DemoBorough, DemoLogin
from alongside.partners.models import ROLE_LABELS, Organisation


class Command(BaseCommand):
    help = "Build the synthetic demo borough (deterministic from --seed), or print its logins."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["build", "logins"], default="build")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: the same seed builds the same borough")
        parser.add_argument("--people", type=int, default=5000, help="How many people supported (default 5,000)")
        parser.add_argument("--if-missing", action="store_true", help="Reuse the borough if one is already built")
        parser.add_argument("--replace", action="store_true", help="Delete the existing demo borough first")
        parser.add_argument("--json", action="store_true", help="With 'logins': print JSON for scripts")

    def handle(self, *args, **options):
        if options["action"] == "logins":
            return self.print_logins(as_json=options["json"])
        if options["people"] < 1:
            raise CommandError("--people must be at least 1")
        # The bulk load drops and puts back indexes and foreign keys, which only the tables' owner may do.
        with database_roles.as_owner():
            built = self.build_borough(options)
        if built:
            self.stdout.write(
                self.style.SUCCESS(f"Built the demo borough from seed {built.seed} with {built.people:,} people.")
            )
        return self.print_logins(as_json=False)

    def build_borough(self, options) -> DemoBorough | None:
        """Build the borough unless one is there to reuse; None when reusing."""
        call_command("migrate", interactive=False, verbosity=0)
        existing = DemoBorough.objects.first()
        if existing and options["if_missing"]:
            self.stdout.write(
                f"Reusing the demo borough built from seed {existing.seed} with {existing.people:,} people."
            )
            return None
        if existing or Organisation.objects.exists():
            if not options["replace"]:
                raise CommandError(
                    "This database already holds data. Use --replace to delete the demo borough and build it again."
                )
            if not (existing and settings.DEMO_MODE):
                raise CommandError("--replace only deletes a demo borough, with the demo switch on (ALONGSIDE_DEMO).")
            self.empty_database()
        with tqdm(
            total=options["people"], unit=" people", desc="Building the demo borough", disable=options["verbosity"] == 0
        ) as bar:
            made = build.build(options["seed"], options["people"], progress=bar.update)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return made

    def empty_database(self):
        """Every table but django_migrations, the audit included: the owner turns its trigger off to do so."""
        tables = [
            t for t in connection.introspection.django_table_names(only_existing=True) if t != "django_migrations"
        ]
        with (
            transaction.atomic(),
            database_roles.audit_truncation_allowed(connection),
            connection.cursor() as cursor,
        ):
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE")

    def print_logins(self, as_json: bool):
        if DemoLogin._meta.db_table not in connection.introspection.table_names():
            raise CommandError("No demo borough in this database yet: build it with 'alongside demo' (or 'make demo').")
        logins = list(DemoLogin.objects.select_related("user"))
        if as_json:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "username": x.user.username,
                            "password": x.password,
                            "role": x.role,
                            "team": x.team_name,
                            "api_token": x.api_token,
                        }
                        for x in logins
                    ],
                    indent=2,
                )
            )
            return
        if not logins:
            self.stdout.write("No demo logins: build the borough with 'alongside demo'.")
            return
        rows = [("Role", "Username", "Password", "Team")] + [
            (ROLE_LABELS.get(x.role, x.role), x.user.username, x.password, x.team_name or "—") for x in logins
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("\nDemo logins (invented people; each may skip second-factor set-up in the demo only):")
        self.stdout.write(line)
        for index, row in enumerate(rows):
            self.stdout.write("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
            if index == 0:
                self.stdout.write(line)
        self.stdout.write(line)
