"""The demo's alerts to referrers: whatever day the borough is built, each referrer's newest alert waits unread."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.referrals.demo_step import newest_unread

START = datetime(2026, 1, 1, tzinfo=UTC)
alerts = st.lists(
    st.tuples(st.sampled_from(["gp", "nurse", "pharmacist"]), st.integers(0, 10_000), st.booleans()), max_size=30
)


@given(alerts)
def test_each_referrers_newest_alert_is_unread_and_the_rest_are_as_they_were(drawn):
    given_alerts = [
        (who, f"alert {i}", f"/referrals/{i}/", START + timedelta(minutes=m), START if read else None)
        for i, (who, m, read) in enumerate(drawn)
    ]
    made = newest_unread(given_alerts)
    assert [a[:4] for a in made] == [a[:4] for a in given_alerts]
    for who in {a[0] for a in given_alerts}:
        theirs = [a for a in made if a[0] == who]
        assert max(theirs, key=lambda a: a[3])[4] is None
    changed = [i for i, (before, after) in enumerate(zip(given_alerts, made, strict=True)) if before != after]
    assert len(changed) <= len({a[0] for a in given_alerts})
