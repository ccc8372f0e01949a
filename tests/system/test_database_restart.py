"""While the database restarts under load, pages answer the NHS.UK "service is unavailable" page, and everything
recovers by itself, with no restart of the app (issue 19, faults).

4 clients, signed in as a clinician, ask in turn for the home page, one of the people's pages, /health/ and
/readyz (those two as a probe does, with no cookie), from `alongside serve` on the private cluster. After 10 s the
cluster is stopped (`pg_ctl stop -m fast`), left stopped for 5 s, and started again. Every answer is a 200, or a
503 with the NHS.UK page (or /health/'s JSON) and a Retry-After header, or /readyz's 503 saying the database is
unreachable: never a 500, a hang past 5 s, a dropped connection or a lost session. Within 15 s of the start every
answer is a 200 again (/readyz "ready": the database, the migrations and the worker's heartbeat; until then it may
say the heartbeat is stale). The 15 s count from when the start is issued, as the database may answer before
`pg_ctl start` returns; the worker is the same process, its heartbeat is fresh, and a message queued after
the restart is delivered (to a fake GOV.UK Notify).
"""

import collections
import itertools
import threading
import time
from dataclasses import dataclass

import pytest
import requests

from alongside.core.tests.fake_notify import API_KEY, FakeNotify

from .conftest import Cluster, run, serve

pytestmark = pytest.mark.system

CLIENTS = 4
BEFORE = 10  # seconds of load before the outage
OUTAGE = 5  # seconds the database is stopped
RECOVERY = 15  # seconds after the start within which every answer is a 200 again
STEADY = 5  # seconds more, every answer a 200
TIMEOUT = 5  # an answer slower than this is a hang
PAUSE = 0.05  # seconds each client waits between requests: a busy service, not a flood that starves 2 cores
TEMPLATE = "6a7f1a47-90b4-4e7a-9c1e-3a0f9a8a2f11"

PROBES = {"/health/", "/readyz"}
HEALTH_UNAVAILABLE = {"status": "unavailable", "database": "unreachable"}


@dataclass(frozen=True)
class Answer:
    at: float  # time.monotonic() when it came (or failed)
    path: str
    kind: str  # "ok", "unavailable" (the right 503), or what was wrong


def kind_of(path: str, response: requests.Response) -> str:
    if response.status_code == 200:
        return "ok"
    text = response.text
    if path == "/readyz" and response.status_code == 503:  # not ready: the database first, then the worker's beat
        checks = response.json().get("checks", {})
        return "unavailable" if checks.get("database") == "unreachable" else f"not ready {checks}"
    if response.status_code == 503 and response.headers.get("Retry-After"):
        if path == "/health/" and response.headers.get("Content-Type") == "application/json":
            return "unavailable" if response.json() == HEALTH_UNAVAILABLE else f"503 health {text[:80]}"
        if "nhsuk-header" in text and '<h1 class="nhsuk-heading-l">Sorry, the service is unavailable</h1>' in text:
            return "unavailable"
    return f"{response.status_code} {response.headers.get('Content-Type', '')} {text[:80]!r}"


class Load:
    """CLIENTS threads asking for `paths` in turn, each answer kept with its time and kind, until `stop()`."""

    def __init__(self, url: str, paths: list[str], cookies: dict[str, str]):
        self.url, self.paths, self.cookies = url, paths, cookies
        self.answers: list[Answer] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(i,), daemon=True) for i in range(CLIENTS)]
        for thread in self.threads:
            thread.start()

    def client(self, offset: int) -> None:
        with requests.Session() as session, requests.Session() as probe:
            session.cookies.update(self.cookies)
            for path in itertools.islice(itertools.cycle(self.paths), offset, None):
                if self.stopping.is_set():
                    return
                asking = probe if path in PROBES else session  # a load balancer's probe sends no cookie
                try:
                    response = asking.get(self.url + path, timeout=TIMEOUT, allow_redirects=False)
                    kind = kind_of(path, response)
                except requests.Timeout:
                    kind = "hang"
                except requests.ConnectionError:
                    kind = "dropped"
                except ValueError as error:  # a body that is not what it says it is
                    kind = f"unreadable: {error}"
                with self.lock:
                    self.answers.append(Answer(time.monotonic(), path, kind))
                self.stopping.wait(PAUSE)

    def stop(self) -> list[Answer]:
        self.stopping.set()
        for thread in self.threads:
            thread.join(TIMEOUT + 5)
        return self.answers

    def since(self, moment: float) -> list[Answer]:
        with self.lock:
            return [answer for answer in self.answers if answer.at >= moment]


def the_worker(serving) -> int:
    """The process id of the worker that `alongside serve` started."""
    workers = [p.pid for p in serving.started.family() if "worker" in p.cmdline()]
    assert len(workers) == 1, f"expected one worker beside the server, found {workers}"
    return workers[0]


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"Not within {timeout} s: {what}"
        time.sleep(0.2)


def heartbeat_fresh(cluster: Cluster, pid: int) -> bool:
    return cluster.one(
        "SELECT count(*) FROM core_workerheartbeat WHERE pid = %s AND beat_at > now() - interval '3 seconds'", pid
    )


@pytest.fixture
def fake_notify():
    server = FakeNotify().start()
    yield server
    server.close()


def test_the_database_restarting_under_load_gives_the_nhs_page_and_everything_recovers_by_itself(
    cluster, fake_notify, tmp_path
):
    notify = {
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_EMAIL_TEMPLATE_ID": TEMPLATE,
        "NOTIFY_TEXT_TEMPLATE_ID": TEMPLATE,
        "NOTIFY_BASE_URL": fake_notify.url,
    }
    paths = ["/", f"/people/{cluster.world['people'][0]}/", "/health/", "/readyz"]
    with serve(cluster, tmp_path / "serve.log", **notify) as serving:
        worker = the_worker(serving)
        wait_until(lambda: heartbeat_fresh(cluster, worker), 30, "the worker's first heartbeat")
        load = Load(serving.url, paths, cluster.world["cookie"])
        try:
            time.sleep(BEFORE)
            stopped = time.monotonic()
            cluster.stop("fast")
            time.sleep(OUTAGE)
            restarted = time.monotonic()  # the start is issued: the database may answer before pg_ctl returns
            cluster.start()
            time.sleep(RECOVERY + STEADY)
        finally:
            answers = load.stop()
            if not cluster.running():  # never leave the cluster stopped for the next test
                cluster.start()

        worker_after = the_worker(serving)
        wait_until(lambda: heartbeat_fresh(cluster, worker), 15, "the worker's heartbeat after the restart")
        run(
            [
                "shell",
                "-c",
                "from alongside.core import notify; notify.send(reference='after-the-restart', channel='email',"
                " to='sam@example.org', body='The team will call on Tuesday.')",
            ],
            {**cluster.env, **notify},
            timeout=120,
        )
        wait_until(lambda: fake_notify.posts_for("after-the-restart"), 30, "the message queued after the restart sent")

    tally = collections.Counter((a.kind if a.kind in ("ok", "unavailable") else "wrong") for a in answers)
    print(f"\nAnswers: {dict(tally)}; during the outage and after: {summary(answers, stopped)}")
    # While the database comes back, /readyz may still say the worker's beat is stale: an honest answer.
    recovering = [a for a in answers if a.kind.startswith("not ready") and restarted <= a.at < restarted + RECOVERY]
    wrong = [a for a in answers if a.kind not in ("ok", "unavailable") and a not in recovering]
    assert not wrong, f"{len(wrong)} answers neither a 200 nor the 503 page, e.g. " + ", ".join(
        f"{a.path} {a.kind} at {a.at - stopped:+.1f} s from the stop" for a in wrong[:5]
    )
    assert all(a.kind == "ok" for a in answers if a.at < stopped), "answers other than 200 before the outage"
    assert any(a.kind == "unavailable" and a.path == "/" for a in answers), "no page answered 503 during the outage"
    assert any(a.kind == "unavailable" and a.path == "/health/" for a in answers), "/health/ never answered 503"
    assert any(a.kind == "unavailable" and a.path == "/readyz" for a in answers), "/readyz never said unreachable"
    last_unavailable = max(a.at for a in answers if a.kind == "unavailable")
    assert last_unavailable < restarted + RECOVERY, f"503s went on {last_unavailable - restarted:.1f} s after the start"
    steady = [a for a in answers if a.at >= restarted + RECOVERY]
    assert steady and all(a.kind == "ok" for a in steady)
    assert {a.path for a in steady} == set(paths)
    assert worker_after == worker, "the worker was started again instead of living through the outage"
    assert len(fake_notify.posts_for("after-the-restart")) == 1


def summary(answers: list[Answer], since: float) -> str:
    """Answers from `since`, second by second: "+3s: 4 ok, 9 unavailable"."""
    seconds: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for answer in answers:
        if answer.at >= since:
            seconds[int(answer.at - since)][answer.kind] += 1
    return "; ".join(
        f"+{second}s: " + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        for second, kinds in sorted(seconds.items())
    )
