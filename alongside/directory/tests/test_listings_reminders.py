"""The daily reminder to check a listing, under time-machine: once to its keeper (editor, else its organisation's,
else every directory editor) in Alongside and by email; again only after it is checked and goes stale again."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from alongside.core.models import Alert, Message
from alongside.partners.models import Role

from .. import actions_listings as actions
from ..models import Service
from ..tasks_listings import send_check_reminders
from .listings_factories import keeper, organisation, request_as

pytestmark = pytest.mark.django_db
START = date(2027, 1, 5)  # after the memberships made today have begun


def run(day: date) -> int:
    with time_machine.travel(datetime(day.year, day.month, day.day, 8, tzinfo=UTC), tick=False):
        return send_check_reminders.enqueue(day.isoformat()).return_value


def test_a_stale_service_reminds_its_editor_once_then_again_after_a_check(member):
    carol = keeper(first_name="Carol", email="carol@example.org")
    org = organisation(added_on=START, checked_on=START + timedelta(days=400))
    service = Service.objects.create(organisation=org, name="Walking group", editor=carol, added_on=START)
    assert run(START + timedelta(days=183)) == 0
    assert run(START + timedelta(days=184)) == 1
    assert run(START + timedelta(days=185)) == 0
    alert = Alert.objects.get(recipient=carol)
    assert "Check Walking group in the directory is still right" in alert.text
    assert alert.url == f"/directory/keep/services/{service.pk}/"
    assert Message.objects.get().to == "carol@example.org"
    checked = date(2027, 8, 1)
    with time_machine.travel(datetime(2027, 8, 1, 9, tzinfo=UTC)):
        actions.mark_checked(request_as(carol), "service", service.pk)
    assert run(checked + timedelta(days=100)) == 0
    assert run(checked + timedelta(days=184)) == 1
    assert Alert.objects.filter(recipient=carol).count() == 2


def test_with_no_editor_the_organisations_then_every_directory_editor_is_told():
    org_keeper = keeper(first_name="Olu")
    editor_one, editor_two = keeper(Role.DIRECTORY_EDITOR), keeper(Role.DIRECTORY_EDITOR)
    kept = organisation("Kept", editor=org_keeper, checked_on=START + timedelta(days=300))
    Service.objects.create(organisation=kept, name="Chess club", added_on=START)
    organisation("Nobody's", added_on=START)
    run(START + timedelta(days=200))
    assert list(Alert.objects.filter(recipient=org_keeper).values_list("text", flat=True)) == [
        "Check Chess club in the directory is still right. Never checked since it was added on 5 January 2027"
    ]
    assert Alert.objects.filter(recipient=editor_one, text__contains="Nobody's").count() == 1
    assert Alert.objects.filter(recipient=editor_two, text__contains="Nobody's").count() == 1


def test_a_retired_listing_is_not_reminded_about():
    carol = keeper()
    org = organisation(added_on=START, editor=carol)
    actions.retire(request_as(carol), "organisation", org.pk)
    assert run(START + timedelta(days=300)) == 0
