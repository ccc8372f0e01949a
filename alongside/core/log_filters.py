"""Logging filters. `HideLinkTokens` keeps links' tokens out of the logs.

A link's address carries its token on the first request only (alongside.core.link_tokens), but that request is
logged: by the development server's access log (`django.server`), by Django's "Not Found" lines
(`django.request`) and by our own security lines. The filter finds each path in a record's arguments, resolves it
with the site's URLs, and replaces the value of any URL argument named `token` with "[link]". So any future link
page is covered by naming its argument `token`. A filter must never stop a line being logged: on any trouble it
leaves the record as it was.
"""

import logging
import re
from contextlib import suppress
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import resolve

HIDDEN = "[link]"
PATH = re.compile(r"/[^\s\"'<>]*")


def without_tokens(text: str) -> str:
    """The text with the token of every link path in it replaced by [link]."""
    return PATH.sub(lambda found: _path_without_token(found.group(0)), text)


def _path_without_token(path: str) -> str:
    if not apps.ready:  # nothing is resolved while Django starts
        return path
    try:
        token = resolve(urlsplit(path).path).kwargs.get("token")
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
