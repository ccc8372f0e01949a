"""A stand-in for GOV.UK Notify's API on 127.0.0.1, for tests that run `alongside worker` as a real process.

It answers `POST /v2/notifications/email` and `/sms` (it records the body first, then waits while `hold` is set)
and `GET /v2/notifications?reference=...` (what it has recorded with that reference). It ignores the JWT. While
`pause_accepting()` is in force it calls no `accept()`, so a client's request waits in the kernel's queue;
`resume_accepting(drop_pending=True)` first closes, unread, the connections waiting there (a killed client's).
"""

import contextlib
import json
import select
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# A key in Notify's shape, name-<service id>-<secret>, which the client needs to make its token.
API_KEY = f"test-{uuid.UUID(int=1)}-{uuid.UUID(int=2)}"


class FakeNotify(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.posts: list[dict] = []  # the bodies received, in order, each with the id it was given
        self.hold = threading.Event()  # set: a POST waits, after it is recorded, until released
        self.released = threading.Event()
        self._accepting = threading.Event()
        self._accepting.set()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="fake-notify", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> "FakeNotify":
        self._thread.start()
        return self

    def close(self) -> None:
        self.release()
        self._closing.set()
        self._accepting.set()
        self._thread.join(5)
        self.server_close()

    def hold_posts(self) -> None:
        self.released.clear()
        self.hold.set()

    def release(self) -> None:
        self.hold.clear()
        self.released.set()

    def pause_accepting(self) -> None:
        self._accepting.clear()

    def resume_accepting(self, drop_pending: bool = False) -> int:
        """Accept again; with drop_pending, first close the connections queued meanwhile, unread. How many."""
        dropped = 0
        if drop_pending:
            self.socket.setblocking(False)
            try:
                while True:
                    try:
                        waiting, _ = self.socket.accept()
                    except BlockingIOError:
                        break
                    waiting.close()
                    dropped += 1
            finally:
                self.socket.setblocking(True)
        self._accepting.set()
        return dropped

    def posts_for(self, reference: str) -> list[dict]:
        with self._lock:
            return [body for body in self.posts if body.get("reference") == reference]

    def record(self, body: dict) -> dict:
        with self._lock:
            body = {**body, "id": str(uuid.uuid4())}
            self.posts.append(body)
            return body

    def _serve(self) -> None:
        while not self._closing.is_set():
            self._accepting.wait()
            if self._closing.is_set():
                return
            ready, _, _ = select.select([self.socket], [], [], 0.05)
            if ready and self._accepting.is_set():
                with contextlib.suppress(OSError):
                    self._handle_request_noblock()


class Handler(BaseHTTPRequestHandler):
    server: FakeNotify

    def log_message(self, format, *args):  # quiet: the test says what it needs
        pass

    def do_POST(self):
        if self.path not in ("/v2/notifications/email", "/v2/notifications/sms"):
            return self.answer(404, {"errors": [{"message": "Not found"}]})
        length = int(self.headers.get("Content-Length") or 0)
        kept = self.server.record(json.loads(self.rfile.read(length) or b"{}"))
        if self.server.hold.is_set():
            self.server.released.wait(60)
        with contextlib.suppress(OSError):  # the client may have been killed while we held its answer
            self.answer(201, {"id": kept["id"], "reference": kept.get("reference"), "content": {}, "template": {}})

    def do_GET(self):
        address = urlsplit(self.path)
        if address.path != "/v2/notifications":
            return self.answer(404, {"errors": [{"message": "Not found"}]})
        reference = parse_qs(address.query).get("reference", [""])[0]
        kept = self.server.posts_for(reference)
        found = [{"id": body["id"], "reference": reference, "status": "delivered"} for body in kept]
        self.answer(200, {"notifications": found, "links": {}})

    def answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
