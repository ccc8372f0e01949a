"""A copy of the demo borough is exactly as fresh for a test that loads it as for the test that built it."""

from contextlib import ExitStack
from datetime import timedelta

import time_machine
from django.utils import timezone

from alongside.demo.tests import saved
from alongside.virtual_ward.models import Referral, Ward


def nearly_overdue() -> timedelta:
    """How long the virtual ward board's nearly overdue referral has left before its decision is due."""
    ward = Ward.objects.get()
    return min(r.decision_due for r in Referral.objects.filter(ward=ward, decision="")) - timezone.now()


def test_a_copy_loaded_20_minutes_after_its_build_shows_the_virtual_ward_board_as_at_build(transactional_db, settings):
    settings.DEMO_MODE = True
    with ExitStack() as clocks:
        saved.demo_borough(seed=5, people=300, clocks=clocks)  # built now, or loaded from this run's copy
        at_build = nearly_overdue()
    assert timedelta(0) < at_build <= timedelta(minutes=10)  # due in ten minutes from the build's start
    saved.empty()
    with time_machine.travel(timezone.now() + timedelta(minutes=20), tick=True), ExitStack() as clocks:
        saved.demo_borough(seed=5, people=300, clocks=clocks)  # a test 20 minutes later: the copy is loaded
        later = nearly_overdue()
        assert Ward.objects.count() == 1
    # still not overdue, and (but for the seconds the loading took) as long to go as at build, not 10 minutes late
    assert later > timedelta(0) and abs(at_build - later) < timedelta(minutes=1)


def test_a_copy_is_not_used_under_another_time_zone(settings):
    key = saved.built_with()
    settings.TIME_ZONE = "America/New_York"
    assert saved.built_with() != key
