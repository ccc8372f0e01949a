"""The `alongside` command: serve, demo, db status/start/stop/backup/restore, and every Django management command."""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
USAGE_DB = (
    "usage: alongside db status|start|stop\n"
    "       alongside db backup [FILE]\n"
    "       alongside db restore FILE [--yes] [--production] [--no-backup-first]"
)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    if argv[:1] == ["db"]:
        return database_command(argv[1:])
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["alongside", *argv])
    except ImproperlyConfigured as refusal:
        # The settings refuse an unsafe or unknown configuration: say why in one line, not a traceback.
        print(f"alongside: {refusal}", file=sys.stderr)
        return 1
    return 0


def database_command(args: list[str]) -> int:
    from alongside.core import database

    if args[:1] in (["backup"], ["restore"]):
        return backup_command(args)
    if len(args) != 1 or args[0] not in {"status", "start", "stop"}:
        print(USAGE_DB, file=sys.stderr)
        return 2
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL is set: the database is an external server, not managed here.")
        return 0 if args[0] == "status" else 1
    action = args[0]
    if action == "status":
        socket_dir = database.running_socket_dir(BASE_DIR)
        where = database.data_directory(BASE_DIR)
        print(
            f"Embedded PostgreSQL in {where}: " + (f"running (socket in {socket_dir})" if socket_dir else "not running")
        )
        return 0
    if action == "start":
        socket_dir = database.start_embedded(BASE_DIR)
        print(f"Embedded PostgreSQL running (socket in {socket_dir}).")
        return 0
    print(
        "Stopped the embedded PostgreSQL."
        if database.stop_embedded(BASE_DIR)
        else "The embedded PostgreSQL was not running."
    )
    return 0


def backup_command(args: list[str]) -> int:
    """`alongside db backup [FILE]` and `alongside db restore FILE [...]` (alongside/core/backup.py)."""
    import argparse

    parser = argparse.ArgumentParser(prog=f"alongside db {args[0]}", add_help=True)
    if args[0] == "backup":
        parser.add_argument("file", nargs="?", type=Path, help="where to write it (default var/backups/...)")
    else:
        parser.add_argument("file", type=Path, help="the backup to restore")
        parser.add_argument("--yes", action="store_true", help="replace the database without asking")
        parser.add_argument("--production", action="store_true", help="allow a restore in production")
        parser.add_argument(
            "--no-backup-first", action="store_true", help="do not save the database as it is now first"
        )
    options = parser.parse_args(args[1:])
    import django
    from django.core.exceptions import ImproperlyConfigured

    from alongside.core import backup

    try:
        django.setup()
        if args[0] == "backup":
            backup.backup(options.file)
        else:
            choices = backup.RestoreChoices(options.yes, options.production, not options.no_backup_first)
            backup.restore(options.file, choices)
    except (ImproperlyConfigured, backup.Refused) as refusal:
        print(f"alongside: {refusal}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("alongside: stopped.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
