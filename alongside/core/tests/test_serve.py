"""`alongside serve`: the production web server (ADR 0046), the static files under hashed names, a graceful stop
that takes the worker with it, `--dev`, and the worker's restarts."""

import importlib.util
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import psutil
import pytest
from django.core.management import call_command

from alongside.core import static_files, web_server
from alongside.core.management.commands import serve
from tests import processes

# granian, and gunicorn where `make bench-servers` has installed it (ADR 0046)
INSTALLED = [server for server in web_server.SERVERS if importlib.util.find_spec(server)]

# --- the command line of each server ----------------------------------------------------------------------------


@pytest.mark.parametrize("server", web_server.SERVERS)
def test_each_server_gets_the_same_processes_threads_and_grace(server):
    command = web_server.command(
        server, host="127.0.0.1", port=8123, workers=3, threads=5, graceful_seconds=7, application="a.b:app"
    )
    assert command[1:3] == ["-m", server]
    assert "a.b:app" in command
    assert command[command.index("--workers") + 1] == "3"
    assert "5" in command and "7" in command and "8123" in " ".join(command)
    # No access log from the server: its lines would carry query strings, and a search is ?q=<a name>.
    assert "--access-logfile" not in command and "--access-log" not in command


def test_an_unknown_server_is_refused():
    with pytest.raises(ValueError, match="Unknown web server"):
        web_server.command("waitress", host="h", port=1, workers=1, threads=1, graceful_seconds=1)


def test_an_unknown_server_in_the_environment_is_refused_in_one_line():
    environment = {**os.environ, "ALONGSIDE_WEB_SERVER": "waitress", "DATABASE_URL": "postgresql://unused@/unused"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "alongside.cli", "check"],
        env=environment,
        cwd=processes.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "ALONGSIDE_WEB_SERVER is 'waitress': set it to granian" in result.stderr


# --- --dev: Django's development server with its reloader ------------------------------------------------------


@pytest.fixture
def calls(monkeypatch):
    """serve's own management calls, recorded instead of run; nothing stops the tests' database."""
    made = []
    monkeypatch.setattr(serve, "call_command", lambda name, *args, **options: made.append((name, args, options)))
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)
    monkeypatch.setattr(serve.database, "stop_embedded", lambda base_dir: False)
    return made


def test_the_reloaders_child_only_serves(calls, monkeypatch):
    monkeypatch.setenv("RUN_MAIN", "true")
    call_command("serve", "--dev", "--port", "8123")
    assert calls == [("runserver", ("127.0.0.1:8123",), {"use_reloader": True, "skip_checks": True})]


def test_dev_migrates_then_runs_the_development_server_with_its_reloader(calls, monkeypatch, settings):
    monkeypatch.delenv("RUN_MAIN", raising=False)
    settings.DEBUG = True  # files are found where they are written: nothing to collect
    call_command("serve", "--dev", "--no-worker", "--port", "8123", "--host", "0.0.0.0")  # noqa: S104
    assert [name for name, _, _ in calls] == ["migrate", "runserver"]
    assert calls[1][1:] == (("0.0.0.0:8123",), {"use_reloader": True, "skip_checks": True})


def test_the_load_test_runs_the_development_server_without_its_reloader(calls, monkeypatch, settings):
    """--noreload is for bench/load.py alone (one process, measured as fairly as the production server), so the
    help leaves it out."""
    monkeypatch.delenv("RUN_MAIN", raising=False)
    settings.DEBUG = True
    call_command("serve", "--dev", "--noreload", "--no-worker", "--port", "8123")
    assert calls[1][1:] == (("127.0.0.1:8123",), {"use_reloader": False, "skip_checks": True})
    help_text = serve.Command().create_parser("alongside", "serve").format_help()
    assert "--noreload" not in help_text


# --- a stop: one SIGTERM to the server, and a second Ctrl-C cuts the wait short --------------------------------


class ServerProcess:
    """A web server's process that is still running; `interrupted` makes its first wait end with a second Ctrl-C."""

    pid = 4343

    def __init__(self, interrupted: bool):
        self.interrupted, self.signals, self.waits = interrupted, [], []

    def poll(self):
        return None

    def send_signal(self, sig):
        self.signals.append(sig)

    def wait(self, timeout=None):
        self.waits.append(timeout)
        if self.interrupted and len(self.waits) == 1:
            raise KeyboardInterrupt
        return 0


@pytest.mark.parametrize("second_ctrl_c", [False, True])
def test_a_stop_asks_the_server_once_and_a_second_ctrl_c_ends_its_group(monkeypatch, settings, second_ctrl_c):
    killed = []
    monkeypatch.setattr(serve.os, "killpg", lambda pgid, sig: killed.append((pgid, sig)))
    settings.GRACEFUL_SECONDS = 30
    web = serve.WebServer(io.StringIO(), "127.0.0.1", 8123)
    web.process = process = ServerProcess(interrupted=second_ctrl_c)
    web.stop()
    assert process.signals == [signal.SIGTERM]  # once: a server's answer to a second signal may be a quick stop
    assert process.waits[0] == 35  # the grace, and a little more for the server's own last steps
    assert killed == [(4343, signal.SIGKILL)]  # whatever is left of its group (nothing, after a graceful stop)
    assert ("Stopping the web server at once." in web.stdout.getvalue()) == second_ctrl_c


# --- static files are collected only when a source changed ------------------------------------------------------


def test_static_files_are_collected_again_only_when_a_source_changes(settings, tmp_path, monkeypatch):
    sources, root = tmp_path / "sources", tmp_path / "collected"
    sources.mkdir()
    root.mkdir()
    settings.STATICFILES_DIRS = [sources]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = root
    runs = []

    def collectstatic(name, **options):
        runs.append(name)
        (root / static_files.MANIFEST).write_text("{}")
        static_files.stamp_collected(static_files.sources_fingerprint())  # as `alongside collectstatic` does

    monkeypatch.setattr(static_files, "call_command", collectstatic)
    style = sources / "site.css"
    style.write_text("body { color: black }")
    assert static_files.collect_if_changed()
    assert not static_files.collect_if_changed()

    style.write_text("body { color: #212b32 }")  # another size
    assert static_files.collect_if_changed()
    stat = style.stat()
    os.utime(style, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # the same size, changed later
    assert static_files.collect_if_changed()
    (sources / "new.js").write_text("")
    assert static_files.collect_if_changed()
    (root / static_files.MANIFEST).unlink()  # collected files removed
    assert static_files.collect_if_changed()
    assert not static_files.collect_if_changed()
    assert runs == ["collectstatic"] * 5


PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # hashed names, a manifest


def test_collectstatic_run_as_a_release_step_spares_serve_collecting_them_again(settings, tmp_path):
    sources, root = tmp_path / "sources", tmp_path / "collected"
    sources.mkdir()
    settings.STATICFILES_DIRS = [sources]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    (sources / "site.css").write_text("body { color: black }")
    call_command("collectstatic", interactive=False, verbosity=0)  # `alongside collectstatic --noinput`
    assert (root / static_files.MANIFEST).is_file()
    assert not static_files.collect_if_changed()  # serve's start: nothing to do
    (sources / "site.css").write_text("body { color: #212b32 }")
    call_command("collectstatic", interactive=False, verbosity=0, dry_run=True)  # a dry run stamps nothing
    assert static_files.collect_if_changed()
    (sources / "site.css").write_text("body { color: #005eb8 }")
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["*.css"])  # not all of them
    assert static_files.collect_if_changed()


# --- the worker is started again, but not for ever when it keeps failing ----------------------------------------


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class StoppingWorker:
    """A worker process that stops with exit code 1 after running `seconds` (on the fake clock)."""

    def __init__(self, clock, seconds):
        self.clock, self.seconds, self.pid = clock, seconds, 4242

    def wait(self):
        self.clock.now += self.seconds
        return 1

    def poll(self):
        return 1


def watched(monkeypatch, runs: list[float], most: int = 40) -> int:
    """Run the watch loop over workers that run for `runs[i]` seconds each; how many were started in all."""
    monkeypatch.setattr(serve, "RESTART_DELAY", 0)
    clock = Clock()
    worker = serve.BackgroundWorker(stdout=io.StringIO())
    worker.clock = clock
    started = []

    def spawn():
        started.append(1)
        if len(started) == most:
            worker.stopping.set()
        return StoppingWorker(clock, runs[min(len(started) - 1, len(runs) - 1)])

    monkeypatch.setattr(worker, "spawn", spawn)
    worker.process = spawn()
    worker.started_at = clock()
    worker.watch()
    return len(started)


def test_a_worker_that_keeps_stopping_at_once_is_given_up(monkeypatch):
    assert watched(monkeypatch, [1.0]) == 1 + serve.MOST_RESTARTS


def test_a_worker_that_ran_well_before_it_stopped_is_always_started_again(monkeypatch):
    assert watched(monkeypatch, [serve.RAN_WELL_SECONDS], most=40) == 40


def test_the_count_of_restarts_starts_afresh_after_a_good_run(monkeypatch):
    quick, good = 1.0, float(serve.RAN_WELL_SECONDS)
    runs = [quick] * 4 + [good] + [quick] * 10
    # 4 quick stops (4 restarts), then a good run: its stop starts the count again, so MOST_RESTARTS more follow,
    # one more than the single restart left before it.
    assert watched(monkeypatch, runs) == 5 + serve.MOST_RESTARTS


# --- the real thing: serve on a free port against the test database ---------------------------------------------


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """One collection of the static files for this module's servers (serve would otherwise collect them itself)."""
    root = tmp_path_factory.mktemp("static")
    collect = "from alongside.core import static_files; static_files.collect_if_changed()"
    environment = {**os.environ, "ALONGSIDE_STATIC_ROOT": str(root), "DATABASE_URL": "postgresql://unused@/unused"}
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "alongside.cli", "shell", "-c", collect],
        env=environment,
        cwd=processes.ROOT,
        check=True,
        timeout=300,
    )
    return root


def serve_env(static_root, tmp_path, server, **more) -> dict[str, str]:
    return {
        "ALONGSIDE_STATIC_ROOT": str(static_root),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "ALONGSIDE_WEB_SERVER": server,
        "ALONGSIDE_WEB_WORKERS": "2",
        "ALONGSIDE_WEB_THREADS": "2",
        **more,
    }


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server on loopback)
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
        return answer.status, answer.headers, answer.read()  # headers whose names match in any case


@pytest.mark.system
@pytest.mark.parametrize("server", INSTALLED)
def test_serve_answers_with_hashed_static_files_and_a_stop_ends_every_process(
    server, static_root, tmp_path, transactional_db
):
    port = processes.free_port()
    token = "metrics-token-for-the-serve-test-0123456789"
    environment = serve_env(static_root, tmp_path, server, ALONGSIDE_METRICS_TOKEN=token)
    started = processes.start(["serve", "--port", str(port)], environment)
    try:
        processes.wait_for(f"http://127.0.0.1:{port}/health/", timeout=90)
        hashed = json.loads((static_root / static_files.MANIFEST).read_text())["paths"]["alongside/nhsuk.css"]
        assert hashed != "alongside/nhsuk.css"

        status, headers, body = get(f"http://127.0.0.1:{port}/static/{hashed}", **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
        assert headers["Content-Encoding"] == "gzip"
        assert body[:2] == b"\x1f\x8b"
        status, headers, _ = get(f"http://127.0.0.1:{port}/static/{hashed}")
        assert "Content-Encoding" not in headers

        # A page names its script under the hashed name; the module that script imports keeps its plain name
        # (Django does not rewrite module imports), and is served too.
        _, _, page = get(f"http://127.0.0.1:{port}/accounts/login/")
        script = re.search(r'src="(/static/alongside/alongside\.[0-9a-f]{12}\.mjs)"', page.decode())
        assert script, page.decode()
        _, _, module = get(f"http://127.0.0.1:{port}{script[1]}")
        assert b'from "../nhsuk/nhsuk-frontend.min.js"' in module
        assert get(f"http://127.0.0.1:{port}/static/nhsuk/nhsuk-frontend.min.js")[0] == 200

        # The server's processes keep their figures in files under PROMETHEUS_MULTIPROC_DIR, which serve gives them,
        # so a scrape counts the requests every process answered (issue 19 part B).
        _, _, figures = get(f"http://127.0.0.1:{port}/metrics", Authorization=f"Bearer {token}")
        assert b'alongside_http_requests_total{method="GET",route="health/",status="200"}' in figures
        assert list((tmp_path / "metrics").glob("*.db"))

        children = psutil.Process(started.pid).children(recursive=True)
        commands = [" ".join(child.cmdline()) for child in children]
        assert any("alongside.cli worker" in command for command in commands), commands
        assert any(f"-m {server}" in command for command in commands), commands

        os.kill(started.pid, signal.SIGINT)  # Ctrl-C in `make demo` (the stop test below sends SIGTERM)
        assert started.process.wait(timeout=60) == 0
    finally:
        started.stop()
    output = started.output()
    assert "Collected the static files" not in output, output  # already collected, and no source changed since
    assert "Stopped the web server." in output and "Stopped the background worker." in output, output
    assert not [child.pid for child in children if psutil.pid_exists(child.pid)]


GRACE = 10  # seconds


def ask_slowly(url: str, answers: list) -> None:
    try:
        answers.append(get(url))
    except OSError as error:
        answers.append((error, {}, b""))


@pytest.mark.system
@pytest.mark.parametrize("server", INSTALLED)
def test_a_stop_lets_the_request_under_way_finish_and_takes_no_new_one(server, static_root, tmp_path, transactional_db):
    port = processes.free_port()
    environment = serve_env(
        static_root,
        tmp_path,
        server,
        ALONGSIDE_WSGI_APP="alongside.core.tests.slow_wsgi:application",
        ALONGSIDE_GRACEFUL_SECONDS=str(GRACE),
        ALONGSIDE_WEB_WORKERS="1",
    )
    started = processes.start(["serve", "--no-worker", "--port", str(port)], environment)
    answers = []
    try:
        processes.wait_for(f"http://127.0.0.1:{port}/health/", timeout=90)
        slow = threading.Thread(target=ask_slowly, args=(f"http://127.0.0.1:{port}/slow/", answers))
        slow.start()
        time.sleep(0.5)
        os.kill(started.pid, signal.SIGTERM)  # as systemd or a container stops it
        time.sleep(0.5)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        slow.join(timeout=GRACE)
        # serve waits GRACE (+5 s) for the server, then cuts it short; on a busy machine Python's own start and stop
        # take seconds too, so the bound is loose. What a stop must not do is cut the request short (below).
        assert started.process.wait(timeout=GRACE + 30) == 0
    finally:
        started.stop()
    output = started.output()
    assert answers and answers[0][0] == 200, output
    assert answers[0][2] == b"finished after a stop was asked for"


@pytest.mark.system
def test_serve_stops_everything_and_fails_when_the_web_server_cannot_start(static_root, tmp_path, transactional_db):
    with socket.socket() as taken:  # the port is someone else's
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = processes.start(["serve", "--port", str(port)], serve_env(static_root, tmp_path, "granian"))
        try:
            code = started.process.wait(timeout=120)
        finally:
            started.stop()
    output = started.output()
    assert code == 1, output
    assert "The web server stopped by itself" in output, output
    assert "Stopped the background worker." in output, output
