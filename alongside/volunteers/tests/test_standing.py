"""Properties of the standing rule (standing.py) and of the reminders' timing (reminders.py)."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.volunteers.reminders import Marks, due_reminder, marks_after
from alongside.volunteers.standing import (
    CURRENT_AGREEMENT,
    REQUIRED_CHECKS,
    REQUIRED_COURSES,
    Held,
    clear_on,
    held_until,
    reminder_due,
    standing,
)

KINDS = sorted(REQUIRED_CHECKS | REQUIRED_COURSES)
TODAY = date(2026, 12, 4)
days = st.integers(min_value=-800, max_value=800)
held_items = st.lists(st.builds(lambda k, d: Held(k, TODAY + timedelta(days=d)), st.sampled_from(KINDS), days))
agreements = st.sampled_from([None, CURRENT_AGREEMENT, "2020-1"])
# A shared machine can be slow to draw: the rule is pure, so time is no concern.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def worse_or_equal(a, b) -> bool:
    """`b` is no better than `a`: every reason `a` may not take clients is a reason `b` may not either."""
    return set(a.lapsed) <= set(b.lapsed)


@relaxed
@given(held_items, agreements, st.sampled_from(KINDS), st.integers(min_value=1, max_value=800))
def test_adding_an_in_date_item_never_makes_a_standing_worse(held, agreement, kind, ahead):
    before = standing(held, agreement, TODAY)
    after = standing([*held, Held(kind, TODAY + timedelta(days=ahead))], agreement, TODAY)
    assert worse_or_equal(after, before)
    assert len(after.lapsed) <= len(before.lapsed)


@relaxed
@given(held_items, agreements, st.sampled_from(KINDS), st.integers(min_value=0, max_value=800))
def test_a_kind_whose_latest_item_has_run_out_always_gives_a_reason_with_its_date(held, agreement, kind, ago):
    expired = TODAY - timedelta(days=ago)
    others = [h for h in held if h.kind != kind]
    found = standing([*others, Held(kind, expired)], agreement, TODAY)
    assert not found.may_take_clients
    words = (REQUIRED_CHECKS | REQUIRED_COURSES)[kind]
    assert f"Their {words} ran out on {expired.day} {expired:%B %Y}" in found.lapsed


@relaxed
@given(held_items, agreements)
def test_may_take_clients_exactly_when_every_kind_is_in_date_and_the_current_agreement_signed(held, agreement):
    latest = {}
    for h in held:
        latest[h.kind] = max(latest.get(h.kind, h.expires_on), h.expires_on)
    everything = all(k in latest and latest[k] > TODAY for k in KINDS) and agreement == CURRENT_AGREEMENT
    assert standing(held, agreement, TODAY).may_take_clients == everything


@relaxed
@given(held_items, agreements)
def test_due_soon_is_what_runs_out_within_60_days_and_is_not_lapsed(held, agreement):
    found = standing(held, agreement, TODAY)
    for _words, on in found.due_soon:
        assert TODAY < on <= TODAY + timedelta(days=60)
    assert [on for _, on in found.due_soon] == sorted(on for _, on in found.due_soon)


@relaxed
@given(st.integers(min_value=1, max_value=400), st.sampled_from([60, 14]))
def test_a_reminder_falls_exactly_its_days_before_and_not_the_day_before_that(ahead, before):
    expires = TODAY + timedelta(days=ahead)
    assert reminder_due(expires, expires - timedelta(days=before), before)
    assert not reminder_due(expires, expires - timedelta(days=before + 1), before)
    assert not reminder_due(expires, expires, before)  # once run out, no reminder


@relaxed
@given(st.integers(min_value=-10, max_value=120), st.booleans(), st.booleans())
def test_each_reminder_goes_once_and_the_nearer_one_wins(ahead, sent_60, sent_14):
    expires = TODAY + timedelta(days=ahead)
    due = due_reminder(Marks(expires, sent_60, sent_14), TODAY)
    if ahead <= 0 or ahead > 60:
        assert due is None
    elif ahead <= 14:
        assert due == (None if sent_14 else 14)
    else:
        assert due == (None if sent_60 else 60)
    if due is not None:
        marked = marks_after(due)
        assert due in marked and (due != 14 or 60 in marked)


def test_every_day_of_a_years_count_down_sends_the_60_and_the_14_day_reminders_once_each():
    expires = TODAY + timedelta(days=365)
    marks = {60: False, 14: False}
    sent = []
    for n in range(400):
        day = TODAY + timedelta(days=n)
        due = due_reminder(Marks(expires, marks[60], marks[14]), day)
        if due:
            sent.append((due, (expires - day).days))
            marks.update(dict.fromkeys(marks_after(due), True))
    assert sent == [(60, 60), (14, 14)]


@relaxed
@given(held_items, agreements, days)
def test_what_is_kept_on_a_profile_gives_the_same_answer_as_every_check_read_again(held, agreement, offset):
    """Matching decides from the kept first expiry and agreement version; the full rule reads everything. They
    must agree on any day, before or after the kept date."""
    on = TODAY + timedelta(days=offset)
    assert clear_on(held_until(held), agreement, on) == standing(held, agreement, on).may_take_clients


@relaxed
@given(held_items, agreements, st.integers(min_value=-1, max_value=1))
def test_the_kept_answer_changes_on_the_very_day_the_first_item_runs_out(held, agreement, around):
    """The day before, the day of, and the day after the kept date: the edge where an off-by-one would hide."""
    until = held_until(held)
    on = (until or TODAY) + timedelta(days=around)
    assert clear_on(until, agreement, on) == standing(held, agreement, on).may_take_clients
