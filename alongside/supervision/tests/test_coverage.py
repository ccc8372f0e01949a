"""The coverage rule (coverage.py): 6 weeks back from today to the last session that happened; someone new to the
team is new, never a gap; the share counts everyone but the new."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.supervision.coverage import WINDOW, Line, Member, Standing, lines, share, standing
from alongside.supervision.themes import titled_names

TODAY = date(2026, 12, 5)
days_back = st.integers(min_value=0, max_value=400).map(lambda n: TODAY - timedelta(days=n))
members = st.lists(st.builds(Member, user_id=st.integers(1, 12), joined=days_back), max_size=20)
last = st.dictionaries(st.integers(1, 12), days_back, max_size=12)


@given(days_back, st.one_of(st.none(), days_back))
def test_had_means_a_session_in_the_6_weeks_and_new_is_never_a_gap(joined, last_day):
    found = standing(joined, last_day, TODAY)
    had = last_day is not None and TODAY - last_day <= WINDOW
    assert (found == Standing.HAD) == had
    if TODAY - joined < WINDOW:
        assert found != Standing.GAP  # joined less than 6 weeks ago: new, or had one already
    if found == Standing.GAP:
        assert TODAY - joined >= WINDOW and not had


def test_the_edges_of_the_6_weeks():
    long_ago = TODAY - timedelta(days=300)
    assert standing(long_ago, TODAY - timedelta(days=42), TODAY) == Standing.HAD
    assert standing(long_ago, TODAY - timedelta(days=43), TODAY) == Standing.GAP
    assert standing(long_ago, None, TODAY) == Standing.GAP
    assert standing(TODAY - timedelta(days=41), None, TODAY) == Standing.NEW
    assert standing(TODAY - timedelta(days=42), None, TODAY) == Standing.GAP


@given(members, last)
def test_one_line_per_member_from_their_first_joining(given_members, last_day):
    found = lines(given_members, last_day, TODAY)
    assert [line.user_id for line in found] == list(dict.fromkeys(m.user_id for m in given_members))
    for line in found:
        first = min(m.joined for m in given_members if m.user_id == line.user_id)
        assert line.last == last_day.get(line.user_id)
        assert line.standing == standing(first, line.last, TODAY)


@given(members, last)
def test_the_share_leaves_out_the_new_and_counts_who_had_one(given_members, last_day):
    found = lines(given_members, last_day, TODAY)
    had, of = share(found)
    assert 0 <= had <= of == sum(1 for line in found if line.standing != Standing.NEW)
    assert had == sum(1 for line in found if line.standing == Standing.HAD)


def test_a_session_that_did_not_happen_is_simply_not_given():
    assert share([Line(1, Standing.HAD, TODAY), Line(2, Standing.GAP, None), Line(3, Standing.NEW, None)]) == (1, 2)


def test_a_title_before_a_name_is_found():
    assert titled_names("We talked about Mrs Patel and mr P. Also Dr. Okafor") == ["Mrs Patel", "mr P", "Dr. Okafor"]
    assert titled_names("Feeling stuck when someone does not want help; Mr nobody") == []


@given(st.text(max_size=80))
def test_every_found_name_starts_with_a_title_and_is_in_the_text(text):
    for found in titled_names(text):
        assert found in text
        assert found.split()[0].rstrip(".").lower() in {
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "dr",
            "doctor",
            "nurse",
            "sister",
            "father",
            "rev",
            "revd",
            "reverend",
            "sir",
            "dame",
            "lady",
            "lord",
            "auntie",
            "aunty",
            "uncle",
        }
