"""Production settings refuse unsafe configuration, and Django's deployment check is clean."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_SECRET = "production-secret-for-the-check-" + "k3Xq9vLm2Rt8Wz5Nb7Yc4Hd6Jf1Gs0Pa"


def run(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    socket_dir = settings.DATABASES["default"]["HOST"]
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALONGSIDE_DEMO", "SECURE_COOKIES"}},
        "ALONGSIDE_ENV": "production",
        "SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "alongside.example.nhs.uk",
        "DATABASE_URL": f"postgresql://postgres@/alongside?host={socket_dir}",
        "NOTIFY_API_KEY": "production-key-00000000-0000-0000-0000-000000000000",
        "NOTIFY_EMAIL_TEMPLATE_ID": "00000000-0000-0000-0000-000000000001",
        "NOTIFY_TEXT_TEMPLATE_ID": "00000000-0000-0000-0000-000000000002",
        **env_overrides,
    }
    return subprocess.run(
        [sys.executable, "-m", "alongside.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"ALONGSIDE_DEMO": "true"}, "the demo switch"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"SECURE_COOKIES": "false"}, "cookies must be secure"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL must name the production database"),
        ({"NOTIFY_API_KEY": ""}, "NOTIFY_API_KEY and the Notify template ids must be set"),
    ],
)
def test_production_refuses_unsafe_settings(overrides, refusal):
    result = run(overrides, "check")
    assert result.returncode != 0
    assert "Production settings refused" in result.stderr and refusal in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # one line, no traceback


@pytest.mark.parametrize("value", ["Production", "prod", "production ", "staging", ""])
def test_an_unknown_environment_refuses_to_start_with_one_line(value):
    result = run({"ALONGSIDE_ENV": value}, "check", "--deploy")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"alongside: ALONGSIDE_ENV is {value!r}: set it to development or production "
        "(or leave it unset for development)."
    ]
    assert "no issues" not in result.stdout


def test_development_is_a_known_environment():
    result = run({"ALONGSIDE_ENV": "development"}, "check")
    assert result.returncode == 0, result.stderr


def test_production_deployment_check_is_clean():
    result = run({}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_https_only_and_for_this_host_alone():
    script = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN, s.SESSION_COOKIE_PATH, s.CSRF_COOKIE_PATH)"
    )
    result = run({}, "shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "None", "None", "/", "/"]


@pytest.mark.parametrize("value", ["half an hour", "0", "-5", "30.5"])
def test_an_idle_time_that_is_not_whole_minutes_refuses_to_start_with_one_line(value):
    result = run({"ALONGSIDE_ENV": "development", "SESSION_IDLE_MINUTES": value}, "check")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"alongside: SESSION_IDLE_MINUTES is {value!r}: set it to a whole number of minutes, 1 or more."
    ]


@pytest.mark.parametrize(
    ("name", "value", "what"),
    [
        ("ALONGSIDE_TRIAGE_SUMMARY_HOUR", "24", "an hour of the day, 0 to 23"),
        ("ALONGSIDE_USUAL_CASELOAD_CAPACITY", "thirty", "a whole number of people, 1 or more"),
        ("TRUSTED_PROXY_COUNT", "-1", "the number of proxies in front, 0 or more"),
        ("ALONGSIDE_WEB_THREADS", "0", "a whole number of threads, 1 or more"),
    ],
)
def test_a_number_setting_that_is_not_a_number_it_can_use_refuses_to_start_with_one_line(name, value, what):
    result = run({"ALONGSIDE_ENV": "development", name: value}, "check")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"alongside: {name} is {value!r}: set it to {what}."]
