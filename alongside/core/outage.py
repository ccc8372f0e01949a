"""What an unreachable database looks like, and how long a 503 asks to wait, for pages, the API and the worker."""

import sys

from django.db import InterfaceError, OperationalError

# The database stopped, restarting, or the connection cut: Django raises one of these.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30  # what a 503 asks a browser or a script to wait before trying again


def database_unavailable() -> bool:
    """Inside an `except` (as Django's error handlers are called): was it the database out of reach?"""
    return isinstance(sys.exception(), DATABASE_UNAVAILABLE)


def unavailable_headers(response):
    """A passing outage: ask to be tried again later, and let no cache keep the answer."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
