"""The scratch database every benchmark runs in: made by the owner of the tables, migrated, dropped afterwards."""

import os


def open_scratch(name: str, reuse: bool = False) -> bool:
    """Point Django at the scratch database `name`, made afresh unless `reuse` and it exists, and migrate it.

    Returns whether it was made afresh (so the benchmark builds its data). Django is set up here.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    from django.conf import settings

    from alongside.core import database_roles

    with database_roles.connect_as_owner() as conn:  # so the owner of the tables owns the scratch database
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        fresh = not (reuse and exists)
        if fresh:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
    settings.DATABASES["default"]["NAME"] = name
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    # Pages name their static files plainly, as in the tests: the hashed names need a collectstatic first (ADR 46).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return fresh


def drop_scratch(name: str) -> None:
    """Close Django's connection to the scratch database and drop it."""
    from django.db import connection

    from alongside.core import database_roles

    connection.close()
    with database_roles.connect_as_owner() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
