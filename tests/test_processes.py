"""The shared helper that starts Alongside's commands as processes reaches the test database as the app's role."""

import pytest

from alongside.partners.tests.factories import OrganisationFactory

from .processes import start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.system]


def test_a_started_command_reads_the_data_this_test_made_through_the_app_role():
    OrganisationFactory(name="Riverside Test Trust")
    script = (
        "from django.db import connection; from alongside.partners.models import Organisation;"
        "cursor = connection.cursor(); cursor.execute('select current_user'); print(cursor.fetchone()[0]);"
        "print(list(Organisation.objects.values_list('name', flat=True)))"
    )
    started = start(["shell", "-c", script])
    assert started.process.wait(60) == 0
    out = started.output()
    assert "alongside_app" in out and "Riverside Test Trust" in out
