"""The ward's settings form: numbers read as people type them, each bad value with its own kind message, a number
and where it comes from together or not at all, the share as a percentage stored as a decimal, nothing ticked or
filled in beyond what is saved, and what was typed kept when something is wrong."""

import uuid
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from alongside.virtual_ward.forms_settings import (
    BEDS,
    DECISION_HOURS,
    EPISODE_HOURS,
    MOST_POPULATION,
    SettingsForm,
    as_percentage,
    initial,
    percentage,
    whole_number,
)
from alongside.virtual_ward.models import Ward

PRACTICES = [(3, "Riverside Medical Centre"), (7, "Valley Surgery")]


def typed(**changed) -> dict:
    return {
        "form_key": str(uuid.uuid4()),
        "version": "4",
        "practices": ["3"],
        "registered_population": "60,000",
        "population_source": "NHS Digital, October 2026",
        "baseline_admissions_per_year": "7200",
        "baseline_source": "Hospital admissions, 2024 to 2025",
        "target": "17",
        "beds": "20",
        "decision_hours": "2",
        "episode_hours": "72",
    } | changed


def form(**changed) -> SettingsForm:
    made = SettingsForm(typed(**changed), practices=PRACTICES)
    made.is_valid()
    return made


def test_good_answers_are_read_as_the_ward_stores_them():
    f = form()
    assert not f.errors
    data = f.cleaned_data
    assert data["practices"] == [3] and data["registered_population"] == 60_000
    assert data["target"] == Decimal("0.17") and data["beds"] == 20 and data["version"] == 4


@given(st.integers(min_value=0, max_value=10**12))
def test_a_whole_number_is_read_with_or_without_thousands_commas(n):
    assert whole_number(str(n)) == n
    assert whole_number(f"{n:,}") == n
    assert whole_number(f"  {n} ") == n


@given(st.text(max_size=12))
def test_anything_else_is_not_a_whole_number_or_is_the_number_it_shows(text):
    found = whole_number(text)
    if found is not None:
        assert int(text.replace(" ", "").replace(",", "")) == found


def test_badly_grouped_commas_are_not_a_number():
    assert whole_number("6,0000") is None and whole_number("1,2,3") is None and whole_number("12.5") is None
    assert whole_number("٦٠٠٠٠") == whole_number(" ６０ ０００ ") == 60_000  # typed on an Arabic or full-width keyboard


@given(st.integers(min_value=1, max_value=1000))
def test_a_percentage_with_one_decimal_place_is_a_share_and_shows_as_it_was_typed(tenths):
    text = f"{tenths / 10:.1f}".removesuffix(".0")
    share = percentage(text)
    assert share == Decimal(tenths) / 1000
    assert percentage(text + "%") == share
    assert as_percentage(share.quantize(Decimal("0.001"))) == text


@given(st.integers(min_value=BEDS[0], max_value=BEDS[1]), st.integers(min_value=1, max_value=100))
def test_every_value_in_range_is_accepted(beds, target):
    assert not form(beds=str(beds), target=str(target)).errors


@given(
    st.sampled_from(
        [
            ("beds", BEDS, "The usual beds"),
            ("decision_hours", DECISION_HOURS, "The hours to decide"),
            ("episode_hours", EPISODE_HOURS, "The hours a stay lasts"),
        ]
    ),
    st.integers(min_value=1, max_value=500),
    st.booleans(),
)
def test_a_number_out_of_range_says_the_limit_and_keeps_what_was_typed(field, by, below):
    name, (low, high), named = field
    value = max(low - by, 0) if below else high + by
    f = form(**{name: str(value)})
    limit = f"{low:,} or more" if value < low else f"{high:,} or fewer"
    assert f.errors[name] == [f"{named} must be {limit}"]
    assert f[name].value() == str(value)


@given(st.sampled_from(["twenty", "-3", "2.5", "1e3", "½", "²"]))  # "２０" is 20: digits of any script are read
def test_a_number_that_is_not_whole_says_so_with_an_example(text):
    f = form(beds=text)
    assert f.errors["beds"] == ["The usual beds must be a whole number, like 20"]
    assert f["beds"].value() == text


def test_a_missing_required_number_asks_for_it():
    f = form(beds="", decision_hours="", episode_hours="", target="")
    assert f.errors["beds"] == ["Enter the usual beds"]
    assert f.errors["decision_hours"] == ["Enter the hours to decide"]
    assert f.errors["episode_hours"] == ["Enter the hours a stay lasts"]
    assert f.errors["target"] == ["Enter the share of admissions to avoid, as a percentage, like 17"]


@given(st.sampled_from(["0", "0.5", "100.1", "250"]))
def test_a_share_outside_1_to_100_percent_is_refused(text):
    assert form(target=text).errors["target"] == ["The share must be between 1% and 100%"]


def test_a_share_with_two_decimal_places_or_in_words_is_refused_kindly():
    assert form(target="17.25").errors["target"] == ["Give the share with at most 1 decimal place, like 17.5"]
    assert form(target="a fifth").errors["target"] == ["Enter the share as a percentage, like 17 or 17.5"]


def test_a_population_needs_where_it_comes_from_and_the_other_way_round():
    f = form(population_source="  ")
    assert f.errors["population_source"] == ["Enter where the registered population comes from, and its date"]
    f = form(registered_population="")
    assert f.errors["registered_population"] == ["Enter the registered population, or clear where it comes from"]
    f = form(baseline_source="")
    assert f.errors["baseline_source"] == ["Enter where the emergency admissions come from, and their dates"]
    f = form(baseline_admissions_per_year="")
    assert f.errors["baseline_admissions_per_year"] == [
        "Enter the emergency admissions in a year, or clear where they come from"
    ]


def test_both_left_empty_is_fine_the_figures_then_say_what_they_use():
    f = form(registered_population="", population_source="", baseline_admissions_per_year="", baseline_source="")
    assert not f.errors
    assert f.cleaned_data["registered_population"] is None and f.cleaned_data["population_source"] == ""


def test_a_population_of_none_or_too_many_is_refused():
    assert form(registered_population="0").errors["registered_population"] == [
        "The registered population must be 1 or more"
    ]
    assert form(registered_population=str(MOST_POPULATION + 1)).errors["registered_population"] == [
        f"The registered population must be {MOST_POPULATION:,} or fewer"
    ]


def test_a_practice_no_longer_listed_is_refused_and_none_is_fine():
    assert form(practices=["99"]).errors["practices"] == [
        "Choose from the GP practices listed: one of them is no longer there"
    ]
    assert form(practices=[]).cleaned_data["practices"] == []


def test_a_stale_hidden_version_says_so_in_words():
    f = form(version="")
    assert "version" not in f.errors
    assert f.non_field_errors() == ["This page was out of date. Check it and continue again"]


def test_the_form_starts_as_the_ward_is_saved_with_nothing_else_ticked():
    ward = Ward(name="W", beds=18, decision_hours=3, episode_hours=96, target_deflection=Decimal("0.175"), version=5)
    f = SettingsForm(practices=PRACTICES, initial=initial(ward, [7]))
    assert f["practices"].value() == ["7"]
    assert f["registered_population"].value() == "" and f["population_source"].value() == ""
    assert f["target"].value() == "17.5" and f["beds"].value() == "18" and f["version"].value() == 5


def test_fewer_usual_beds_than_the_people_on_the_ward_are_refused_at_continue():
    refused = SettingsForm(typed(beds="1"), practices=PRACTICES, occupied=16, saved_beds=20)
    assert refused.errors["beds"] == [
        "16 people have a bed on the ward now. Set at least 16 usual beds, or set fewer beds for a day once some of "
        "them have left"
    ]
    assert SettingsForm(typed(beds="16"), practices=PRACTICES, occupied=16, saved_beds=20).is_valid()
    # as at Save: beds that are not fewer than those saved pass (a day's own beds may hold more people)
    assert SettingsForm(typed(beds="12"), practices=PRACTICES, occupied=16, saved_beds=10).is_valid()
