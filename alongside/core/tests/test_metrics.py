"""/metrics: only with the token, figures by route and never by address, and the queue as it stands."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, values
from prometheus_client.parser import text_string_to_metric_families

from alongside.core import heartbeat, metrics
from alongside.core.models import Message, WorkerHeartbeat
from alongside.core.tasks import deliver_message

TOKEN = "a-metrics-token-for-the-tests-0123456789"


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def scraped(client) -> dict[tuple[str, tuple], float]:
    """The scrape, as {(sample name, its labels sorted): value}."""
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert response["Cache-Control"] == "no-store"
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.mark.django_db
def test_without_a_token_set_there_is_no_metrics_page(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", headers={"Authorization": "Bearer "})
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}"],
)
def test_without_the_right_token_the_scrape_is_refused(client, token, authorization, caplog):
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"alongside_" not in response.content
    assert "Metrics refused" in caplog.text


@pytest.mark.django_db
def test_being_signed_in_is_not_enough(client, token, member):
    client.force_login(member("admin"))
    assert client.get("/metrics").status_code == 401


@pytest.mark.django_db
def test_the_bearer_scheme_is_read_whatever_its_case(client, token):
    assert client.get("/metrics", headers={"Authorization": f"bearer {TOKEN}"}).status_code == 200


@pytest.mark.django_db
def test_requests_are_counted_by_route_never_by_address(client, token):
    before = scraped(client)
    key = (
        "alongside_http_requests_total",
        (("method", "GET"), ("route", "people/<int:pk>/"), ("status", "302")),
    )
    client.get("/people/987654/?q=Okafor")  # not signed in: sent to sign in, but the route was matched
    client.get("/people/987655/")
    client.get("/no-such-page-4242/")
    after = scraped(client)
    assert after[key] - before.get(key, 0) == 2
    unmatched = ("alongside_http_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))
    assert after[unmatched] - before.get(unmatched, 0) == 1
    assert any(name == "alongside_http_request_duration_seconds_bucket" for name, _ in after)
    text = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).content.decode()
    labels = " ".join(re.findall(r"\{[^}]*\}", text))  # the values are figures and times, where any digits may fall
    for secret in ("987654", "987655", "Okafor", "4242"):
        assert secret not in labels


@pytest.mark.django_db
def test_an_odd_method_is_counted_as_other(client, token):
    client.generic("BREW", "/healthz")
    assert scraped(client)[
        ("alongside_http_requests_total", (("method", "other"), ("route", "healthz"), ("status", "405")))
    ]


def gauges(client) -> dict[str, float]:
    return {name: value for (name, labels), value in scraped(client).items() if not labels} | {
        f"messages {dict(labels)['state']}": value
        for (name, labels), value in scraped(client).items()
        if name == "alongside_messages"
    }


def message(reference: str, state: str) -> Message:
    return Message.objects.create(
        reference=reference, channel="email", to="someone@example.org", template="t", state=state
    )


@pytest.mark.django_db
def test_the_queue_figures_follow_the_tasks_and_messages_in_the_database(client, token, db_tasks):
    empty = gauges(client)
    assert empty["alongside_database_up"] == 1
    assert empty["alongside_tasks_waiting"] == empty["alongside_tasks_running"] == 0
    assert empty["alongside_tasks_failed_last_hour"] == empty["alongside_tasks_oldest_waiting_seconds"] == 0
    assert empty["messages pending"] == empty["messages failed"] == 0
    assert "messages sent" not in empty
    assert empty["messages sending"] == 0  # a state of its own: handed to Notify, the answer not yet recorded
    assert "alongside_worker_heartbeat_age_seconds" not in empty  # no worker has said it is alive

    now = timezone.now()
    waiting = [deliver_message.enqueue(n).id for n in range(4)]
    DBTaskResult.objects.filter(pk=waiting[0]).update(enqueued_at=now - timedelta(minutes=10))
    DBTaskResult.objects.filter(pk=waiting[1]).update(status=TaskResultStatus.RUNNING)
    DBTaskResult.objects.filter(pk=waiting[2]).update(
        status=TaskResultStatus.FAILED, finished_at=now - timedelta(minutes=5)
    )
    later = deliver_message.using(run_after=now + timedelta(hours=1)).enqueue(9).id  # not due yet: not waiting
    old_failure = deliver_message.enqueue(10).id
    DBTaskResult.objects.filter(pk=old_failure).update(
        status=TaskResultStatus.FAILED, finished_at=now - timedelta(hours=2)
    )
    message("m-1", Message.State.PENDING)
    message("m-2", Message.State.PENDING)
    message("m-3", Message.State.FAILED)
    message("m-4", Message.State.SENT)
    message("m-5", Message.State.SENDING)
    at = now - timedelta(seconds=45)
    WorkerHeartbeat.objects.create(worker_id="w-1", host="h", pid=1, started_at=at, beat_at=at)
    heartbeat_then = now - timedelta(seconds=400)
    WorkerHeartbeat.objects.create(worker_id="w-2", host="h", pid=2, started_at=heartbeat_then, beat_at=heartbeat_then)

    figures = gauges(client)
    assert figures["alongside_tasks_waiting"] == 2
    assert figures["alongside_tasks_running"] == 1
    assert figures["alongside_tasks_failed_last_hour"] == 1
    assert 600 <= figures["alongside_tasks_oldest_waiting_seconds"] < 3600
    assert (figures["messages pending"], figures["messages sending"], figures["messages failed"]) == (2, 1, 1)
    assert 45 <= figures["alongside_worker_heartbeat_age_seconds"] < 400  # the newest beat of any worker
    assert DBTaskResult.objects.filter(pk=later).exists()


@pytest.mark.django_db
def test_a_task_that_fell_due_counts_from_when_it_fell_due(client, token, db_tasks):
    now = timezone.now()
    task = deliver_message.using(run_after=now - timedelta(minutes=3)).enqueue(1).id
    DBTaskResult.objects.filter(pk=task).update(enqueued_at=now - timedelta(days=1))
    assert 180 <= gauges(client)["alongside_tasks_oldest_waiting_seconds"] < 3600


@pytest.mark.django_db
def test_the_scrape_costs_three_queries_however_many_rows(client, token, db_tasks, django_assert_num_queries):
    for n in range(5):
        deliver_message.enqueue(n)
        message(f"m-{n}", Message.State.PENDING)
    heartbeat.beat("w-1", started_at=timezone.now())
    with django_assert_num_queries(3):
        client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.mark.django_db
def test_the_scrape_still_answers_when_the_database_does_not(client, token, monkeypatch):
    def unreachable(now):
        raise OperationalError("connection refused")

    monkeypatch.setattr(metrics, "task_figures", unreachable)
    figures = gauges(client)
    assert figures["alongside_database_up"] == 0
    assert "alongside_tasks_waiting" not in figures
    assert any(name == "alongside_http_requests_total" for name, _ in scraped(client))


def test_several_processes_figures_are_read_together(tmp_path, monkeypatch):
    """Under a server with several processes each writes its figures to a file in PROMETHEUS_MULTIPROC_DIR, and
    the scrape reads them all. prometheus-client picks where values live when a metric is made, so the metrics
    are made after the folder is set (never at import)."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    monkeypatch.setattr(values, "ValueClass", values.get_value_class())
    monkeypatch.setattr(metrics, "QueueCollector", lambda: NoQueue())
    for _process in range(2):  # as if two processes: two sets of metrics writing to the same folder
        metrics.RequestMetrics(registry=None).observe("GET", "people/<int:pk>/", 200, 0.03)
    assert list(tmp_path.iterdir())
    text = metrics.scrape().decode()
    assert 'alongside_http_requests_total{method="GET",route="people/<int:pk>/",status="200"} 2.0' in text
    assert 'alongside_http_request_duration_seconds_bucket{le="0.05",route="people/<int:pk>/"} 2.0' in text


class NoQueue:
    def describe(self):
        return []

    def collect(self):
        return iter(())


def test_the_first_requests_at_once_make_the_metrics_only_once(monkeypatch):
    registry = CollectorRegistry()  # the process's own registry already has them
    made, really_make = [], metrics.RequestMetrics

    def slowly_made():  # slow enough that every thread arrives while the first is still making them
        time.sleep(0.05)
        made.append(really_make(registry=registry))  # a second one would raise "Duplicated timeseries"
        return made[-1]

    monkeypatch.setattr(metrics, "_request_metrics", None)
    monkeypatch.setattr(metrics, "RequestMetrics", slowly_made)
    starting = threading.Barrier(8)

    def first_request():
        starting.wait()
        return metrics.request_metrics()

    with ThreadPoolExecutor(max_workers=8) as threads:
        answers = list(threads.map(lambda _: first_request(), range(8)))  # re-raises a thread's error
    assert len(made) == 1 and all(answer is made[0] for answer in answers)


@pytest.mark.django_db
def test_a_burst_of_refused_scrapes_logs_only_a_few_lines(client, token, caplog):
    """Anyone can ask for /metrics without the token: the first 5 a minute from an address are logged, then one line
    says the rest are not (review 21, finding 8)."""
    for _ in range(50):
        assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 401
    lines = [r.getMessage() for r in caplog.records if r.name == "alongside.security"]
    assert len([line for line in lines if line.startswith("Metrics refused")]) == 5
    assert len(lines) == 6 and "metrics refusals" in lines[-1] and "not logged" in lines[-1]
    assert not [r for r in caplog.records if r.name == "django.request"]  # nor is each 401 logged by Django
    client.get("/metrics", REMOTE_ADDR="198.51.100.9")  # another address is still logged
    security = [r for r in caplog.records if r.name == "alongside.security"]
    assert security[-1].getMessage().startswith("Metrics refused to 198.51.100.9")
