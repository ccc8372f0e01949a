"""The migrations match the models, and each app's migrations stay in one line (ADR 22)."""

from io import StringIO

from django.core.management import call_command


def test_every_model_change_has_its_migration(db):
    """`makemigrations --check --dry-run` finds nothing to write: a model changed without a migration fails here."""
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:
        raise AssertionError(f"A model changed without its migration:\n{out.getvalue()}") from exit
    assert "No changes detected" in out.getvalue()


def test_each_app_has_one_latest_migration_named_in_max_migration_txt():
    """django-linear-migrations' system checks: max_migration.txt names each app's one latest migration.

    Two branches that each add a migration to the same app both change that file, so git reports the clash
    when they meet; `python manage.py rebase_migration APP` then puts one after the other.
    """
    call_command("check", stdout=StringIO())
