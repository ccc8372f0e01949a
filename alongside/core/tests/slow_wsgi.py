"""Alongside's WSGI app with one slow address, /slow/, for the graceful-stop test (ALONGSIDE_WSGI_APP names it)."""

import time

from alongside.config.wsgi import application as alongside

SLOW_SECONDS = 2


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/slow/":
        time.sleep(SLOW_SECONDS)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"finished after a stop was asked for"]
    return alongside(environ, start_response)
