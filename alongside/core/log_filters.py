"""Logging filters. `HideLinkTokens` keeps links' tokens out of the logs.

A link's address carries its token on the first request only (alongside.core.link_tokens), but that request is
logged: by the development server's access log (`django.server`), by Django's "Not Found" lines
(`django.request`) and by our own security lines. The filter finds each path in a record's arguments, resolves it
with the site's URLs, and replaces the value of any URL argument named `token` with "[link]". So any future link
page is covered by naming its argument `token`. A filter must never stop a line being logged: on any trouble it
leaves the record as it was.

The site's logging (settings.LOGGING) puts the filter on every handler, and every logger's lines reach one of them,
so a line logged anywhere (Django, a library, a server that logs through Python's logging) is covered. As it sees
every line, its work is bounded: one pass of one expression over the line, and only its first few paths are
resolved (a request line's path comes first).
"""

import logging
import re
from contextlib import suppress
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import resolve

HIDDEN = "[link]"
PATH = re.compile(r"/[^\s\"'<>]*")
MOST_PATHS = 10  # paths resolved in one message: the rest are left as they are
LONGEST_PATH = 2000  # characters before any "?"; a longer path is no page of ours (a good token is 43)


def without_tokens(text: str) -> str:
    """The text with the token of each link path in it (of its first MOST_PATHS paths) replaced by [link]."""
    return PATH.sub(lambda found: _path_without_token(found.group(0)), text, count=MOST_PATHS)


def _path_without_token(path: str) -> str:
    if not apps.ready:  # nothing is resolved while Django starts
        return path
    try:
        route = urlsplit(path).path
        if len(route) > LONGEST_PATH:  # no page of ours: not worth resolving
            return path
        token = resolve(route).kwargs.get("token")
    except Exception:  # noqa: BLE001 (not a page of ours, or anything else: the line is still logged as it is)
        return path
    return path.replace(token, HIDDEN) if isinstance(token, str) and token else path


def _hidden(value):
    return without_tokens(value) if isinstance(value, str) and "/" in value else value


class HideLinkTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        with suppress(Exception):  # a log line is never lost to its filter
            if isinstance(record.args, tuple):
                record.args = tuple(_hidden(arg) for arg in record.args)
            elif isinstance(record.args, dict):
                record.args = {key: _hidden(arg) for key, arg in record.args.items()}
            record.msg = _hidden(record.msg)
        return True
