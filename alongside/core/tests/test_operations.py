"""/healthz and /readyz: what a load balancer may ask, answered without a word about any person."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alongside.core import heartbeat, operations, readiness
from alongside.core.models import WorkerHeartbeat
from alongside.core.operations import MigrationsCheck
from alongside.core.tests.test_settings import run


@pytest.mark.django_db
def test_healthz_answers_alive_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert response["Cache-Control"] == "no-store"
    assert len(response["X-Request-ID"]) == 32


def test_healthz_answers_even_where_the_database_cannot_be_used(client):
    """Here pytest refuses any database access: a probe (with no session) still gets its answer."""
    assert client.get("/healthz").json() == {"status": "alive"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_the_probes_only_answer_get_and_head(client, path):
    assert client.post(path).status_code == 405
    assert client.put(path).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_a_probe_sent_as_head_answers_with_no_body(client, path, worker_alive, settings):
    """Some load balancers' health checks send HEAD: the same status as GET, and no body."""
    settings.METRICS_TOKEN = "t" * 40
    answer = client.head(path, headers={"Authorization": "Bearer " + "t" * 40})
    assert answer.status_code == 200 and answer.content == b""
    assert answer["Cache-Control"] == "no-store"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_a_probe_with_a_foreign_host_is_refused_not_an_error(client, path):
    """A probe must send the service's own host name (ALLOWED_HOSTS): anything else is a 400, never a 500."""
    assert client.get(path, HTTP_HOST="probe.elsewhere.example").status_code == 400


@pytest.fixture
def worker_alive(db):
    """A worker that said it was alive just now, as a running `alongside worker` does every few seconds."""
    heartbeat.beat("test-host-1-abcdef", started_at=timezone.now())


def worker_beat(seconds_ago: float) -> None:
    at = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id=f"w-{seconds_ago}", host="h", pid=1, started_at=at, beat_at=at)


@pytest.mark.django_db
def test_readyz_answers_ready_with_only_the_checks(client, worker_alive):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body == {"status": "ready", "checks": {"database": "ok", "migrations": "applied", "worker": "recent"}}


@pytest.mark.django_db
def test_readyz_says_not_ready_while_no_worker_has_said_it_is_alive(client, caplog):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "applied", "worker": "none"}
    # the access log has the answer; not being ready is not a server error, so Django does not log one
    assert not [r for r in caplog.records if r.name == "django.request"]


@pytest.mark.django_db
def test_readyz_reads_the_newest_beat_of_any_worker(client, settings):
    settings.WORKER_STALE_SECONDS = 60
    worker_beat(seconds_ago=90)
    assert client.get("/readyz").json() == {
        "status": "not ready",
        "checks": {"database": "ok", "migrations": "applied", "worker": "stale"},
    }
    worker_beat(seconds_ago=30)  # another worker, alive
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_the_worker_check_follows_the_stale_time_setting(client, settings):
    worker_beat(seconds_ago=90)
    settings.WORKER_STALE_SECONDS = 120
    assert client.get("/readyz").json()["checks"]["worker"] == "recent"


@pytest.mark.django_db
def test_readyz_says_not_ready_when_the_database_does_not_answer(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(operations.connection, "cursor", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "checks": {"database": "unreachable", "migrations": "unknown", "worker": "unknown"},
    }


@pytest.mark.django_db
def test_readyz_says_not_ready_while_migrations_are_pending(client, monkeypatch, worker_alive):
    monkeypatch.setattr(operations, "MIGRATIONS", MigrationsCheck(unapplied=lambda: 3))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "checks": {"database": "ok", "migrations": "pending", "worker": "recent"},
    }


@pytest.mark.django_db
def test_the_app_role_can_tell_that_every_migration_is_applied():
    """The tests connect as the service's own role, which may read django_migrations (ADR 17)."""
    assert operations.unapplied_migrations() == 0


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_applied_migrations_are_checked_once_for_the_life_of_the_process(monkeypatch):
    calls = []
    check = MigrationsCheck(unapplied=lambda: calls.append(1) or 0)
    assert [check.state() for _ in range(5)] == ["applied"] * 5
    assert len(calls) == 1


def test_pending_migrations_are_checked_again_at_most_every_thirty_seconds(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(operations.time, "monotonic", clock)
    pending = [2, 2, 0]
    check = MigrationsCheck(unapplied=lambda: pending.pop(0))
    assert check.state() == "pending"
    clock.now += 29
    assert check.state() == "pending" and len(pending) == 2  # not asked again yet
    clock.now += 1
    assert check.state() == "pending" and len(pending) == 1
    clock.now += 30
    assert check.state() == "applied" and pending == []
    clock.now += 3600
    assert check.state() == "applied"  # and never asked again


def test_a_migrations_check_that_cannot_reach_the_database_says_unknown_and_tries_again():
    answers = [OperationalError("gone"), 0]

    def unapplied():
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    check = MigrationsCheck(unapplied=unapplied)
    assert check.state() == "unknown"
    assert check.state() == "applied"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/readyz", "/metrics"])
def test_staff_without_a_second_factor_are_not_sent_to_set_one_up_from_a_probe(
    client, member, settings, path, worker_alive
):
    settings.METRICS_TOKEN = "t" * 40
    client.force_login(member("clinician", second_factor=False))
    response = client.get(path)
    assert response.status_code == {"/readyz": 200, "/metrics": 401}[path]  # not sent to set up a second factor


@pytest.mark.django_db
def test_behind_https_redirects_the_probes_answer_over_plain_http(client, settings, worker_alive):
    """In production every plain-HTTP request is sent to HTTPS, except the probes and the scrape (a load balancer
    inside the network asks over HTTP)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/metrics").status_code == 404  # no token set: not there, but not redirected either
    assert client.get("/about/").status_code == 301


def test_production_settings_exempt_the_probes_log_json_and_refuse_a_short_metrics_token():
    shown = run(
        {"ALONGSIDE_METRICS_TOKEN": "m" * 32},
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT, settings.LOG_FORMAT)",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "['^healthz$', '^readyz$', '^metrics$'] json"
    refused = run({"ALONGSIDE_METRICS_TOKEN": "too-short"}, "check")
    assert refused.returncode != 0
    assert "ALONGSIDE_METRICS_TOKEN is too short" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr


def test_a_log_format_other_than_json_or_plain_is_refused():
    refused = run({"ALONGSIDE_ENV": "development", "ALONGSIDE_LOG_FORMAT": "xml"}, "check")
    assert refused.returncode != 0
    assert "ALONGSIDE_LOG_FORMAT is 'xml'" in refused.stderr


# What decides readiness (core/readiness.py), for any checks and any times.

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
STATES = {"database": ["ok", "unreachable"], "migrations": ["applied", "pending", "unknown"]}
STATES["worker"] = ["recent", "stale", "none"]


@given(st.fixed_dictionaries({}, optional={name: st.sampled_from(found) for name, found in STATES.items()}))
def test_ready_only_when_every_check_asked_found_what_it_needs(checks):
    assert readiness.is_ready(checks) == all(found == STATES[name][0] for name, found in checks.items())


def test_an_unknown_check_is_never_ready():
    assert not readiness.is_ready({"database": "ok", "something new": "ok"})


@given(st.floats(min_value=0, max_value=10**6), st.floats(min_value=1, max_value=3600))
def test_a_worker_is_recent_exactly_while_its_last_beat_is_within_the_stale_time(age, stale):
    state = readiness.worker_state(NOW - timedelta(seconds=age), NOW, stale)
    assert state == ("recent" if timedelta(seconds=age).total_seconds() <= stale else "stale")


def test_no_beat_at_all_means_no_worker():
    assert readiness.worker_state(None, NOW, 60) == "none"


@pytest.mark.django_db
def test_the_answers_name_no_person(client, worker_alive):
    """Only the fixed words of the checks: no free text that could carry anything else."""
    words = set()
    for path in ("/healthz", "/readyz"):
        body = json.loads(client.get(path).content)
        words |= {body["status"], *body.get("checks", {}).values(), *body.get("checks", {})}
    assert words <= {"alive", "ready", "not ready", *STATES, *(w for found in STATES.values() for w in found)}
