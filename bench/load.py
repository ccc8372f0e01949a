"""The load test (issue 19, item 5): a realistic mix of 100 signed-in users, on loopback, against the production
server and, as the baseline in the same run, the development server.

    make load                       # the full run: 100 users (10 a second), 30 s warm-up, 120 s measured a server
    make load BENCH_ARGS=--short    # a functional check: 10 users, 5 s warm-up, 15 s measured
    make load BENCH_ARGS="--users 50 --seconds 60 --warmup 20"

The servers are `alongside serve` as `make demo` runs it (granian, with its default workers and threads for this
machine, and the background worker) and `alongside serve --dev` with the reloader off (one process, as fair as the
development server can be), each in turn on 127.0.0.1, against the same scratch database that bench/servers.py
uses (alongside_bench_servers, with the demo borough; --drop removes it at the end). The load is locust, headless,
from its own environment (bench/load.lock), FastHttpUser with 1 to 4 s of think time (bench/load_locust.py): the
home page 30, a person's page 30, a search by family name 20, a contact recorded 10 (the form, then its post) and
a referral posted through the API as the GP 10. Sessions are minted, not signed in (allauth limits sign-in to 30 a
minute from one address): each user has a session of its own of the demo `clinician` login, and the referrals are
sent with the demo `gp` login's API token, each under a fresh Idempotency-Key, for a synthetic 999-range NHS number.

Zero failures is a pass condition: any answer but the expected one (200 for pages, 302 for a contact recorded, 201
for a referral), or a write answered but not made as a row, makes it exit 1 and say which requests failed. The
result goes to var/bench-load.json, and the section for bench/RESULTS.md is printed. The contacts and referrals it
makes stay in the scratch database (which is not the demo's).
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench import servers
from bench.load_report import command_line, markdown, problems

ROOT = servers.ROOT
LOCUSTFILE = ROOT / "bench" / "load_locust.py"
SERVERS = {  # how each server is started: `alongside serve` with these arguments
    "production": [],
    "development": ["--dev", "--noreload"],
}
NHS_NUMBERS = 20_000  # synthetic numbers the referrals draw from


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locust", default=str(ROOT / "var" / "load-venv" / "bin" / "locust"))
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=10, help="users started a second")
    parser.add_argument("--warmup", type=int, default=30, help="seconds of load before the figures are reset")
    parser.add_argument("--seconds", type=int, default=120, help="seconds measured on each server")
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--people", type=int, default=5000, help="people in the demo borough")
    parser.add_argument("--short", action="store_true", help="a functional check: 10 users, 5 s warm-up, 15 s")
    parser.add_argument("--output", default=str(ROOT / "var" / "bench-load.json"))
    parser.add_argument("--drop", action="store_true", help="drop the scratch database at the end")
    args = parser.parse_args()
    if args.short:
        args.users, args.spawn_rate, args.warmup, args.seconds = 10, 10, 5, 15
    if not Path(args.locust).exists():
        sys.exit(f"No locust at {args.locust}: run `make load`, which makes its environment.")

    started = time.time()
    load_before = os.getloadavg()
    environment, targets = servers.prepare(args.people)
    targets |= load_targets(targets["people"], args.users)
    servers.log(
        f"Targets: {len(targets['people'])} person pages, {len(targets['contact_people'])} contact forms, "
        f"{len(targets['sessions'])} sessions of the clinician"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(targets, file)
    environment["BENCH_TARGETS"] = file.name

    results, rows = {}, {}
    for server in args.servers.split(","):
        servers.log(f"{server}: {' '.join(['alongside serve', *SERVERS[server]])}")
        before = row_counts()
        process = start(server, environment, targets["health"])
        warm_up_failures = Path(tempfile.gettempdir()) / f"bench-load-warm-up-{os.getpid()}-{server}.json"
        environment["BENCH_WARM_UP_FAILURES"] = str(warm_up_failures)
        try:
            results[server] = servers.locust(
                args, environment, process.port, "load", args.users, locustfile=LOCUSTFILE, spawn_rate=args.spawn_rate
            )
        finally:
            servers.stop(process.process)
        results[server]["warm_up_failures"] = json.loads(warm_up_failures.read_text())
        warm_up_failures.unlink()
        after = row_counts()
        rows[server] = {kind: after[kind] - before[kind] for kind in after}
        servers.log(f"  {servers.summary(results[server])}; rows written {rows[server]}")

    report = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "command": command_line(sys.argv[1:]),
        "machine": servers.machine() | {"postgresql": postgresql_version()},
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "people": people_count(),
        "settings": {key: getattr(args, key) for key in ("users", "spawn_rate", "warmup", "seconds", "short")},
        "logins": {"pages and contacts": "clinician (a session for each user)", "referrals": "gp (API token)"},
        "results": results,
        "rows": rows,
    }
    report["problems"] = problems(results, rows)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2, default=str))
    print(markdown(report))
    if args.drop:
        servers.drop_scratch(servers.SCRATCH)
    for problem in report["problems"]:
        servers.log(f"FAILED: {problem}")
    return 1 if report["problems"] else 0


def load_targets(people: list[int], users: int) -> dict:
    """Beside bench/servers.py's targets: the sessions, the contact forms, the GP's token and a referral's body."""
    import random

    from django.contrib.auth import get_user_model
    from django.test import Client

    from alongside.demo.models import DemoLogin
    from alongside.referrals.demo import spare_nhs_numbers

    clinician = get_user_model().objects.get(username="clinician")
    sessions = [minted_session(clinician) for _ in range(users)]
    client = Client()
    client.force_login(clinician)
    contact_people = [pk for pk in people if client.get(f"/continuity/people/{pk}/contacts/new/").status_code == 200]
    assert contact_people, "the clinician can record a contact for none of the people"
    numbers = spare_nhs_numbers(random.randrange(2**32))
    return {
        "sessions": sessions,
        "contact_people": contact_people,
        "practitioner": clinician.pk,
        "gp_token": DemoLogin.objects.get(user__username="gp").api_token,
        "nhs_numbers": [next(numbers) for _ in range(NHS_NUMBERS)],
        "referral": {
            "person": {
                "given_name": "Ada",
                "family_name": "Okafor",
                "birth_date": "1941-03-12",
                "postcode": "NV1 4HT",
                "address_line": "12 Mill Lane",
                "phone": "07700 900123",
            },
            "source": "hospital_discharge",
            "urgency": "soon",
            "reason": "Two falls at home since discharge; lives alone.",
            "situation": "Loves the radio. Her daughter visits on Sundays.",
            "person_agrees": True,
            "share_named_worker": True,
            "referrer": {
                "name": "Sam Reed",
                "organisation": "Northvale Hospital, ward 7",
                "contact": "sam.reed@example.nhs.uk",
                "relationship": "Discharge coordinator",
            },
        },
    }


def minted_session(user) -> str:
    """A Cookie header for a session of `user` of its own, made through the session engine (no sign-in, so no
    rate limit), with a CSRF cookie the forms' tokens are made from."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"


class Started:
    def __init__(self, process, port: int):
        self.process, self.port = process, port


def start(server: str, environment: dict, health: str) -> Started:
    """`alongside serve` for `server` on a free port of 127.0.0.1, once it answers; its log in var/."""
    port = servers.free_port()
    command = [sys.executable, "-m", "alongside.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    log = ROOT / "var" / f"bench-load-{server}.log"
    servers.log(f"  its log: {log.relative_to(ROOT)}")
    with log.open("w") as output:  # the child keeps its own copy of the file
        process, port, _ = servers.launch(command + SERVERS[server], environment, port, health, server, output)
    return Started(process, port)


def row_counts() -> dict[str, int]:
    from alongside.continuity.models import Contact
    from alongside.referrals.models import Referral

    return {"contacts": Contact.objects.count(), "referrals": Referral.objects.count()}


def people_count() -> int:
    from alongside.people.models import Person

    return Person.objects.count()


def postgresql_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    raise SystemExit(main())
