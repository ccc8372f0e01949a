"""Collect the static files when a source has changed since the last collection, and only then (a full run of
collectstatic hashes and compresses about 1,600 files: 17 s or more, too long for every start of the server)."""

import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

MANIFEST = "staticfiles.json"  # written by the manifest storage (settings.STORAGES)
SOURCES = "staticfiles.sources"  # written here, after a collection: the fingerprint of the sources it collected


def sources_fingerprint() -> str:
    """A hash of every source file's name, size and time of change, as collectstatic would find them.

    The size matters beside the time: npm writes every file of a package with the same fixed date.
    """
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    entries = []
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore):
            found = os.stat(storage.path(path))
            entries.append(f"{getattr(storage, 'prefix', None) or ''}/{path}\t{found.st_size}\t{found.st_mtime_ns}")
    digest = hashlib.sha256()
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


def collect_if_changed() -> bool:
    """Run collectstatic if the sources differ from what was collected last; whether it ran."""
    stamp = Path(settings.STATIC_ROOT) / SOURCES
    if (
        (Path(settings.STATIC_ROOT) / MANIFEST).is_file()
        and stamp.is_file()
        and stamp.read_text() == sources_fingerprint()
    ):
        return False
    call_command("collectstatic", interactive=False, verbosity=0)  # ours: it stamps what it collected
    return True


def stamp_collected(sources: str) -> None:
    """After a collection (by serve, or `alongside collectstatic` as a release step): note which sources it was
    (their fingerprint, taken before it began)."""
    (Path(settings.STATIC_ROOT) / SOURCES).write_text(sources)
