"""Benchmark: gunicorn against granian as `alongside serve`'s web server (ADR 0046), run fairly.

    make bench-servers                      # the full run: 3 rounds in ABABAB order, 20 s warm-up, 60 s measured
    make bench-servers BENCH_ARGS=--short   # a check that it all works: 1 round, 5 s warm-up, 10 s measured

Both servers serve the same WSGI app with 2 processes of 4 threads (gunicorn gthread 4 = granian blocking threads
4), the same settings (development, DEBUG off, the demo switch on so the demo logins need no second factor,
persistent database connections) and the same database: a scratch database (alongside_bench_servers) on the
embedded server, holding the demo borough, kept between runs (--drop removes it). The load is locust, headless,
FastHttpUser with no wait, from its own environment (bench/load.lock), at each number of users in --users, in three
mixes (bench/servers_locust.py): health (the server's overhead), static (one hashed stylesheet through WhiteNoise)
and pages (signed in: home, person pages, a search). Each result is the median over the rounds.

Also recorded: the time from start to the first 200, the summed memory of the server's processes, the CPU that
locust itself used (on 2 cores the load generator takes a share: it is said beside the figures), the load average,
and a graceful-stop check (a 2 s request, SIGTERM 0.5 s later: the request must answer 200, a new connection must
be refused, and the server must exit 0).

The choice: the lower p95 of the pages mix at the highest number of users; within 10 %, gunicorn (ADR 0046).
"""

import argparse
import contextlib
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psutil

from bench.scratch import drop_scratch, open_scratch

SCRATCH = "alongside_bench_servers"
ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = ROOT / "bench" / "servers_locust.py"
MIXES = ("health", "static", "pages")
WITHIN = 0.10  # two p95s closer than this count as a tie, and the tie goes to gunicorn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locust", default=str(ROOT / "var" / "load-venv" / "bin" / "locust"))
    parser.add_argument("--servers", default="gunicorn,granian")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of load before each measurement")
    parser.add_argument("--seconds", type=int, default=60, help="seconds measured")
    parser.add_argument("--users", default="20,100")
    parser.add_argument("--mixes", default=",".join(MIXES))
    parser.add_argument("--people", type=int, default=5000, help="people in the demo borough")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--short", action="store_true", help="1 round, 5 s warm-up, 10 s measured")
    parser.add_argument("--output", default=str(ROOT / "var" / "bench-servers.json"))
    parser.add_argument("--drop", action="store_true", help="drop the scratch database at the end")
    args = parser.parse_args()
    if args.short:
        args.rounds, args.warmup, args.seconds = 1, 5, 10
    servers = args.servers.split(",")
    users = [int(n) for n in args.users.split(",")]
    mixes = args.mixes.split(",")
    if not Path(args.locust).exists():
        sys.exit(f"No locust at {args.locust}: run `make bench-servers`, which makes its environment.")

    started = time.time()
    load_before = os.getloadavg()
    environment, targets = prepare(args.people)
    log(f"Targets: {len(targets['people'])} person pages, {len(targets['searches'])} searches, {targets['static']}")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(targets, file)
    environment["BENCH_TARGETS"] = file.name

    runs: dict = {server: {mix: {n: [] for n in users} for mix in mixes} for server in servers}
    starts: dict = {server: [] for server in servers}
    memory: dict = {server: [] for server in servers}
    for round_number in range(args.rounds):
        for server in servers:  # ABAB...: each round runs every server, in the same order
            log(f"Round {round_number + 1}: {server}")
            process, port, seconds_to_first = start_server(server, environment, args, targets["health"])
            starts[server].append(seconds_to_first)
            try:
                for mix in mixes:
                    for n in users:
                        result = locust(args, environment, port, mix, n)
                        drain(port, targets["health"])
                        result["rss_mb"] = rss_mb(process.pid)
                        runs[server][mix][n].append(result)
                        log(f"  {mix} {n} users: {summary(result)}")
                memory[server].append(rss_mb(process.pid))
            finally:
                stop(process)
    graceful = {server: graceful_stop_check(server, environment, args) for server in servers}
    report = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "machine": machine(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "settings": {
            key: getattr(args, key)
            for key in ("rounds", "warmup", "seconds", "users", "mixes", "people", "workers", "threads", "short")
        },
        "start_seconds": {server: statistics.median(values) for server, values in starts.items()},
        "rss_mb": {server: statistics.median(values) for server, values in memory.items()},
        "results": {
            server: {mix: {n: median_of(rounds) for n, rounds in by_users.items()} for mix, by_users in by_mix.items()}
            for server, by_mix in runs.items()
        },
        "rounds": runs,
        "graceful_stop": graceful,
    }
    report["choice"] = choose(report, max(users))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2, default=str))
    print(markdown(report, servers, mixes, users))
    if args.drop:
        drop_scratch(SCRATCH)
    return 0


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def prepare(people: int) -> tuple[dict, dict]:
    """The scratch database with the demo borough, the static files collected, and what the load asks for."""
    open_scratch(SCRATCH, reuse=True)
    import io

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from alongside.people.models import Person

    settings.DEMO_MODE = True
    log(f"The demo borough of {people:,} people in {SCRATCH} (built once, then reused)...")
    call_command("demo", people=people, if_missing=True, verbosity=0, stdout=io.StringIO())

    client = Client()
    client.force_login(get_user_model().objects.get(username="clinician"))
    assert client.get("/").status_code == 200, "the clinician's home page does not answer 200"
    people_seen, searches = [], []
    for pk, family_name in Person.objects.order_by("pk").values_list("pk", "family_name")[:400]:
        if client.get(f"/people/{pk}/").status_code == 200:
            people_seen.append(pk)
            searches.append(quote(family_name))
        if len(people_seen) == 20:
            break
    assert people_seen, "the clinician can open no person's page"

    database = settings.DATABASES["default"]
    host = quote(database["HOST"], safe="")
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DEBUG", "DATABASE_URL", "DATABASE_OWNER_URL"}
    }
    environment |= {
        "ALONGSIDE_ENV": "development",
        "ALONGSIDE_DEMO": "true",
        "DATABASE_URL": f"postgresql://{database['USER']}@/{SCRATCH}?host={host}",
        "PYTHONUNBUFFERED": "1",
    }
    log("The static files...")  # as `alongside serve` collects them: in a process with the production settings
    collect = "from alongside.core import static_files; static_files.collect_if_changed()"
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "alongside.cli", "shell", "-c", collect], env=environment, cwd=ROOT, check=True
    )
    targets = {
        "health": "/healthz" if answers(client, "/healthz") else "/health/",
        "static": settings.STATIC_URL + hashed_name("alongside/nhsuk.css"),
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "people": people_seen,
        "searches": searches,
    }
    return environment, targets


def hashed_name(name: str) -> str:
    """The name collectstatic gave the file (the scratch database's settings name static files plainly)."""
    from django.conf import settings

    from alongside.core import static_files

    manifest = json.loads((Path(settings.STATIC_ROOT) / static_files.MANIFEST).read_text())
    return manifest["paths"][name]


def answers(client, path: str) -> bool:
    return client.get(path).status_code == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(server: str, environment: dict, args, health: str, application: str | None = None):
    from alongside.core import web_server

    port = free_port()
    command = web_server.command(
        server,
        host="127.0.0.1",
        port=port,
        workers=args.workers,
        threads=args.threads,
        graceful_seconds=10,
        **({"application": application} if application else {}),
    )
    return launch(command, environment, port, health, server)


def launch(command: list[str], environment: dict, port: int, health: str, name: str, output=None):
    """Start a server in its own session; it, its port and the seconds until `health` first answered 200.

    What it prints goes to `output` (an open file), else where this process prints."""
    began = time.monotonic()
    process = subprocess.Popen(  # noqa: S603
        command, env=environment, cwd=ROOT, start_new_session=True, stdout=output, stderr=output
    )
    deadline = began + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{health}", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return process, port, time.monotonic() - began
        except OSError:
            time.sleep(0.05)
    stop(process)
    raise RuntimeError(f"{name} did not answer within 120 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def rss_mb(pid: int) -> float:
    parent = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)]) / 2**20


def drain(port: int, health: str) -> None:
    """Wait until the server has finished what the last run left queued: requests already sent are answered even
    after locust has gone, and would slow the next run down. Drained when the health address answers at once."""
    quick = 0
    deadline = time.monotonic() + 180
    while quick < 2 and time.monotonic() < deadline:
        began = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{health}", timeout=60).close()  # noqa: S310
        quick = quick + 1 if time.monotonic() - began < 0.5 else 0
        time.sleep(0.2)


def locust(
    args, environment: dict, port: int, mix: str, users: int, locustfile: Path = LOCUSTFILE, spawn_rate: int = 0
) -> dict:
    """One headless locust run (warm-up, then the figures reset and measured); its figures and locust's CPU.

    All the users start at once unless `spawn_rate` (users a second) is given."""
    seconds = args.warmup + args.seconds
    with tempfile.TemporaryDirectory() as directory:
        prefix = Path(directory) / "run"
        command = [
            args.locust,
            "-f",
            str(locustfile),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(spawn_rate or users),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "ERROR",
            "--exit-code-on-error",
            "0",
        ]
        process = subprocess.Popen(  # noqa: S603
            command,
            env={**environment, "BENCH_MIX": mix, "BENCH_WARMUP": str(args.warmup)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        rows = {row["Name"]: row for row in read_csv(Path(f"{prefix}_stats.csv"))}
        failures = read_csv(Path(f"{prefix}_failures.csv"))
    total = rows["Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": number(total["Requests/s"]),
        "p50": number(total["50%"]),
        "p95": number(total["95%"]),
        "p99": number(total["99%"]),
        "by_name": {
            name: {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": number(row["Requests/s"]),
                "p50": number(row["50%"]),
                "p95": number(row["95%"]),
            }
            for name, row in rows.items()
            if name != "Aggregated"
        },
        "failures": [
            {"method": row["Method"], "name": row["Name"], "error": row["Error"], "times": int(row["Occurrences"])}
            for row in failures
        ],
        "locust_cpu_share": (usage.ru_utime + usage.ru_stime) / seconds,  # of one core, over the whole run
    }


def number(text: str) -> float:
    """A figure from locust's CSV; "N/A" (no request answered in the time) counts as infinitely slow."""
    return float("inf") if text == "N/A" else float(text)


def read_csv(path: Path) -> list[dict]:
    import csv

    with path.open() as file:
        return list(csv.DictReader(file))


def median_of(rounds: list[dict]) -> dict:
    keys = ("requests", "errors", "rps", "p50", "p95", "p99", "rss_mb", "locust_cpu_share")
    return {key: statistics.median(r[key] for r in rounds) for key in keys}


def summary(result: dict) -> str:
    return (
        f"{result['rps']:.0f} rps, p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, "
        f"p99 {result['p99']:.0f} ms, {result['errors']} errors, locust {result['locust_cpu_share']:.0%} of a core"
    )


def graceful_stop_check(server: str, environment: dict, args) -> dict:
    """A 2 s request, then SIGTERM 0.5 s later: it must answer 200, a new connection must be refused, exit 0."""
    process, port, _ = start_server(
        server, environment, args, "/health/", application="alongside.core.tests.slow_wsgi:application"
    )
    answer: dict = {}

    def slow():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/slow/", timeout=30) as response:  # noqa: S310
                answer["status"] = response.status
        except OSError as error:
            answer["status"] = repr(error)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    asked = time.monotonic()
    process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        refused = False
    except ConnectionRefusedError:
        refused = True
    except OSError:
        refused = False
    thread.join(30)
    try:
        code = process.wait(30)
    except subprocess.TimeoutExpired:
        stop(process)
        code = None
    return {
        "slow_request": answer.get("status"),
        "new_connection_refused": refused,
        "exit_code": code,
        "seconds_to_exit": round(time.monotonic() - asked, 1),
    }


def choose(report: dict, users: int) -> dict:
    results = report["results"]
    if "pages" not in next(iter(results.values())) or len(results) < 2:
        return {"server": None, "why": "the pages mix or a second server was not run"}
    p95 = {server: by_mix["pages"][users]["p95"] for server, by_mix in results.items()}
    best, other = sorted(p95, key=p95.get)
    if p95[other] - p95[best] <= WITHIN * p95[other] and "gunicorn" in p95:
        return {"server": "gunicorn", "p95": p95, "why": f"within {WITHIN:.0%}: the tie goes to gunicorn"}
    return {"server": best, "p95": p95, "why": f"lower p95 of the pages mix at {users} users"}


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cores": len(os.sched_getaffinity(0)),
        "cpu": platform.processor() or platform.machine(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
    }


def markdown(report: dict, servers: list[str], mixes: list[str], users: list[int]) -> str:
    lines = [
        f"Run {report['when']} on {report['machine']['cores']} cores (load average before "
        f"{report['load_average_before'][0]:.1f}, after {report['load_average_after'][0]:.1f}); "
        f"{report['settings']['rounds']} round(s), {report['settings']['warmup']} s warm-up, "
        f"{report['settings']['seconds']} s measured, {report['settings']['people']:,} people.",
        "",
        "| server | mix | users | rps | p50 ms | p95 ms | p99 ms | errors | server RSS MB | locust CPU (cores) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mix in mixes:
        for n in users:
            for server in servers:
                r = report["results"][server][mix][n]
                lines.append(
                    f"| {server} | {mix} | {n} | {r['rps']:.0f} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} "
                    f"| {r['errors']:.0f} | {r['rss_mb']:.0f} | {r['locust_cpu_share']:.2f} |"
                )
    lines += ["", "| server | start to first 200 (s) | graceful stop: slow request, new connection, exit code, s |"]
    lines.append("| --- | ---: | --- |")
    for server in servers:
        g = report["graceful_stop"][server]
        refused = "refused" if g["new_connection_refused"] else "NOT refused"
        lines.append(
            f"| {server} | {report['start_seconds'][server]:.1f} | {g['slow_request']}, {refused}, "
            f"exit {g['exit_code']}, {g['seconds_to_exit']} s |"
        )
    choice = report["choice"]
    lines += ["", f"Choice: {choice['server']} ({choice['why']}; p95 {choice.get('p95')})."]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
