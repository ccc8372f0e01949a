"""Whether the service is ready for requests, from what its checks found (plain Python: no Django, no database).

/readyz (core/operations.py) asks each check and answers 200 only if every one found what it needs. Each check's
answer is one word from a short list, so the answer says what is wrong and never anything about any person.
"""

from datetime import datetime

# What each check answers when all is well.
READY = {"database": "ok", "migrations": "applied", "worker": "recent"}


def is_ready(checks: dict[str, str]) -> bool:
    """Every check asked found what it needs (an unknown check never counts as ready)."""
    return all(READY.get(name) == found for name, found in checks.items())


def worker_state(latest_beat: datetime | None, now: datetime, stale_seconds: float) -> str:
    """Recent if a worker said it was alive within stale_seconds of now, stale if one did earlier, else none."""
    if latest_beat is None:
        return "none"
    return "recent" if (now - latest_beat).total_seconds() <= stale_seconds else "stale"
