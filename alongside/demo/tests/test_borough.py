"""The demo borough generator: deterministic, synthetic, and the shape the issue asks for. No database."""

from collections import Counter
from datetime import date
from itertools import islice

import nhs_number
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.demo import borough

TODAY = date(2026, 11, 21)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_nhs_numbers_are_valid_distinct_and_in_the_999_test_range(seed):
    numbers = list(islice(borough.nhs_numbers(seed), 3000))
    assert len(set(numbers)) == len(numbers) == 3000
    assert all(n.startswith("999") and len(n) == 10 and nhs_number.is_valid(n) for n in numbers)


def test_the_whole_999_range_is_used_without_repeats():
    numbers = list(borough.nhs_numbers(7))
    assert len(numbers) == len(set(numbers))
    assert 900_000 < len(numbers) < 920_000


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=300))
def test_same_seed_same_people_and_different_seed_different_people(seed, count):
    first = list(borough.generate_people(seed, count, TODAY))
    assert first == list(borough.generate_people(seed, count, TODAY))
    assert len(first) == count
    other = list(borough.generate_people(seed + 1, count, TODAY))
    assert count < 5 or first != other


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_people_are_adults_with_invented_postcodes_and_drama_range_phones(seed):
    for person in borough.generate_people(seed, 200, TODAY):
        age = (TODAY - person.birth_date).days / 365.25
        assert 18 <= age <= 106
        assert person.postcode.startswith(f"NV{person.neighbourhood_index + 1} ")
        assert person.phone.startswith(("07700 900", "01632 960"))
        assert 0 <= person.practice_index < len(borough.PRACTICE_NAMES)


def test_about_one_in_ten_people_has_no_nhs_number():
    people = list(borough.generate_people(1, 5000, TODAY))
    missing = sum(p.nhs_number is None for p in people)
    assert 350 < missing < 650


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_the_borough_has_the_organisations_teams_and_people_the_issue_asks_for(seed):
    plan = borough.plan_borough(seed)
    kinds = Counter(kind for _, kind, _, _ in plan.organisations)
    assert kinds == {"nhs_trust": 1, "council": 1, "voluntary_organisation": 1, "gp_practice": 8}
    roles = Counter(p.role for p in plan.personas)
    assert roles["volunteer"] == 40
    assert 55 <= sum(roles.values()) - roles["volunteer"] <= 70
    logins = {p.role for p in plan.personas if p.login}
    assert logins == set(borough.LOGIN_ROLES) - {"person"}
    assert len({p.username for p in plan.personas}) == len(plan.personas)
    assert {t.kind for t in plan.teams} >= {
        "neighbourhood_team",
        "single_point_of_access",
        "volunteer_hub",
        "virtual_ward",
    }
    assert {p.team for p in plan.personas} <= {t.name for t in plan.teams}
    assert plan == borough.plan_borough(seed)
