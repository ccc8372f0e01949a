"""What the feed page shows: the feed an administrator set, and the latest imports."""

from .models import FeedSource, ImportRun


def feed_source() -> FeedSource | None:
    return FeedSource.objects.order_by("-set_at", "-pk").first()


def latest_runs(count: int = 5) -> list[ImportRun]:
    return list(ImportRun.objects.select_related("by").order_by("-started_at", "-pk")[:count])
