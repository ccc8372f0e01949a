"""The reports' arithmetic, with no database: working days to a first answer agree with the reminder's rule, the
median and shares are right for any referrals, and the counts by service and by need account for every one."""

from datetime import UTC, date, datetime, timedelta
from statistics import median

from hypothesis import given
from hypothesis import strategies as st

from alongside.directory import reports
from alongside.directory.referring_rules import Status, add_working_days, answer_overdue

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC))
waits = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60))
services = st.sampled_from(["a", "b", "c", "d"])
statuses = st.sampled_from(list(Status))


@st.composite
def referral(draw):
    sent = draw(moments)
    status = draw(statuses)
    answered = None if status == Status.SENT else sent + draw(waits)
    return reports.Referral(draw(services), status.value, sent, answered)


referrals = st.lists(referral(), max_size=30)


@given(moments, waits)
def test_working_days_to_an_answer_are_the_most_working_days_that_had_passed(sent, wait):
    answered = sent + wait
    days = reports.working_days_between(sent, answered)
    assert add_working_days(sent, days) <= answered < add_working_days(sent, days + 1)


@given(moments, waits)
def test_answered_in_time_exactly_when_the_reminder_was_not_yet_due(sent, wait):
    answered = sent + wait
    assert reports.answered_in_time(sent, answered) == (not answer_overdue(sent, answered))
    assert reports.answered_in_time(sent, answered) == (reports.working_days_between(sent, answered) < 5)


def test_a_friday_referral_answered_the_next_thursday_took_4_working_days():
    friday = datetime(2026, 12, 4, 10, tzinfo=UTC)
    assert reports.working_days_between(friday, datetime(2026, 12, 10, 11, tzinfo=UTC)) == 4
    assert reports.answered_in_time(friday, datetime(2026, 12, 10, 11, tzinfo=UTC))
    assert not reports.answered_in_time(friday, datetime(2026, 12, 11, 10, tzinfo=UTC))


@given(referrals)
def test_the_timing_is_the_median_and_share_of_the_answered_ones(found):
    timing = reports.timing(found)
    answered = [r for r in found if r.first_answer_at is not None]
    assert timing.answered == len(answered)
    if not answered:
        assert timing.median_days is None and timing.share_within is None
        return
    days = [reports.working_days_between(r.sent_at, r.first_answer_at) for r in answered]
    assert timing.median_days == median(days)
    assert min(days) <= timing.median_days <= max(days)
    assert 0 <= timing.share_within <= 1
    assert timing.within == sum(d < 5 for d in days)


@given(referrals)
def test_the_counts_by_service_account_for_every_referral_once(found):
    rows = reports.by_service(found)
    assert sum(c.sent for c in rows.values()) == len(found)
    total = reports.overall(found)
    assert total.sent == len(found)
    for counts in [*rows.values(), total]:
        assert sum(counts.statuses.values()) == counts.sent
        assert counts.answered + counts.waiting == counts.sent


@given(referrals, st.dictionaries(services, st.sets(st.sampled_from(["company", "befriending", "money"]))))
def test_each_referral_counts_once_under_each_broadest_need_of_its_service(found, needs):
    parents = {"befriending": "company", "company": None, "money": None}
    rows = reports.by_need(found, needs, parents)
    assert set(rows) <= {"company", "money", reports.NO_NEED}
    for r in found:
        tops = {reports.top_level(t, parents) for t in needs.get(r.service_id, ())} or {reports.NO_NEED}
        assert all(rows[need].sent >= 1 for need in tops)
    assert sum(c.sent for c in rows.values()) >= len(found)
    assert sum(c.sent for c in rows.values()) == sum(
        len({reports.top_level(t, parents) for t in needs.get(r.service_id, ())} or {None}) for r in found
    )


@given(st.dictionaries(st.integers(0, 20), st.one_of(st.none(), st.integers(0, 20))), st.integers(0, 20))
def test_the_top_level_need_is_reached_by_parents_even_through_a_loop(parents, term):
    top = reports.top_level(term, parents)
    seen, at = [term], term
    while at != top:
        at = parents[at]
        assert at not in seen[:-1] or at == top
        seen.append(at)
    assert parents.get(top) is None or parents[top] in seen


@given(referrals, moments)
def test_a_silent_service_was_sent_referrals_and_answered_none_or_has_one_overdue(found, now):
    silent = reports.silences(found, now)
    by_service = reports.by_service(found)
    for silence in silent:
        counts = by_service[silence.service_id]
        assert silence.sent == counts.sent
        waiting = [r for r in found if r.service_id == silence.service_id and r.status == Status.SENT]
        assert silence.overdue == sum(answer_overdue(r.sent_at, now) for r in waiting)
        assert silence.never_answered or silence.overdue
    listed = {s.service_id for s in silent}
    for service_id, counts in by_service.items():
        if counts.answered == 0:
            assert service_id in listed


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 24))
def test_months_before_lands_in_the_right_month_on_the_same_day_or_the_last(day, months):
    earlier = reports.months_before(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day == day.day or (earlier + timedelta(days=1)).day == 1
    assert earlier <= day


def test_an_unknown_period_is_the_default_one():
    assert reports.chosen_period("forever") == reports.DEFAULT_PERIOD
    assert reports.period_start("forever", date(2026, 12, 4)) == date(2026, 9, 4)
    assert reports.period_start("all", date(2026, 12, 4)) is None


def test_shares_in_words():
    assert reports.percent(reports.share(2, 3)) == "67%"
    assert reports.percent(reports.share(0, 0)) == "–"
