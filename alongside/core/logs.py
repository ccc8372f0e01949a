"""Log lines that can be followed through a request or a task, and the access log (docs/adr/0048).

`RequestIdMiddleware` puts each request's id in `request_id` (a context variable, so threads and requests never
share it); a background task's id goes in `task_id` while it runs (Django's task signals, below).
`RequestIdFilter` copies both onto every log record, and `JsonFormatter` writes one JSON object per line:
`time` (UTC), `level`, `logger`, `message`, `request_id`, `process`, then anything passed in `extra`.
`ALONGSIDE_LOG_FORMAT` chooses JSON (production's default) or plain lines (development's).

The access log (`alongside.access`) has one line per request, after its answer: the method, the route the request
matched (`people/<int:pk>/`, never the address itself), the status, the time taken and the user's id. A query
string or a body is never logged: a search is made by someone's name, and a link carries its token.
"""

import logging
import time
from contextvars import ContextVar
from typing import Any

from django.dispatch import receiver
from django.tasks.signals import task_finished, task_started
from django.utils.functional import SimpleLazyObject, empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

NONE = "-"  # in a line made outside any request

request_id: ContextVar[str] = ContextVar("request_id", default=NONE)
task_id: ContextVar[str] = ContextVar("task_id", default=NONE)

access_log = logging.getLogger("alongside.access")

# The methods the service answers, so that an odd one a client sends is logged and counted as "other".
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestIdFilter(logging.Filter):
    """Add `request_id` (or "-") to every record, and `task_id` to a record made while a task runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        running = task_id.get()
        if running != NONE:
            record.task_id = running
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line, with the same few names in every line and the time in UTC first."""

    FIELDS = ("levelname", "name", "message", "request_id", "process")
    NAMES = {"levelname": "level", "name": "logger"}
    FIRST = ("time", "level", "logger", "message", "request_id", "process")  # in this order, then any others
    # Django hands some lines the request itself (django.request, django.server). Written out, it is the whole
    # address, with its query string and any link's token, so it is never written.
    NEVER = ("request",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *self.NEVER])
        kwargs.setdefault("fmt", list(self.FIELDS))
        kwargs.setdefault("rename_fields", self.NAMES)
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("defaults", {"request_id": NONE})
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        if log_data.get("request_id") is None:  # a record that no RequestIdFilter saw
            log_data["request_id"] = NONE
        first = {name: log_data.pop(name) for name in self.FIRST if name in log_data}
        return first | log_data


def route_of(request) -> str:
    """The URL pattern the request matched (the same for every person or token), "/" for the home page (whose
    pattern is empty), or "unmatched"."""
    match = getattr(request, "resolver_match", None)
    return "unmatched" if match is None else match.route or "/"


def method_of(request) -> str:
    return request.method if request.method in METHODS else "other"


def user_id_of(request) -> int | None:
    """The signed-in user's id if the request already knows who they are; never a query of its own (the database
    may be the reason the request failed)."""
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return user.pk if user is not None and user.is_authenticated else None


def log_access(request, response, started: float) -> None:
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    route, method = route_of(request), method_of(request)
    access_log.info(
        "%s %s %s %sms",
        method,
        route,
        response.status_code,
        duration_ms,
        extra={
            "method": method,
            "route": route,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": user_id_of(request),
        },
    )


@receiver(task_started, dispatch_uid="alongside.core.logs.task_started")
def _task_started(sender, task_result, **kwargs) -> None:
    task_id.set(str(task_result.id))


@receiver(task_finished, dispatch_uid="alongside.core.logs.task_finished")
def _task_finished(sender, task_result, **kwargs) -> None:
    task_id.set(NONE)
