"""Continuity measured in the service: the right contacts for the period, each person's usual practitioner at the
time of each contact, and group summaries that agree with the plain reference in `indices.py`."""

from datetime import date, datetime, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.continuity import indices, measure
from alongside.continuity.models import Contact
from alongside.continuity.tests.factories import ContactFactory
from alongside.core.tests.factories import UserFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory

UK = ZoneInfo("Europe/London")


def uk(*parts) -> datetime:
    return datetime(*parts, tzinfo=UK)


def contact(person, practitioner, at, **fields):
    return ContactFactory(
        person=person, practitioner=practitioner, kind="clinic", at=at, minutes=15, recorded_by=practitioner, **fields
    )


# --- periods ------------------------------------------------------------------------------------------------------


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=1, max_value=12))
def test_quarters_run_back_from_today_without_gaps_or_overlaps(today, count):
    found = measure.quarters(today, count)
    assert len(found) == count
    assert found[-1].last == today and found[-1].first <= today
    for earlier, later in zip(found, found[1:], strict=False):
        assert later.first == earlier.last + timedelta(days=1)
    for period in found:
        assert period.first.day == 1 and period.first.month in (1, 4, 7, 10)
        assert (period.last - period.first).days < 92


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="ends on or after"):
        measure.Period(date(2026, 3, 2), date(2026, 3, 1))


# --- reading contacts from the database ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_period_takes_whole_uk_days_at_both_ends_in_summer_and_winter():
    sam = UserFactory()
    ada = PersonFactory()
    inside = [uk(2026, 6, 1, 0, 0), uk(2026, 6, 30, 23, 59), uk(2026, 12, 1, 0, 0), uk(2026, 12, 31, 23, 59)]
    outside = [uk(2026, 5, 31, 23, 59), uk(2026, 7, 1, 0, 0), uk(2026, 11, 30, 23, 59), uk(2027, 1, 1, 0, 0)]
    for at in inside + outside:
        contact(ada, sam, at)
    summer = measure.contacts(measure.Period(date(2026, 6, 1), date(2026, 6, 30)))
    winter = measure.contacts(measure.Period(date(2026, 12, 1), date(2026, 12, 31)))
    assert summer.height == 2 and winter.height == 2
    # `when` is UK wall-clock time: midnight on 1 June is a whole number of days since 1970
    assert summer["when"].min() % 86_400_000_000 == 0


@pytest.mark.django_db
def test_each_contact_is_compared_with_the_named_worker_of_its_own_time():
    sam, bea, cal = UserFactory(), UserFactory(), UserFactory()
    ada = PersonFactory()
    changed = uk(2026, 3, 1, 12, 0)
    CareRelationship.objects.create(
        person=ada, kind="named_worker", user=sam, started_at=uk(2025, 1, 1), ended_at=changed
    )
    CareRelationship.objects.create(person=ada, kind="named_worker", user=bea, started_at=changed)
    seen = [(sam, uk(2026, 1, 5, 10)), (cal, uk(2026, 2, 5, 10)), (sam, uk(2026, 3, 5, 10)), (bea, uk(2026, 4, 5))]
    for who, at in seen:
        contact(ada, who, at)
    frame = measure.contacts(measure.Period(date(2026, 1, 1), date(2026, 6, 30)))
    usual = dict(zip(frame["contact_id"].to_list(), frame["usual_practitioner_id"].to_list(), strict=True))
    assert sorted(usual.values()) == sorted([str(sam.pk)] * 2 + [str(bea.pk)] * 2)
    (row,) = measure.per_person(frame).iter_rows(named=True)
    # with the named worker of the time: January (Sam) and April (Bea); not February (Cal) nor March (Sam, no longer)
    assert row["breslau_upc"] == 0.5
    assert row["upc"] == 0.5 and row["n_practitioners"] == 3


@pytest.mark.django_db
def test_per_person_numbers_are_the_reference_ones_for_database_contacts():
    workers = [UserFactory() for _ in range(3)]
    people = [PersonFactory() for _ in range(4)]
    pattern = [0, 0, 1, 0, 2, 2, 0, 1, 1, 1, 0, 2]
    for p, person in enumerate(people):
        CareRelationship.objects.create(
            person=person, kind="named_worker", user=workers[p % 3], started_at=uk(2025, 1, 1)
        )
        for k in range(p + 1 + 2 * p):
            contact(person, workers[pattern[(k + p) % len(pattern)]], uk(2026, 1 + k % 6, 1 + k, 9, 30))
    period = measure.Period(date(2026, 1, 1), date(2026, 12, 31))
    table = {r["person_id"]: r for r in measure.per_person(measure.contacts(period)).iter_rows(named=True)}
    for p, person in enumerate(people):
        mine = list(Contact.objects.filter(person=person).order_by("at", "pk"))
        expected = indices.person_indices(
            str(person.pk),
            [
                indices.Contact(
                    str(person.pk),
                    str(c.practitioner_id),
                    c.at.astimezone(UK).replace(tzinfo=None),
                    str(c.pk),
                    str(workers[p % 3].pk),
                )
                for c in mine
            ],
        )
        got = table[str(person.pk)]
        for name in ("n_contacts", "n_practitioners", *measure.PER_PERSON):
            assert got[name] == getattr(expected, name), (name, p)


# --- summarising groups (no database) -----------------------------------------------------------------------------

contacts_strategy = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=6),  # person
        st.integers(min_value=1, max_value=4),  # practitioner
        st.integers(min_value=0, max_value=800),  # day
    ),
    max_size=60,
)
named_strategy = st.dictionaries(st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=4))


def frame_of(rows, named):
    return pl.DataFrame(
        {
            "person_id": [str(p) for p, _, _ in rows],
            "practitioner_id": [str(w) for _, w, _ in rows],
            "contact_id": [str(i) for i in range(len(rows))],
            "usual_practitioner_id": [str(named[p]) if p in named else None for p, _, _ in rows],
            "when": [d * 86_400_000_000 for _, _, d in rows],
        },
        schema={
            "person_id": pl.String,
            "practitioner_id": pl.String,
            "contact_id": pl.String,
            "usual_practitioner_id": pl.String,
            "when": pl.Int64,
        },
    ).with_row_index("_row")


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-12)


@settings(max_examples=150, deadline=None)
@given(contacts_strategy, named_strategy, st.sets(st.integers(min_value=1, max_value=6), min_size=1))
def test_a_group_summary_is_the_reference_averaged_and_pooled(rows, named, group):
    """Averages of the per-person reference indices over the group; SLICC and the own-patient ratio pooled as
    `indices.slicc` and `indices.own_patient_ratio` define them."""
    frame = frame_of(rows, named)
    (summary,) = measure.summarise(frame, measure.pairs((p, "g") for p in sorted(group)))
    mine = [(p, w, d) for p, w, d in rows if p in group]
    per_person = []
    for person in sorted({p for p, _, _ in mine}):
        own = sorted(((d, i, w) for i, (p, w, d) in enumerate(rows) if p == person))
        per_person.append(
            indices.person_indices(
                str(person),
                [
                    indices.Contact(
                        str(person),
                        str(w),
                        datetime(2000, 1, 1) + timedelta(days=d),
                        str(i),
                        str(named[person]) if person in named else None,
                    )
                    for d, i, w in own
                ],
            )
        )
    assert summary.people == len(per_person)
    assert summary.contacts == len(mine)
    assert summary.assessed == sum(1 for r in per_person if r.n_contacts >= 2)
    for name in measure.PER_PERSON:
        values = [getattr(r, name) for r in per_person if getattr(r, name) is not None]
        assert close(summary[name], mean(values) if values else None), name
    on_lists = {p: w for p, w in named.items() if p in group}
    pairs = [(p, w) for p, w, _ in mine]
    assert close(summary["slicc"], indices.slicc(pairs, on_lists, set(on_lists.values())))
    expected_own = sum(1 for p, w in pairs if on_lists.get(p) == w) / len(pairs) if pairs else None
    assert close(summary["own_patient_ratio"], expected_own)


@settings(max_examples=100, deadline=None)
@given(contacts_strategy, named_strategy, st.integers(min_value=1, max_value=4))
def test_a_workers_own_patient_ratio_counts_the_contacts_they_gave(rows, named, worker):
    frame = frame_of(rows, named)
    everyone = measure.pairs((p, "w") for p in range(1, 7))
    (summary,) = measure.summarise(frame, everyone, measure.pairs([(worker, "w")], "practitioner_id"))
    expected = indices.own_patient_ratio([(p, w) for p, w, _ in rows], named, worker)
    assert close(summary["own_patient_ratio"], expected)


def test_a_group_with_no_contacts_is_shown_with_nothing_measured():
    frame = frame_of([(1, 1, 0), (1, 1, 5)], {1: 1})
    quiet, busy = measure.summarise(frame, measure.pairs([(9, "quiet"), (1, "busy")]))
    assert (quiet.group, quiet.people, quiet.contacts, quiet["upc"]) == ("quiet", 0, 0, None)
    assert (busy.group, busy.people, busy.assessed, busy["upc"], busy["slicc"]) == ("busy", 1, 1, 1.0, 1.0)


@pytest.mark.django_db
def test_over_time_is_each_period_summarised_on_its_own():
    sam, bea = UserFactory(), UserFactory()
    ada, ben = PersonFactory(), PersonFactory()
    for k, (person, who) in enumerate([(ada, sam), (ada, sam), (ada, bea), (ben, bea), (ben, sam), (ada, sam)]):
        contact(person, who, uk(2026, 1 + 2 * k, 10, 11))
    periods = measure.quarters(date(2026, 12, 31), 4)
    groups = measure.pairs([(ada.pk, "team"), (ben.pk, "team")])
    together = measure.over_time(periods, groups)
    assert [p for p, _ in together] == periods
    for period, (summary,) in together:
        (alone,) = measure.summarise(measure.contacts(period), groups)
        assert summary == alone
    assert [s.contacts for _, (s,) in together] == [2, 1, 2, 1]  # Jan+Mar, May, Jul+Sep, Nov


def test_a_worker_with_nobody_on_their_list_still_has_the_own_patient_ratio_of_the_contacts_they_gave():
    frame = frame_of([(1, 1, 0), (1, 2, 5), (2, 2, 9)], {1: 1, 2: 1})
    (listed, unlisted) = measure.summarise(
        frame, measure.pairs([(1, "1"), (2, "1")]), measure.pairs([(1, "1"), (2, "2")], "practitioner_id")
    )
    assert (listed.group, listed["own_patient_ratio"]) == ("1", 1.0)
    assert (unlisted.group, unlisted.people, unlisted["own_patient_ratio"]) == ("2", 0, 0.0)  # saw others' people


@pytest.mark.django_db
def test_no_people_means_no_contacts_and_no_query():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        frame = measure.contacts(measure.Period(date(2026, 1, 1), date(2026, 3, 31)), [])
    assert frame.height == 0 and len(queries) == 0
