"""The glossary of health and social care abbreviations (alongside/language/data/glossary.json) keeps its shape:
enough entries, each with a source, no abbreviation twice, ambiguous ones with two or more meanings and no single
expansion, and none that is an ordinary English word written in capitals. The hope check's two corpora keep theirs too.
Pure: no database."""

import json
from pathlib import Path

import pytest

GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "glossary.json"

# Ordinary English (or everyday abbreviations) that people write in capitals in normal text; expanding any of them
# would change what the writer meant.
COMMON_WORDS = set(
    "A I AM AN AS AT BE BY DO GO HA HE HI IF IN IS IT ME MY NO OF OK ON OR SO TO UP US WE "
    "AC ALL AND ARE BED BUT CAN CAP DID FIT FOR GET GOT HAD HAS HER HIM HIS HOW MAD NEW NOT NOW OFF OLD ONE OUR OUT "
    "PM SAD SEE SHE THE TOO TOP TWO WAS WAY WHO WHY XL YES YOU "
    "ALSO AUDIT CARE HELP HOME MUST NOTE SAFE SOON WELL PLEASE TODAY URGENT".split()
)


@pytest.fixture(scope="module")
def glossary() -> dict:
    return json.loads(GLOSSARY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entries(glossary: dict) -> list[dict]:
    return glossary["entries"]


def test_it_says_what_it_is_and_why_some_words_are_left_out(glossary: dict) -> None:
    assert "Alongside" in glossary["about"]
    assert "licence" in glossary["about"].lower()
    assert glossary["never_expand_note"].strip()


def test_there_are_several_hundred_entries(entries: list[dict]) -> None:
    assert len(entries) >= 300


def test_every_entry_names_its_source(entries: list[dict]) -> None:
    without = [e.get("abbreviation") for e in entries if not str(e.get("source", "")).strip()]
    assert without == []


def test_no_abbreviation_is_listed_twice(entries: list[dict]) -> None:
    seen: set[str] = set()
    twice = []
    for entry in entries:
        if entry["abbreviation"] in seen:
            twice.append(entry["abbreviation"])
        seen.add(entry["abbreviation"])
    assert twice == []


def test_abbreviations_are_written_without_spaces_round_them(entries: list[dict]) -> None:
    untidy = [
        e["abbreviation"] for e in entries if not e["abbreviation"] or e["abbreviation"] != e["abbreviation"].strip()
    ]
    assert untidy == []


def test_ambiguous_ones_give_two_or_more_meanings_and_no_single_expansion(entries: list[dict]) -> None:
    ambiguous = [e for e in entries if e.get("ambiguous")]
    assert len(ambiguous) >= 25
    for entry in ambiguous:
        assert entry["ambiguous"] is True, entry
        assert "words" not in entry, entry
        meanings = entry["meanings"]
        assert len(meanings) >= 2, entry
        assert all(isinstance(m, str) and m.strip() for m in meanings), entry
        assert len(set(meanings)) == len(meanings), entry


def test_the_others_give_their_words(entries: list[dict]) -> None:
    for entry in entries:
        if entry.get("ambiguous"):
            continue
        assert "meanings" not in entry, entry
        assert isinstance(entry.get("words"), str), entry
        assert entry["words"].strip(), entry
        assert not entry["words"].endswith("."), entry


def test_only_the_known_keys_are_used(entries: list[dict]) -> None:
    allowed = {"abbreviation", "words", "ambiguous", "meanings", "source"}
    assert [e["abbreviation"] for e in entries if set(e) - allowed] == []


def test_no_abbreviation_is_an_ordinary_english_word(entries: list[dict]) -> None:
    assert sorted(e["abbreviation"] for e in entries if e["abbreviation"].upper() in COMMON_WORDS) == []


@pytest.mark.parametrize(
    "abbreviation",
    ["COPD", "A&E", "GP", "DNACPR", "ReSPECT", "eGFR", "HbA1c", "DoLS", "S117", "PRN", "NEWS2", "SpO2", "MS"],
)
def test_the_ones_notes_use_most_are_there(entries: list[dict], abbreviation: str) -> None:
    assert abbreviation in {e["abbreviation"] for e in entries}


# The two corpora for the hope check sit beside this file; their shape is checked here too, so the checker's own
# tests can rely on it: comments start with #, and each stigmatising line is "sentence<TAB>term".
CORPORA = Path(__file__).resolve().parent


def _sentences(name: str) -> list[str]:
    text = (CORPORA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_the_clinical_corpus_has_150_plain_sentences() -> None:
    sentences = _sentences("corpus_clinical.txt")
    assert len(sentences) >= 150
    assert [s for s in sentences if "\t" in s] == []
    assert len(set(sentences)) == len(sentences)


def test_each_stigmatising_sentence_names_its_term_once() -> None:
    lines = _sentences("corpus_stigmatising.txt")
    assert len(lines) >= 150
    for line in lines:
        sentence, term = line.split("\t")
        assert term.strip() == term and term, line
        assert sentence.count(term) == 1, line
    assert len({line.split("\t")[0] for line in lines}) == len(lines)
