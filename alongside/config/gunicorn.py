"""gunicorn's settings beside the command line that `alongside serve` gives it (core/web_server.py, ADR 0046), for
`ALONGSIDE_WEB_SERVER=gunicorn` where `make bench-servers` has installed it: granian is the server (it won).

No access log (`accesslog` stays None): gunicorn's would carry query strings, and a search is `?q=<a name>`.
"""

import os

from gunicorn.workers import gthread

accesslog = None
# Errors from gunicorn itself (a worker that timed out or died) go to standard error, beside the app's own log.
errorlog = "-"
loglevel = "warning"
# A worker silent this long is restarted (with threads, a worker is silent only when all of them are stuck).
timeout = 60
# gunicorn 27's control socket ($HOME/.gunicorn/gunicorn.ctl): not used, and not wanted on a read-only home.
control_socket_disable = True
# The TLS proxy in front of the service is on the same host (docs/guides/running-in-production.md).
forwarded_allow_ips = "127.0.0.1,::1"


def child_exit(server, worker):
    """A worker process has ended: its live figures for Prometheus (issue 19 part B) are no longer counted."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # `alongside serve` sets it; gunicorn alone may not have
        return
    try:
        from prometheus_client import multiprocess
    except ImportError:  # metrics are not installed
        return
    multiprocess.mark_process_dead(worker.pid)


class ThreadWorker(gthread.ThreadWorker):
    """gunicorn's gthread worker, except that a stop closes the worker's copy of the listening socket at once.

    gunicorn's own worker stops accepting but keeps the socket open until the requests under way have finished, so a
    new connection waits in the kernel's queue until it is dropped. Closed at once, it is refused, and a proxy can
    send it elsewhere. The master has closed its own copy already.
    """

    def handle_exit(self, sig, frame):
        if self.alive:
            self.method_queue.defer(self.stop_listening)
        super().handle_exit(sig, frame)

    def stop_listening(self):
        self.set_accept_enabled(False)
        for listener in self.sockets:
            listener.close()
