"""Log lines as JSON with the request's id, and an access log that holds a route, never an address or a query."""

import io
import json
import logging
from datetime import UTC, datetime

import pytest
from django.tasks import task

from alongside.core import logs
from alongside.core.logs import JsonFormatter, RequestIdFilter
from alongside.core.models import AuditEvent
from alongside.core.tests.test_settings import run


@pytest.fixture
def json_lines():
    """What the service logs under "alongside" while the test runs, written as production writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("alongside")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def read() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    read.text = stream.getvalue  # type: ignore[attr-defined]
    yield read
    logger.removeHandler(handler)
    logger.setLevel(level)


def access_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "alongside.access"]


@pytest.mark.django_db
def test_each_request_gets_one_access_line_carrying_the_id_it_was_answered_with(client, json_lines):
    first = client.get("/healthz")
    second = client.get("/readyz")
    lines = access_lines(json_lines())
    assert [line["request_id"] for line in lines] == [first["X-Request-ID"], second["X-Request-ID"]]
    line = lines[0]
    assert set(line) == {
        "time",
        "level",
        "logger",
        "message",
        "request_id",
        "process",
        "method",
        "route",
        "status",
        "duration_ms",
        "user_id",
    }
    assert list(line)[:6] == ["time", "level", "logger", "message", "request_id", "process"]
    assert (line["method"], line["route"], line["status"], line["user_id"]) == ("GET", "healthz", 200, None)
    assert line["level"] == "INFO" and line["message"].startswith("GET healthz 200 ")
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert datetime.fromisoformat(line["time"]).utcoffset() == UTC.utcoffset(None)


@pytest.mark.django_db
def test_a_line_logged_inside_a_request_carries_its_id_as_does_the_audit(client, json_lines):
    response = client.post("/accounts/login/", {"login": "nobody", "password": "wrong"})
    request_id = response["X-Request-ID"]
    security = [line for line in json_lines() if line["logger"] == "alongside.security"]
    assert security and all(line["request_id"] == request_id for line in security)
    assert access_lines(json_lines())[-1]["request_id"] == request_id
    assert AuditEvent.objects.get(action="sign_in_failed").request_id == request_id


@pytest.mark.django_db
def test_a_search_is_logged_by_its_route_and_user_id_never_the_name_searched(client, member, json_lines):
    user = member("clinician", username="ada.lovelace")
    client.force_login(user)
    response = client.get("/people/", {"q": "Okafor"})
    assert response.status_code == 200
    (line,) = access_lines(json_lines())
    assert (line["route"], line["status"], line["user_id"]) == ("people/", 200, user.pk)
    assert "Okafor" not in json_lines.text() and "q=" not in json_lines.text()
    assert "ada.lovelace" not in json_lines.text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "route"),
    [
        ("/outcomes/link/SECRETtoken123456789/", "outcomes/link/<str:token>/"),
        ("/standards/check/SECRETtoken123456789/", "standards/check/<str:token>/"),
        ("/people/987654/", "people/<int:pk>/"),
        ("/", "/"),  # the home page's pattern is empty: it is logged as "/", not as a page that matched nothing
    ],
)
def test_a_links_token_or_a_persons_id_never_reaches_the_access_log(client, json_lines, address, route):
    client.get(address)
    assert access_lines(json_lines())[0]["route"] == route
    assert "SECRETtoken" not in json_lines.text() and "987654" not in json_lines.text()


@pytest.mark.django_db
def test_a_request_that_matches_no_page_is_logged_as_unmatched(client, json_lines):
    client.get("/no-such-page/Okafor/")
    (line,) = access_lines(json_lines())
    assert (line["route"], line["status"]) == ("unmatched", 404)
    assert "Okafor" not in json_lines.text()


@pytest.mark.django_db
def test_djangos_own_lines_never_write_the_request_they_were_handed(client):
    """Django passes the request with its "Not Found" lines; written out it would carry the query and any token."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.get("/no-such-page/", {"q": "Okafor"})
    finally:
        logger.removeHandler(handler)
    (line,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert line["message"] == "Not Found: /no-such-page/" and line["status_code"] == 404
    assert "request" not in line and "Okafor" not in stream.getvalue()


@pytest.mark.django_db
def test_a_request_refused_before_anyone_is_known_is_logged_without_asking_the_database(
    client, json_lines, django_assert_num_queries
):
    with django_assert_num_queries(0):
        client.get("/healthz", HTTP_HOST="probe.elsewhere.example")
    line = access_lines(json_lines())[-1]
    assert (line["route"], line["status"], line["user_id"]) == ("unmatched", 400, None)


@pytest.mark.django_db
def test_the_id_is_forgotten_once_the_request_is_answered(client, json_lines):
    client.get("/healthz")
    logging.getLogger("alongside.test").info("between requests")
    assert json_lines()[-1]["request_id"] == "-"
    assert logs.request_id.get() == "-"


def test_a_line_outside_any_request_has_no_id_and_keeps_what_is_passed_in_extra(json_lines):
    logging.getLogger("alongside.test").warning("started %s", "up", extra={"port": 8000})
    (line,) = json_lines()
    assert line["request_id"] == "-" and line["message"] == "started up" and line["port"] == 8000
    assert line["level"] == "WARNING" and line["logger"] == "alongside.test"
    assert "task_id" not in line


def test_an_exception_is_written_into_its_line(json_lines):
    try:
        raise ValueError("the reason")
    except ValueError:
        logging.getLogger("alongside.test").exception("it failed")
    (line,) = json_lines()
    assert "ValueError: the reason" in line["exc_info"]


@task()
def log_from_a_task() -> None:
    logging.getLogger("alongside.test").info("inside the task")


def test_a_background_tasks_lines_carry_the_tasks_id(json_lines):
    result = log_from_a_task.enqueue()  # run at once in the tests (conftest.py)
    logging.getLogger("alongside.test").info("after the task")
    inside, after = [line for line in json_lines() if line["logger"] == "alongside.test"]
    assert inside["task_id"] == str(result.id) and inside["request_id"] == "-"
    assert "task_id" not in after


def test_a_record_no_filter_saw_still_has_a_request_id():
    record = logging.LogRecord("alongside.test", logging.INFO, __file__, 1, "plain", None, None)
    assert json.loads(JsonFormatter().format(record))["request_id"] == "-"


# The LOGGING setting: the console handler every line reaches.


@pytest.fixture
def console():
    """What the configured console handler (the root's) writes while the test runs."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    earlier = handler.setStream(stream)
    yield stream
    handler.setStream(earlier)


@pytest.mark.django_db
def test_plain_lines_carry_the_request_id_too(client, console, settings):
    assert settings.LOG_FORMAT == "plain"  # development's default
    response = client.get("/healthz")
    (line,) = [line for line in console.getvalue().splitlines() if "alongside.access" in line]
    assert f" INFO alongside.access [{response['X-Request-ID']}] GET healthz 200 " in line


def test_a_links_token_in_a_line_is_still_hidden_by_the_console(console):
    logging.getLogger("alongside.test").warning("Opened %s", "/outcomes/link/SECRETtoken123456789/")
    assert "SECRETtoken" not in console.getvalue() and "/outcomes/link/[link]/" in console.getvalue()


@pytest.mark.parametrize(
    ("log_format", "environment"),
    [("json", {"ALONGSIDE_LOG_FORMAT": "json"}), ("json", {"ALONGSIDE_ENV": "production"}), ("plain", {})],
)
def test_the_log_format_setting_chooses_json_or_plain_lines(log_format, environment):
    shown = run(
        {"ALONGSIDE_ENV": "development", "ALONGSIDE_METRICS_TOKEN": "m" * 32, **environment},
        "shell",
        "-c",
        "import logging; logging.getLogger('alongside.test').warning('hello %s', 'there', extra={'port': 8000})",
    )
    assert shown.returncode == 0, shown.stderr
    (line,) = [line for line in shown.stderr.splitlines() if "hello" in line]
    if log_format == "json":
        written = json.loads(line)
        assert (written["message"], written["level"], written["request_id"], written["port"]) == (
            "hello there",
            "WARNING",
            "-",
            8000,
        )
    else:
        assert line.endswith("WARNING alongside.test [-] hello there")
