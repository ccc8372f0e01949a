"""Telling it once: exact on NHS number, ranked candidates otherwise, never a merge on fuzzy evidence."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from alongside.referrals.matching import (
    DETAILS,
    LISTED,
    VOCABULARY,
    Agreement,
    Details,
    close_birth_dates,
    compare,
    district,
    is_exact,
    name_key,
    rank,
    score,
)

ADA = Details("Ada", "Okafor", date(1941, 3, 12), "NV1 2AB", "9991234564", person_id=1)


def test_the_same_nhs_number_with_the_same_birth_date_is_exact():
    sought = Details("Ada", "Okafor-Smith", date(1941, 3, 12), nhs_number="9991234564")
    assert is_exact(sought, ADA)


def test_the_same_nhs_number_with_nothing_else_agreeing_is_not_exact():
    sought = Details("Bob", "Jones", date(1970, 1, 1), nhs_number="9991234564")
    assert not is_exact(sought, ADA)
    assert score(sought, ADA).reasons == ("NHS number matches",)


def test_no_nhs_number_is_never_exact():
    assert not is_exact(Details("Ada", "Okafor", date(1941, 3, 12), "NV1 2AB"), ADA)


def test_candidates_are_ranked_with_reasons():
    sought = Details("Ada", "Okafor", date(1941, 3, 12), "NV1 2AB")
    typo = Details("Ada", "Okafro", date(1941, 3, 12), "NV1 2AB", person_id=2)
    sister = Details("Grace", "Okafor", date(1944, 6, 1), "NV1 2AB", person_id=3)
    stranger = Details("Tom", "Brown", date(1980, 5, 5), "NV4 9ZZ", person_id=4)
    ranked = rank(sought, [stranger, sister, typo, ADA])
    assert [c.person_id for c in ranked] == [1, 2, 3]
    assert ranked[0].reasons == ("Same date of birth", "Same family name", "Same first name", "Same postcode")
    assert "Similar family name" in ranked[1].reasons


def test_swapped_day_and_month_is_nearly_the_same_birth_date():
    assert date(1941, 12, 3) in close_birth_dates(date(1941, 3, 12))
    assert "Date of birth nearly the same" in score(Details("Ada", "Okafor", date(1941, 12, 3)), ADA).reasons


def test_names_compare_without_case_accents_or_punctuation():
    assert name_key("O'Brien-Smith") == name_key("obrien smith")
    assert name_key("Zoë") == name_key("ZOE")


def test_postcode_district():
    assert district("nv1 2ab") == "NV1"
    assert district("NV12AB") == "NV1"
    assert district("") == ""


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31))
details = st.builds(Details, names, names, dates, st.sampled_from(["NV1 2AB", "NV2 3CD", ""]))


@given(details)
def test_anyone_matches_themselves_best_possible_without_an_nhs_number(d):
    me = score(d, Details(d.given_name, d.family_name, d.birth_date, d.postcode, person_id=9))
    assert me.score >= LISTED
    assert "Same date of birth" in me.reasons


@given(details, st.lists(details, max_size=8))
def test_ranking_is_ordered_limited_and_only_above_the_threshold(sought, known):
    known = [Details(k.given_name, k.family_name, k.birth_date, k.postcode, person_id=i) for i, k in enumerate(known)]
    ranked = rank(sought, known, limit=5)
    assert len(ranked) <= 5
    assert all(c.score >= LISTED for c in ranked)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


@given(details, details)
def test_without_the_same_nhs_number_nothing_is_exact(a, b):
    assert not is_exact(a, b)


def _words(sought: Details, known: Details = ADA) -> tuple[str, ...]:
    return tuple(c.words for c in compare(sought, known))


def test_each_detail_is_compared_in_words_that_say_whether_it_agrees():
    same = Details("Ada", "Okafor", date(1941, 3, 12), "NV1 2AB", "9991234564")
    assert _words(same) == (
        "NHS number matches",
        "Same date of birth",
        "Same family name",
        "Same first name",
        "Same postcode",
    )
    close = Details("Adah", "Okafro", date(1942, 3, 12), "NV1 9ZZ", "9990000000")
    assert _words(close) == (
        "NHS number differs",
        "Date of birth nearly the same",
        "Similar family name",
        "Similar first name",
        "Same postcode area",
    )
    other = Details("Amos", "Brown", date(1970, 1, 1), "KW17 2YZ")
    assert _words(other) == (
        "NHS number not known",
        "Date of birth differs",
        "Family name differs",
        "Same first initial",
        "Postcode differs",
    )
    unknown = Details("", "", None, "")
    assert [c.agreement for c in compare(unknown, ADA)] == [Agreement.NOT_KNOWN] * len(DETAILS)


@given(details, details)
def test_a_comparison_never_holds_a_value_and_its_points_are_the_score(sought, known):
    compared = compare(sought, known)
    assert [c.detail for c in compared] == list(DETAILS)
    assert all(c.words in VOCABULARY for c in compared)  # a fixed list: nobody's name, date or postcode
    assert sum(c.points for c in compared) == score(sought, known).score
    assert all((c.points > 0) == (c.agreement in (Agreement.SAME, Agreement.CLOSE)) for c in compared)
