"""The standards part's writes: importing an Open Referral UK (HSDS 3.0) feed into the directory.

One transaction: a feed with any problem changes nothing (its ImportRun records the problems), and a good feed is
written whole, with an ImportRun (what was added, changed and removed) and a ListingChange ("imported") for each
organisation and service it added or changed. Only an administrator may import from a page; the command line
(`alongside directory_import`) is trusted as the server's own operator.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.partners.models import Role

from . import hsds_in
from .models import FeedSource, ImportRun, ListingChange


@dataclass
class Imported:
    run: ImportRun
    problems: list[hsds_in.Problem]


def import_feed(source: str, *, by=None, roles: frozenset = frozenset(), progress: Callable = iter) -> Imported:
    """Read, check and (if it has no problems) load the feed at `source`; `by` None is the command line."""
    if by is not None and Role.ADMIN not in roles:
        raise PermissionDenied("Only an administrator may import a feed")
    try:
        services = hsds_in.read(source)
    except hsds_in.FeedUnreadable as unreadable:
        problems = [hsds_in.Problem("feed", str(unreadable))]
        return Imported(_record(source, by, loaded=False, counts={}, problems=problems), problems)
    return load_services(services, source=source, by=by, progress=progress)


def load_services(services: list, *, source: str, by=None, progress: Callable = iter) -> Imported:
    with transaction.atomic():
        rows = hsds_in.problems_and_rows(services, progress=progress)
        if rows.problems:
            run = _record(source, by, loaded=False, counts={"services": len(services)}, problems=rows.problems)
            return Imported(run, rows.problems)
        loaded = hsds_in.load(rows)
        ListingChange.objects.bulk_create(
            (
                ListingChange(
                    by=by,
                    object_type=kind,
                    object_id=pk,
                    what=ListingChange.What.IMPORTED,
                    detail={"source": source[:500], "added": added, "fields": fields},
                )
                for kind, pk, added, fields in loaded.listings
            ),
            batch_size=hsds_in.CHUNK,
        )
        run = _record(source, by, loaded=True, counts={"services": len(services), **loaded.counts}, problems=[])
    return Imported(run, [])


def _record(source: str, by, *, loaded: bool, counts: dict, problems: list) -> ImportRun:
    return ImportRun.objects.create(
        source=source[:500],
        by=by,
        loaded=loaded,
        counts=counts,
        errors=[p.as_dict() for p in problems],
        finished_at=timezone.now(),
    )


def set_feed_and_import(user, roles: frozenset, url: str) -> Imported:
    """An administrator sets the feed's address and imports from it now."""
    if Role.ADMIN not in roles:
        raise PermissionDenied("Only an administrator may set the feed")
    with transaction.atomic():
        FeedSource.objects.update_or_create(pk=1, defaults={"url": url, "set_by": user})
    return import_feed(url, by=user, roles=roles)
