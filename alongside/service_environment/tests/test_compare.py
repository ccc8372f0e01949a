"""The two views side by side, as properties: averages stay on the scale and leave "Don't know" out; the people's
view is never shown below the threshold, whatever else is true; "Where we see it differently" holds exactly the
domains far enough apart, biggest first; and the order answers came in changes nothing."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.service_environment import checklist
from alongside.service_environment.compare import (
    AT_LEAST,
    DIFFERS,
    TEAM_AT_LEAST,
    compare,
    people_words,
    shows_people,
    shows_team,
    view,
)

CHECKLIST = checklist.shipped()["recovery-environment"]
KEYS = [s.key for s in CHECKLIST.statements]
TOP = CHECKLIST.top

answer = st.one_of(st.none(), st.integers(min_value=0, max_value=TOP))
answer_set = st.fixed_dictionaries({}, optional={key: answer for key in KEYS})
answer_sets = st.lists(answer_set, max_size=12)


@given(answer_sets)
def test_a_view_is_an_average_on_the_scale_and_counts_every_answer_once(sets):
    for domain in CHECKLIST.domains:
        keys = [s.key for s in domain.statements]
        seen = view(sets, keys, TOP)
        given_ = [a[k] for a in sets for k in keys if k in a]
        assert seen.answered + seen.dont_know == len(given_)
        assert seen.dont_know == sum(1 for v in given_ if v is None)
        if seen.answered:
            assert seen.score is not None and 0 <= seen.score <= TOP
            assert 0 <= seen.percent(TOP) <= 100
            assert seen.words(CHECKLIST.scale) in CHECKLIST.scale
        else:
            assert seen.score is None and seen.words(CHECKLIST.scale) == "No answers yet"


@given(answer_sets, answer_sets)
def test_the_peoples_view_is_shown_only_from_the_threshold(team, people):
    found = compare(CHECKLIST, team, people)
    assert found.people_shown == (len(people) >= AT_LEAST) == shows_people(len(people))
    if not found.people_shown:
        assert all(row.people is None for row in found.rows)
        assert found.differ == ()
    assert found.team_count == len(team) and found.people_count == len(people)


@given(answer_sets, answer_sets)
def test_where_we_see_it_differently_is_the_domains_far_apart_biggest_first(team, people):
    found = compare(CHECKLIST, team, people)
    far = [row for row in found.rows if row.difference is not None and row.difference >= DIFFERS]
    assert sorted(found.differ, key=lambda r: r.domain.key) == sorted(far, key=lambda r: r.domain.key)
    gaps = [row.difference for row in found.differ]
    assert gaps == sorted(gaps, reverse=True)


@given(answer_sets, answer_sets, st.randoms())
def test_the_order_answers_came_in_changes_nothing(team, people, rng):
    before = compare(CHECKLIST, team, people)
    rng.shuffle(team)
    rng.shuffle(people)
    after = compare(CHECKLIST, team, people)
    for one, other in zip(before.rows, after.rows, strict=True):
        if one.team is None or other.team is None:
            assert one.team is None and other.team is None
            continue
        assert one.team.answered == other.team.answered
        if one.team.score is not None and other.team.score is not None:
            assert abs(one.team.score - other.team.score) < 1e-9


@given(answer_sets, answer_sets, st.booleans())
def test_while_the_round_is_open_neither_view_is_shown_and_when_closed_each_from_its_threshold(team, people, closed):
    """While a round is open each answer would move the views, so looking before and after one answer would show
    it; one member's view is only their own answers."""
    found = compare(CHECKLIST, team, people, closed=closed)
    assert found.team_shown == (closed and len(team) >= TEAM_AT_LEAST) == shows_team(len(team), closed)
    assert found.people_shown == (closed and len(people) >= AT_LEAST) == shows_people(len(people), closed)
    assert all((row.team is not None) == found.team_shown for row in found.rows)
    assert all((row.people is not None) == found.people_shown for row in found.rows)
    if not closed:
        assert found.differ == ()


@given(st.integers(min_value=0, max_value=500))
def test_how_many_people_answered_is_said_only_from_five(count):
    words = people_words(count)
    assert words == (f"{count} people" if count >= AT_LEAST else "fewer than 5 people")


def test_words_round_to_the_nearest_answer():
    assert view([{"a": 2}, {"a": 3}], ["a"], 3).words(CHECKLIST.scale) == "Fully"  # 2.5
    assert view([{"a": 2}, {"a": 2}, {"a": 3}], ["a"], 3).words(CHECKLIST.scale) == "Mostly"
    assert view([{"a": None}, {"a": 7}], ["a"], 3).score is None  # "Don't know" and off the scale are left out
