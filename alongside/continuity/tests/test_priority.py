"""Continuity priority from recorded facts, with its reasons, adjustable by staff with a note."""

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.continuity.models import ContinuityFacts
from alongside.continuity.priority import HIGH, Facts, priority
from alongside.core.tests.pages import texts
from alongside.people.tests.factories import PersonFactory, make_named_worker

TODAY = date(2026, 11, 21)


def test_the_people_it_matters_most_to_come_out_high_with_their_reasons():
    facts = Facts(frailty="moderate", incurable_illness=True, lives_alone=True)
    result = priority(facts, TODAY)
    assert (result.score, result.level) == (6, "High")
    assert result.reasons == ("an illness that cannot be cured", "moderate frailty", "lives alone")


def test_a_crisis_counts_for_90_days():
    assert priority(Facts(last_crisis_on=TODAY - timedelta(days=90)), TODAY).score == 2
    assert priority(Facts(last_crisis_on=TODAY - timedelta(days=91)), TODAY).score == 0


def test_staff_adjust_with_a_note_that_is_shown():
    result = priority(Facts(lives_alone=True, adjustment=3, adjustment_note="Frightened since the burglary"), TODAY)
    assert result.score == 4 and "raised by 3 by staff: Frightened since the burglary" in result.reasons


facts = st.builds(
    Facts,
    frailty=st.sampled_from(["", "mild", "moderate", "severe"]),
    long_term_condition=st.booleans(),
    incurable_illness=st.booleans(),
    lives_alone=st.booleans(),
    wants_continuity=st.booleans(),
    last_crisis_on=st.none() | st.dates(min_value=date(2020, 1, 1), max_value=TODAY),
    adjustment=st.integers(-5, 5),
    adjustment_note=st.just("note"),
)


@given(facts, st.sampled_from(["long_term_condition", "incurable_illness", "lives_alone", "wants_continuity"]))
def test_one_more_fact_never_lowers_the_priority(f, extra):
    more = Facts(**{**f.__dict__, extra: True})
    assert priority(more, TODAY).score >= priority(f, TODAY).score


@given(facts)
def test_never_negative_and_high_exactly_at_the_threshold(f):
    result = priority(f, TODAY)
    assert result.score >= 0
    assert (result.level == "High") == (result.score >= HIGH)


@pytest.mark.django_db
def test_the_named_worker_records_the_facts_and_the_page_shows_why(client, member):
    worker = member("clinician")
    ada = PersonFactory(given_name="Ada")
    make_named_worker(ada, worker)
    client.force_login(worker)
    url = f"/continuity/people/{ada.pk}/priority/"
    missing_note = client.post(url, {"frailty": "severe", "adjustment": "2", "version": "0"})
    assert "Say why you are adjusting the priority" in texts(missing_note)
    client.post(url, {"frailty": "severe", "wants_continuity": "on", "adjustment": "", "version": "0"})
    saved = ContinuityFacts.objects.get(person=ada)
    assert (saved.priority, saved.version) == (6, 1)
    page = texts(client.get(f"/people/{ada.pk}/"))
    assert "Continuity priority: High . Why: they want to see the same person; severe frailty." in page
    raw = client.get(f"/people/{ada.pk}/").content.decode()
    assert re.search(r"severe frailty\.\s+<a [^>]*>Change the facts", raw)  # a space before the link, as read
    stale = client.post(url, {"frailty": "", "version": "0"})
    assert "Someone changed these facts while you were editing" in texts(stale)


@pytest.mark.django_db
def test_only_those_who_may_add_to_their_care_may_change_it(client, member):
    client.force_login(member("clinician"))
    assert client.get(f"/continuity/people/{PersonFactory().pk}/priority/").status_code == 404
