"""The triage queue's order: among the overdue, urgent ones come first; then the rest, soonest due first.

A property of the pure key (`timers.queue_key`), and the queue page written as one query agreeing with it.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.tests.pages import texts
from alongside.referrals.models import URGENCY_ORDER
from alongside.referrals.tests.factories import ReferralFactory
from alongside.referrals.timers import is_overdue, queue_key

TARGETS = {"urgent": 4, "soon": 48, "routine": 168}
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
RANK = {"urgent": 0, "soon": 1, "routine": 2}

waiting = st.lists(
    st.tuples(st.sampled_from(["urgent", "soon", "routine"]), st.integers(min_value=0, max_value=400 * 60)),
    max_size=30,
)


@given(waiting)
def test_the_overdue_come_first_the_most_urgent_of_them_first_then_the_rest_soonest_due(referrals):
    received = [(urgency, NOW - timedelta(minutes=ago)) for urgency, ago in referrals]
    queue = sorted(received, key=lambda r: queue_key(r[1], r[0], NOW, TARGETS, RANK))
    overdue = [is_overdue(at, urgency, NOW, TARGETS) for urgency, at in queue]
    assert overdue == sorted(overdue, reverse=True)  # every overdue referral before any that is not
    late = [RANK[urgency] for (urgency, _), o in zip(queue, overdue, strict=True) if o]
    assert late == sorted(late)  # urgent, then soon, then routine, among the overdue
    on_time = [at + timedelta(hours=TARGETS[u]) for (u, at), o in zip(queue, overdue, strict=True) if not o]
    assert on_time == sorted(on_time)  # the rest, soonest due first


def test_an_urgent_referral_an_hour_late_comes_before_a_routine_one_a_day_late():
    urgent = queue_key(NOW - timedelta(hours=5), "urgent", NOW, TARGETS, RANK)
    routine = queue_key(NOW - timedelta(hours=192), "routine", NOW, TARGETS, RANK)
    assert urgent < routine


@pytest.mark.django_db
def test_the_queue_page_puts_overdue_urgent_referrals_first_as_the_key_does(client, member, spa_team):
    client.force_login(member("spa_triage", team=spa_team))
    now = timezone.now()
    targets = settings.TRIAGE_TARGET_HOURS
    made = [
        # A routine referral a day late is due long before an urgent one an hour late, yet comes after it.
        ReferralFactory(
            given_name="Rory",
            family_name="Routine late",
            urgency="routine",
            received_at=now - timedelta(hours=targets["routine"] + 24),
        ),
        ReferralFactory(
            given_name="Sally",
            family_name="Soon late",
            urgency="soon",
            received_at=now - timedelta(hours=targets["soon"] + 10),
        ),
        ReferralFactory(
            given_name="Ursula",
            family_name="Urgent late",
            urgency="urgent",
            received_at=now - timedelta(hours=targets["urgent"] + 1),
        ),
        ReferralFactory(
            given_name="Ulric", family_name="Urgent on time", urgency="urgent", received_at=now - timedelta(hours=1)
        ),
        ReferralFactory(
            given_name="Rhoda", family_name="Routine on time", urgency="routine", received_at=now - timedelta(hours=2)
        ),
    ]
    page = texts(client.get("/referrals/"))
    expected = sorted(made, key=lambda r: queue_key(r.received_at, r.urgency, now, targets, URGENCY_ORDER))
    shown = sorted(made, key=lambda r: page.index(r.family_name))
    assert [r.family_name for r in shown] == [r.family_name for r in expected]
    assert [r.family_name for r in shown][:3] == ["Urgent late", "Soon late", "Routine late"]
