"""The `alongside` command: serve, demo, db status/start/stop, and every Django management command."""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
USAGE_DB = "usage: alongside db status|start|stop"


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


if __name__ == "__main__":
    sys.exit(main())
