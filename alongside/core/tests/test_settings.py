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


def test_production_deployment_check_is_clean():
    result = run({}, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
