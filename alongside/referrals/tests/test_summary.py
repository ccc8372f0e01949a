"""The single point of access figures: this week's decisions against the targets, and the daily summary."""

import statistics
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.referrals import timers
from alongside.referrals.models import Referral, Urgency
from alongside.referrals.summary import daily_summary, summary_headline, summary_text, week_figures

# Thursday 10 July 2025, 09:30 UK summer time; the week began on Monday 7 July at 00:00 UK time (23:00 UTC Sunday).
NOW = datetime(2025, 7, 10, 8, 30, tzinfo=UTC)
WEEK_START = datetime(2025, 7, 6, 23, 0, tzinfo=UTC)
URGENCIES = [u.value for u in Urgency]
TARGETS = {"urgent": 4, "soon": 48, "routine": 120}

fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Rollback(Exception):
    pass


def referral(urgency="routine", received_at=NOW, decided_at=None, status=None, **fields):
    status = status or ("accepted" if decided_at else "received")
    return Referral.objects.create(
        status=status,
        source="gp",
        urgency=urgency,
        channel="staff",
        received_at=received_at,
        decided_at=decided_at,
        **fields,
    )


def rolled_back(check):
    """Run one generated example in a transaction that is then undone, so examples do not see each other's rows."""
    try:
        with transaction.atomic():
            check()
            raise Rollback
    except Rollback:
        pass


@pytest.fixture(autouse=True)
def usual_targets(settings):
    settings.TRIAGE_TARGET_HOURS = TARGETS


@pytest.mark.django_db
def test_with_nothing_decided_each_urgency_has_its_target_and_no_figures():
    figures = week_figures(NOW)
    assert [f.urgency for f in figures] == ["urgent", "soon", "routine"]
    assert [f.target for f in figures] == [timedelta(hours=4), timedelta(hours=48), timedelta(hours=120)]
    assert [f.target_words for f in figures] == ["4 hours", "2 days", "5 days"]
    assert all(f.decided == 0 and f.median is None and f.within_target is None for f in figures)
    assert all(f.median_words == "" and f.within_target_percent is None for f in figures)


@pytest.mark.django_db
@fast
@given(
    this_week=st.lists(
        st.tuples(
            st.sampled_from(URGENCIES),
            st.integers(0, int((NOW - WEEK_START).total_seconds() // 60)),  # minutes after Monday 00:00
            st.integers(0, 14 * 24 * 60),  # minutes from received to decided
        ),
        max_size=12,
    ),
    earlier=st.lists(st.tuples(st.sampled_from(URGENCIES), st.integers(1, 10_000)), max_size=3),
    waiting=st.lists(st.sampled_from(URGENCIES), max_size=3),
)
def test_week_figures_agree_with_the_median_and_share_worked_out_by_hand(this_week, earlier, waiting):
    def check():
        for urgency, after_monday, took in this_week:
            decided_at = WEEK_START + timedelta(minutes=after_monday)
            referral(urgency, received_at=decided_at - timedelta(minutes=took), decided_at=decided_at)
        for urgency, before_monday in earlier:  # decided last week: not counted
            decided_at = WEEK_START - timedelta(minutes=before_monday)
            referral(urgency, received_at=decided_at - timedelta(hours=1), decided_at=decided_at)
        for urgency in waiting:  # not decided: not counted
            referral(urgency, received_at=NOW - timedelta(days=3))

        for figure in week_figures(NOW):
            taken = [timedelta(minutes=took) for urgency, _, took in this_week if urgency == figure.urgency]
            assert figure.decided == len(taken)
            if not taken:
                assert figure.median is None and figure.within_target is None
                continue
            assert figure.median == timedelta(seconds=statistics.median(t.total_seconds() for t in taken))
            assert figure.within_target == sum(t <= figure.target for t in taken) / len(taken)

    rolled_back(check)


@pytest.mark.django_db
def test_the_week_starts_at_midnight_on_monday_uk_time_not_utc():
    referral("urgent", received_at=WEEK_START - timedelta(hours=2), decided_at=WEEK_START - timedelta(minutes=1))
    referral("urgent", received_at=WEEK_START - timedelta(hours=1), decided_at=WEEK_START)
    urgent = week_figures(NOW)[0]
    assert urgent.decided == 1 and urgent.median == timedelta(hours=1) and urgent.within_target_percent == 100


@pytest.mark.django_db
def test_the_figures_take_the_same_number_of_queries_however_many_referrals(django_assert_num_queries):
    for hours in range(30):
        urgency = URGENCIES[hours % 3]
        referral(urgency, received_at=NOW - timedelta(hours=hours + 5), decided_at=NOW - timedelta(hours=1))
        referral(urgency, received_at=NOW - timedelta(hours=hours))
    with django_assert_num_queries(1):
        week_figures(NOW)
    with django_assert_num_queries(2):
        daily_summary(NOW)


@pytest.mark.django_db
@fast
@given(
    referrals=st.lists(
        st.tuples(
            st.sampled_from(URGENCIES),
            st.sampled_from(["received", "triaged", "accepted", "declined", "closed"]),
            st.integers(0, 8 * 24 * 60),  # minutes ago it was received
        ),
        max_size=15,
    )
)
def test_waiting_overdue_and_received_counts_agree_with_the_timers(referrals):
    def check():
        for urgency, status, minutes_ago in referrals:
            received_at = NOW - timedelta(minutes=minutes_ago)
            decided_at = None if status in {"received", "triaged"} else NOW
            referral(urgency, received_at=received_at, decided_at=decided_at, status=status)

        summary = daily_summary(NOW)
        waiting = [(u, NOW - timedelta(minutes=m)) for u, status, m in referrals if status in {"received", "triaged"}]
        for urgency in URGENCIES:
            assert summary.waiting[urgency] == sum(1 for u, _ in waiting if u == urgency)
            assert summary.overdue[urgency] == sum(
                1 for u, at in waiting if u == urgency and timers.is_overdue(at, u, NOW, TARGETS)
            )
        assert summary.received_last_day == sum(1 for _, _, m in referrals if 0 <= m < 24 * 60)

    rolled_back(check)


@pytest.mark.django_db
def test_a_referral_is_overdue_only_once_its_target_time_has_passed():
    referral("urgent", received_at=NOW - timedelta(hours=4))  # due this very moment: not yet overdue
    referral("urgent", received_at=NOW - timedelta(hours=4, seconds=1))
    referral("soon", received_at=NOW - timedelta(hours=47))
    summary = daily_summary(NOW)
    assert summary.waiting == {"urgent": 2, "soon": 1, "routine": 0}
    assert summary.overdue == {"urgent": 1, "soon": 0, "routine": 0}
    assert (summary.waiting_total, summary.overdue_total) == (3, 1)


@pytest.mark.django_db
def test_the_summary_text_gives_counts_in_plain_english_and_nothing_about_anyone():
    referral(
        "urgent",
        received_at=NOW - timedelta(hours=6),
        given_name="Zebedee",
        family_name="Quartermaine",
        nhs_number="9990000018",
        postcode="NV1 2AB",
        reason="Struggling at home after a fall",
    )
    referral("routine", received_at=NOW - timedelta(hours=30), decided_at=NOW - timedelta(hours=2))
    summary = daily_summary(NOW)
    text = summary_text(summary)
    assert "triage summary for Thursday 10 July 2025" in text
    assert "In the last 24 hours we received 1 referral." in text
    assert "Waiting for a triage decision: 1 (1 urgent, 0 soon, 0 routine)." in text
    assert "Past the target time for a decision: 1 (1 urgent, 0 soon, 0 routine)." in text
    assert "- Urgent (target 4 hours): none decided yet." in text
    assert "- Routine (target 5 days): 1 decided, median time 28 hours, 100% within the target." in text
    for private in ("Zebedee", "Quartermaine", "9990000018", "NV1", "fall"):
        assert private not in text
    headline = summary_headline(summary)
    assert len(headline) <= 300 and "Zebedee" not in headline
    assert headline == (
        "Triage summary for Thursday 10 July 2025: 1 referral received in the last 24 hours, "
        "1 waiting for a decision, 1 past the target time."
    )
