"""Plain words: abbreviations written out for readers who are not clinicians, as "the words (ABBR)", case-sensitive
and whole tokens only, never inside web or email addresses, never twice; ambiguous ones left as written and found
for the writer; an area's own terms win. The glossary here is this file's own, so that the tests do not depend on
the shipped one's entries."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.language import expanding
from alongside.language.expanding import Ambiguous, ambiguous, expand, load

GLOSSARY = load(
    {
        "about": "for the tests",
        "entries": [
            {"abbreviation": "COPD", "words": "chronic obstructive pulmonary disease", "source": "test"},
            {"abbreviation": "A&E", "words": "accident and emergency", "source": "test"},
            {"abbreviation": "SpO2", "words": "oxygen level in the blood", "source": "test"},
            {"abbreviation": "NEWS2", "words": "National Early Warning Score", "source": "test"},
            {"abbreviation": "T2DM", "words": "type 2 diabetes", "source": "test"},
            {"abbreviation": "GP", "words": "family doctor", "source": "test"},
            {"abbreviation": "DN", "words": "district nurse", "source": "test"},
            {"abbreviation": "MS", "ambiguous": True, "meanings": ["multiple sclerosis", "mitral stenosis"]},
            {"abbreviation": "PT", "ambiguous": True, "meanings": ["physiotherapy", "patient"]},
        ],
    }
)
UNAMBIGUOUS = ["COPD", "A&E", "SpO2", "NEWS2", "T2DM", "GP", "DN"]


def plain(text, local_terms=None):
    return expand(text, local_terms, glossary=GLOSSARY)


def test_abbreviations_are_written_out_with_the_abbreviation_in_brackets():
    assert plain("Seen in A&E with COPD. SpO2 94%, NEWS2 3.") == (
        "Seen in accident and emergency (A&E) with chronic obstructive pulmonary disease (COPD). "
        "Oxygen level in the blood (SpO2) 94%, National Early Warning Score (NEWS2) 3."
    )


def test_words_that_begin_a_sentence_begin_with_a_capital():
    assert plain("GP aware.\nDN to visit. Then GP again? GP yes") == (
        "Family doctor (GP) aware.\nDistrict nurse (DN) to visit. Then family doctor (GP) again? Family doctor (GP) yes"
    )


def test_a_or_an_goes_by_how_the_words_are_said():
    nhs = expanding.load({"entries": [{"abbreviation": "CHC", "words": "NHS continuing healthcare", "source": "t"}]})
    uti = expanding.load({"entries": [{"abbreviation": "UTI", "words": "urinary tract infection", "source": "t"}]})
    assert expand("Needs a CHC check", glossary=nhs) == "Needs an NHS continuing healthcare (CHC) check"
    assert expand("Had an UTI", glossary=uti) == "Had a urinary tract infection (UTI)"


def test_a_or_an_before_it_is_put_right_for_the_words():
    assert plain("an GP, A COPD and a A&E visit") == (
        "a family doctor (GP), A chronic obstructive pulmonary disease (COPD) and an accident and emergency (A&E) visit"
    )
    assert plain("Banana GP") == "Banana family doctor (GP)"


def test_case_matters_and_only_whole_tokens_count():
    assert plain("copd, Copd, COPDX, XCOPD, pre-COPD, COPD2") == "copd, Copd, COPDX, XCOPD, pre-COPD, COPD2"


def test_two_joined_by_a_slash_are_both_written_out():
    assert plain("GP/DN aware") == "Family doctor (GP)/district nurse (DN) aware"


def test_nothing_inside_web_or_email_addresses():
    text = "See https://example.org/COPD/GP, www.GP.example and gp.team@example.nhs.uk or GP@example.org."
    assert plain(text) == text


def test_one_already_written_out_is_left_alone():
    text = "Chronic obstructive pulmonary disease (COPD) since 2019."
    assert plain(text) == text


def test_ambiguous_ones_are_left_as_written_and_found_for_the_writer():
    assert plain("History of MS. PT booked.") == "History of MS. PT booked."
    assert ambiguous("History of MS.", glossary=GLOSSARY) == [
        Ambiguous(11, 13, "MS", ("multiple sclerosis", "mitral stenosis"))
    ]


def test_an_areas_own_terms_win_and_settle_an_ambiguous_one():
    local = {"MS": "Millbrook Surgery", "GP": "general practitioner"}
    assert plain("MS and GP", local) == "Millbrook Surgery (MS) and general practitioner (GP)"
    assert ambiguous("MS", local, glossary=GLOSSARY) == []


def test_a_missing_glossary_file_expands_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(expanding, "SHIPPED", tmp_path / "none.json")
    expanding.shipped.cache_clear()
    try:
        assert expand("COPD") == "COPD"
    finally:
        expanding.shipped.cache_clear()


# ----------------------------------------------------------------------------------------------- for any text

lower = st.text(alphabet=st.characters(blacklist_categories=("Lu", "Lt", "Nd")), max_size=200)
tokens = st.lists(
    st.sampled_from([*UNAMBIGUOUS, "MS", "PT", "the", "and", "(", ")", ".", " ", "\n", "/", "x@y.org", "www.a.b"]),
    max_size=30,
)


@given(lower)
def test_text_without_abbreviations_is_unchanged(text):
    assert plain(text) == text


@given(tokens.map(" ".join))
def test_expanding_twice_changes_nothing_more(text):
    once = plain(text)
    assert plain(once) == once


@given(st.lists(st.sampled_from([*UNAMBIGUOUS, "MS", "and", "with", ","]), max_size=20).map(" ".join))
def test_every_known_unambiguous_abbreviation_appears_written_out(text):
    out = plain(text)
    for abbreviation in set(text.replace(",", " ").split()) & set(UNAMBIGUOUS):
        words = GLOSSARY.words(abbreviation)
        # at the start of the text the words begin with a capital, as a sentence does
        assert f"{words} ({abbreviation})" in out or f"{words[:1].upper()}{words[1:]} ({abbreviation})" in out
    assert out.count("MS") == text.count("MS")


@given(st.text())
def test_expanding_never_raises(text):
    plain(text)
    ambiguous(text, glossary=GLOSSARY)


@pytest.mark.skipif(not expanding.SHIPPED.exists(), reason="the glossary is not here yet")
def test_the_shipped_glossary_loads_with_ambiguous_ones_marked():
    glossary = expanding.shipped()
    assert len(glossary.entries) >= 200
    assert any(entry.is_ambiguous for entry in glossary.entries.values())
    assert all(entry.words or entry.meanings for entry in glossary.entries.values())
