"""What the load test (bench/load.py) concludes from locust's figures: whether it passed, and its RESULTS.md section.

Pure: it reads the report's plain data (as written to var/bench-load.json) and imports neither Django nor locust.
A run passes only with no failure at all (any answer but the expected one, on any server) and with every write it
sent made as a row.
"""

import shlex
from collections.abc import Mapping, Sequence
from typing import Any

PAGES = (  # the order of the table's rows: the mix, by weight
    "GET /",
    "GET /people/<id>/",
    "GET /people/?q=<family name>",
    "GET /continuity/people/<id>/contacts/new/",
    "POST /continuity/people/<id>/contacts/new/",
    "POST /api/v1/referrals",
)
WRITES = {  # the request that makes each kind of row
    "contacts": "POST /continuity/people/<id>/contacts/new/",
    "referrals": "POST /api/v1/referrals",
}


def problems(results: Mapping[str, Mapping[str, Any]], rows: Mapping[str, Mapping[str, int]]) -> list[str]:
    """Why the run failed, in a line each: nothing when it passed.

    `results` holds locust's figures by server (with its `failures`, its `warm_up_failures`, which the reset of the
    figures after the warm-up leaves out of the rest, and per-request `by_name`); `rows` the rows made
    during each server's run, by kind. The figures count the measured time only, so the rows are compared with a
    floor: every write answered as expected while measured made at least one row.
    """
    found = []
    for server, result in results.items():
        for failure in result.get("failures", []):
            found.append(f"{server}: {failure['name']} failed {failure['times']} time(s): {failure['error']}")
        for failure in result.get("warm_up_failures", []):
            found.append(
                f"{server}: {failure['name']} failed {failure['times']} time(s) in the warm-up: {failure['error']}"
            )
        for name, figures in result.get("by_name", {}).items():
            if figures["errors"] and not result.get("failures"):
                found.append(f"{server}: {name} failed {figures['errors']} time(s)")
        if result.get("errors") and not result.get("failures") and not result.get("by_name"):
            found.append(f"{server}: {result['errors']} request(s) failed")
        for kind, name in WRITES.items():
            answered = result.get("by_name", {}).get(name, {}).get("requests", 0)
            made = rows.get(server, {}).get(kind, 0)
            if made < answered:
                found.append(f"{server}: {answered} {kind} answered as made, but only {made} row(s) were written")
        if not result.get("requests"):
            found.append(f"{server}: no request was measured")
    return found


def markdown(report: Mapping[str, Any]) -> str:
    """The bench/RESULTS.md section: the machine, the command, then per page and server, and the totals."""
    machine = report["machine"]
    settings = report["settings"]
    servers = list(report["results"])
    before, after = report["load_average_before"], report["load_average_after"]
    lines = [
        f"Command: `{report['command']}`",
        "",
        f"Run {report['when']} on {machine['cores']} cores, {machine['memory_gb']} GiB, Python {machine['python']}, "
        f"PostgreSQL {machine['postgresql']}; load average {before[0]:.1f} before and {after[0]:.1f} after. "
        f"{settings['users']} users (ramp {settings['spawn_rate']}/s), {settings['warmup']} s warm-up then "
        f"{settings['seconds']} s measured per server, think time 1 to 4 s; {report['people']:,} people in the "
        f"demo borough. Locust, the servers and PostgreSQL share the same cores.",
        "",
        "| page | server | requests/s | p50 ms | p95 ms | failures |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    names = [name for name in PAGES if any(name in report["results"][s]["by_name"] for s in servers)]
    names += sorted({n for s in servers for n in report["results"][s]["by_name"]} - set(names))
    for name in names:
        for server in servers:
            figures = report["results"][server]["by_name"].get(name)
            if figures:
                lines.append(
                    f"| `{name}` | {server} | {figures['rps']:.1f} | {figures['p50']:.0f} | {figures['p95']:.0f} "
                    f"| {figures['errors']} |"
                )
    for server in servers:
        total = report["results"][server]
        lines.append(
            f"| **all** | {server} | {total['rps']:.1f} | {total['p50']:.0f} | {total['p95']:.0f} | {total['errors']} |"
        )
    lines += [
        "",
        "| server | requests measured | rows written (contacts, referrals) | locust's CPU (share of a core) |",
    ]
    lines.append("| --- | ---: | --- | ---: |")
    for server in servers:
        total, rows = report["results"][server], report["rows"].get(server, {})
        lines.append(
            f"| {server} | {total['requests']:,} | {rows.get('contacts', 0)}, {rows.get('referrals', 0)} "
            f"| {total['locust_cpu_share']:.2f} |"
        )
    found = report.get("problems", [])
    lines += ["", "Result: " + ("passed, with no failures." if not found else "FAILED: " + "; ".join(found))]
    return "\n".join(lines)


def command_line(arguments: Sequence[str]) -> str:
    """The command as a user types it: `make load` with the arguments given (the locust make passes left out)."""
    given: list[str] = []
    skip = False
    for argument in arguments:
        if skip or argument == "--locust":
            skip = not skip
            continue
        if not argument.startswith("--locust="):
            given.append(argument)
    return "make load" + (f" BENCH_ARGS={shlex.quote(' '.join(given))}" if given else "")
