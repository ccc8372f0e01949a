"""The load test's pure rules (bench/load_report.py): when a run passes, and the command and section it reports.
No server and no timing: the figures are made up."""

from hypothesis import given
from hypothesis import strategies as st

from bench.load_report import PAGES, WRITES, command_line, markdown, problems


def result(errors_by_name: dict[str, int], answered_writes: int = 3) -> dict:
    by_name = {
        name: {
            "requests": answered_writes if name in WRITES.values() else 10,
            "errors": errors_by_name.get(name, 0),
            "rps": 1.5,
            "p50": 40.0,
            "p95": 90.0,
        }
        for name in PAGES
    }
    failures = [
        {"method": "GET", "name": name, "error": "answered 500", "times": times}
        for name, times in errors_by_name.items()
        if times
    ]
    total_errors = sum(errors_by_name.values())
    return {
        "requests": 60,
        "errors": total_errors,
        "rps": 9.0,
        "p50": 50.0,
        "p95": 100.0,
        "locust_cpu_share": 0.05,
        "by_name": by_name,
        "failures": failures,
    }


ROWS_MADE = {"contacts": 3, "referrals": 3}


def test_a_run_without_failures_and_with_its_rows_passes():
    assert (
        problems(
            {"production": result({}), "development": result({})},
            dict.fromkeys(("production", "development"), ROWS_MADE),
        )
        == []
    )


@given(st.sampled_from(PAGES), st.integers(min_value=1, max_value=1000), st.sampled_from(["production", "development"]))
def test_any_failure_fails_the_run_and_names_the_request(name, times, server):
    results = {"production": result({}), "development": result({})}
    results[server] = result({name: times})
    found = problems(results, dict.fromkeys(results, ROWS_MADE))
    assert len(found) == 1
    assert found[0].startswith(f"{server}: {name} failed {times} time(s)")


@given(st.sampled_from(sorted(WRITES)), st.integers(min_value=0, max_value=2))
def test_a_write_answered_but_not_made_fails_the_run(kind, made):
    rows = {"production": {**ROWS_MADE, kind: made}}
    found = problems({"production": result({})}, rows)
    assert found == [f"production: 3 {kind} answered as made, but only {made} row(s) were written"]


def test_a_run_that_measured_nothing_fails():
    empty = result({}) | {"requests": 0}
    assert problems({"production": empty}, {"production": ROWS_MADE}) == ["production: no request was measured"]


def test_the_section_has_a_row_for_each_page_and_server_and_says_whether_it_passed():
    results = {"production": result({}), "development": result({"GET /": 2})}
    rows = dict.fromkeys(results, ROWS_MADE)
    report = {
        "command": "make load",
        "when": "2026-12-05 15:00 UTC",
        "machine": {"cores": 2, "memory_gb": 23.5, "python": "3.13.0", "postgresql": "18.6"},
        "load_average_before": [0.5, 0.5, 0.5],
        "load_average_after": [1.5, 1.0, 0.7],
        "people": 5000,
        "settings": {"users": 100, "spawn_rate": 10, "warmup": 30, "seconds": 120},
        "results": results,
        "rows": rows,
        "problems": problems(results, rows),
    }
    section = markdown(report)
    table = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(table) == len(PAGES) * 2
    assert "| `GET /` | development | 1.5 | 40 | 90 | 2 |" in table
    assert "5,000 people" in section
    assert "FAILED: development: GET / failed 2 time(s)" in section


@given(st.lists(st.sampled_from(["--short", "--users", "50", "--seconds", "60"]), max_size=5))
def test_the_command_leaves_out_the_locust_that_make_passes(arguments):
    shown = command_line(["--locust", "var/load-venv/bin/locust", *arguments])
    assert "locust" not in shown
    assert shown == command_line(arguments)
    assert shown.startswith("make load")


def test_a_failure_in_the_warm_up_fails_the_run_too():
    warmed = result({}) | {
        "warm_up_failures": [{"name": "POST /api/v1/referrals", "error": "answered 429", "times": 2}]
    }
    assert problems({"development": warmed}, {"development": ROWS_MADE}) == [
        "development: POST /api/v1/referrals failed 2 time(s) in the warm-up: answered 429"
    ]
