"""`alongside serve`: migrate, then serve the app; Ctrl-C stops the server and the embedded database."""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from alongside.core import database


class Command(BaseCommand):
    help = "Serve Alongside at http://127.0.0.1:PORT (Ctrl-C stops it and the embedded database)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(f"Alongside is at http://{options['host']}:{options['port']}/ (Ctrl-C to stop)")
        )
        try:
            call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False, skip_checks=True)
        except KeyboardInterrupt:
            pass
        finally:
            if not os.environ.get("DATABASE_URL"):
                from django.db import connections

                connections.close_all()
                if database.stop_embedded(settings.BASE_DIR):
                    self.stdout.write("Stopped the embedded database.")
