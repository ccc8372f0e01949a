"""The embedded server commits durably, and corrects a server that an earlier version set otherwise."""

import os
import time

import pytest
from django.conf import settings
from django.db import connection

from alongside.core import database

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the embedded server only")


@pytest.fixture
def socket_dir():
    return settings.DATABASES["default"]["HOST"]


@pytest.mark.django_db
def test_commits_are_durable():
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


def test_a_server_that_an_earlier_version_set_to_commit_asynchronously_commits_durably_again(socket_dir):
    with database.superuser_connection(socket_dir) as conn:
        conn.execute("ALTER SYSTEM SET synchronous_commit = off")
        conn.execute("SELECT pg_reload_conf()")
    database.start_embedded(settings.BASE_DIR)
    auto_conf = database.data_directory(settings.BASE_DIR) / "postgresql.auto.conf"
    with database.superuser_connection(socket_dir) as conn:
        assert not conn.execute("SELECT 1 FROM pg_file_settings WHERE name = 'synchronous_commit'").fetchone()
    assert "synchronous_commit" not in auto_conf.read_text()
    for _ in range(50):  # the reload reaches new connections within moments
        with database.superuser_connection(socket_dir) as conn:
            if conn.execute("SHOW synchronous_commit").fetchone()[0] == "on":
                break
        time.sleep(0.1)
    else:
        pytest.fail("synchronous_commit is still off")
