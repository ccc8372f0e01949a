"""The words-that-carry-hope checker: the shipped list finds stigmatising terms with the right span, leaves clinical
senses alone, and keeps its promises for any text (hypothesis); administrators' changes fold into the list.

The two corpora (tests/corpus_clinical.txt and corpus_stigmatising.txt, one sentence a line, "#" for comments,
a stigmatising line being "sentence<TAB>term") are written by the project; the sentences below are this file's
own, for the senses the list takes care over.
"""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.language import checking
from alongside.language.checking import Change, Rule, rules_from, suggestions, with_changes

HERE = Path(__file__).parent
CLINICAL_CORPUS = HERE / "corpus_clinical.txt"
STIGMATISING_CORPUS = HERE / "corpus_stigmatising.txt"

CLINICAL = [
    "Known heart failure, on furosemide; renal failure stable.",
    "Alcoholic liver disease with ascites; non-alcoholic fatty liver disease in her sister.",
    "Denies chest pain. No shortness of breath.",
    "The referral was refused by the housing team as she is not eligible.",
    "Wound is clean and dry; dressing changed.",
    "Clean catch urine sample sent; midstream clean urine requested.",
    "Life-threatening bleed treated in theatre; sight-threatening retinopathy referred.",
    "A challenging week for the family after the move; difficult family circumstances noted.",
    "Diabetic foot review booked; diabetic retinopathy screening due.",
    "Epileptic seizures reduced since the new medication.",
    "Referred to the challenging behaviour team for a positive behaviour support plan.",
    "The meeting kicked off at ten with the GP and the district nurse.",
    "He lives with schizophrenia and manages his medication well.",
    "She has type 2 diabetes and uses a wheelchair.",
    "Senile purpura on both forearms; otherwise skin intact.",
    "Lazy eye since childhood, patched as a child.",
    "Spinal manipulative therapy was discussed with the physiotherapist.",
    "She was the victim of a burglary last month and feels unsafe.",
    "He chose not to take the tablets because of the side effects.",
    "Oppositional defiant disorder was diagnosed in childhood.",
    "Stubborn infection of the left leg, second course of antibiotics.",
    "The application was refused and an appeal is planned.",
    "Extra refuse collection arranged by the council.",
    "She has capacity, and the right to refuse treatment was explained.",
    "ECG shows a wandering atrial pacemaker.",
    "A feeder vessel was seen on the scan.",
    "Kidney function low but stable; high functioning stoma nurse team involved.",
    "Dressing kept clean since Monday.",
    "He was mad about football as a boy and still follows the club.",
]

# (sentence, the term the checker should flag)
STIGMATISING = [
    ("Patient is non-compliant with his medication.", "non-compliant"),
    ("She refused her insulin again this morning.", "refused"),
    ("Known frequent flyer to A&E.", "frequent flyer"),
    ("He suffers from depression.", "suffers from"),
    ("Long-standing heroin addict.", "addict"),
    ("Known alcoholic, lives alone.", "alcoholic"),
    ("Drug-seeking behaviour noted on the ward.", "Drug-seeking"),
    ("She can be manipulative with staff.", "manipulative"),
    ("Attention-seeking overdose of paracetamol.", "Attention-seeking"),
    ("Mrs Green is a difficult patient.", "difficult patient"),
    ("The family are very demanding.", "very demanding"),
    ("Lacks insight into her illness.", "Lacks insight"),
    ("Poor historian, unable to give timeline.", "Poor historian"),
    ("Unmotivated to attend the gym sessions.", "Unmotivated"),
    ("Failed to engage with the community team.", "Failed to engage"),
    ("Bed blocker on ward 7 waiting for a care home.", "Bed blocker"),
    ("Wheelchair-bound since the accident.", "Wheelchair-bound"),
    ("He is a victim of multiple sclerosis.", "victim of"),
    ("Mr Hall is a diabetic and lives alone.", "a diabetic"),
    ("An epileptic found on the floor.", "An epileptic"),
    ("He committed suicide in 2019.", "committed suicide"),
    ("Elderly lady living alone.", "Elderly"),
    ("Mentally handicapped since birth.", "Mentally handicapped"),
    ("The neighbour called him a nutter.", "nutter"),
    ("In denial about her drinking.", "In denial"),
    ("Urine came back dirty for opiates.", None),
    ("Two clean urines this month.", "clean urines"),
    ("Known IV drug user.", "IV drug user"),
    ("Self-inflicted wounds to the forearm.", "Self-inflicted"),
    ("He is a time waster.", "time waster"),
    ("Kicked off in the waiting room.", "Kicked off"),
    ("Very threatening man, do not visit alone.", "Very threatening"),
]


def flagged(text: str) -> list[str]:
    return [s.term for s in suggestions(text)]


# ----------------------------------------------------------------------------------------------- the shipped list


def test_the_shipped_list_is_well_formed():
    data = json.loads(checking.SHIPPED.read_text())
    ids = [entry["id"] for entry in data["entries"]]
    assert 40 <= len(ids) <= 60 and len(ids) == len(set(ids))
    for entry in data["entries"]:
        assert entry["match"] and entry["suggestion"] and entry["why"] and entry["source"], entry["id"]
        assert "http" not in entry["source"], "sources are cited by name"
        assert len(entry["why"]) <= 140, entry["id"]


@pytest.mark.parametrize("sentence", CLINICAL)
def test_clinical_senses_are_not_flagged(sentence):
    assert flagged(sentence) == []


@pytest.mark.parametrize(("sentence", "term"), [s for s in STIGMATISING if s[1]])
def test_stigmatising_terms_are_flagged_with_their_span(sentence, term):
    found = suggestions(sentence)
    assert [s.term for s in found] == [term]
    assert sentence[found[0].start : found[0].end] == term
    assert found[0].suggestion and found[0].why


def test_a_term_is_found_whatever_its_case_and_its_spaces_or_hyphens():
    assert flagged("NON COMPLIANT, non‑compliant and Non - compliant") == [
        "NON COMPLIANT",
        "non‑compliant",
        "Non - compliant",
    ]
    assert flagged("frequent   flyer") == ["frequent   flyer"]
    assert flagged("He didn’t engage") == ["didn’t engage"]


def test_the_longest_term_wins_where_two_share_words():
    assert flagged("He refused to engage.") == ["refused to engage"]
    assert suggestions("He refused to engage.")[0].suggestion == checking.shipped().rule("not-engaging").suggestion


def test_a_term_is_not_made_of_two_lines():
    assert flagged("she is difficult\npatient seen at home") == []


def _corpus(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def caught(sentence: str, term: str) -> bool:
    """Is the term flagged where it stands, with a span that is the term, or holds it, or lies within it ("Very
    threatening" for "threatening")?"""
    at = sentence.casefold().find(term.casefold())
    if at < 0:
        return False
    end = at + len(term)
    return any((s.start <= at and end <= s.end) or (at <= s.start and s.end <= end) for s in suggestions(sentence))


@pytest.mark.skipif(not CLINICAL_CORPUS.exists(), reason="the clinical corpus is not here yet")
def test_the_clinical_corpus_gets_no_flags():
    wrongly = {line: flagged(line) for line in _corpus(CLINICAL_CORPUS) if flagged(line)}
    assert not wrongly, wrongly


@pytest.mark.skipif(not STIGMATISING_CORPUS.exists(), reason="the stigmatising corpus is not here yet")
def test_the_stigmatising_corpus_is_caught_at_least_nine_times_in_ten():
    lines = [line.split("\t") for line in _corpus(STIGMATISING_CORPUS)]
    missed = [(sentence, term) for sentence, term in lines if not caught(sentence, term.strip())]
    assert len(missed) <= len(lines) // 10, f"{len(missed)} of {len(lines)} missed: {missed}"


# ----------------------------------------------------------------------------------------------- for any text


@given(st.text())
def test_checking_never_raises_and_spans_point_at_their_term(text):
    found = suggestions(text)
    for s in found:
        assert text[s.start : s.end] == s.term and s.start < s.end


words = st.sampled_from(
    "the a patient he she refused non-compliant frequent flyer suffers from addict alcoholic liver heart failure "
    "difficult family circumstances victim of crime epileptic seizure clean urine was is not life-threatening "
    "- , . \n".split(" ")
)


@given(st.lists(words, max_size=40).map(" ".join))
def test_results_are_in_order_and_never_overlap(text):
    found = suggestions(text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@given(st.lists(words, max_size=30).map(" ".join), st.sampled_from(CLINICAL), st.booleans())
def test_adding_clinical_text_never_adds_flags(text, clinical, before):
    joined = f"{clinical}\n{text}" if before else f"{text}\n{clinical}"
    offset = len(clinical) + 1 if before else 0
    alone = {(s.start + offset, s.term) for s in suggestions(text)}
    assert {(s.start, s.term) for s in suggestions(joined)} <= alone


# ----------------------------------------------------------------------------------------------- changes


RULES = (
    Rule("addict", ("addict", "addicts"), "person who uses drugs", "A person is more than their drug use."),
    Rule("suffers", ("suffers from",), "lives with", "Many live well."),
)


def test_a_rule_set_of_ones_own_can_be_given():
    rules = rules_from(RULES)
    assert [s.term for s in suggestions("An addict who suffers from asthma; non-compliant.", rules)] == [
        "addict",
        "suffers from",
    ]


def test_a_reword_changes_the_suggestion_and_keeps_the_words():
    changed = with_changes(RULES, [Change("addict", "reword", suggestion="person with a drug problem", why="Kinder.")])
    found = suggestions("addicts", rules_from(changed))
    assert (found[0].suggestion, found[0].why) == ("person with a drug problem", "Kinder.")


def test_a_term_switched_off_is_not_flagged_and_switched_on_again_is():
    off = with_changes(RULES, [Change("addict", "switch_off")])
    assert [s.term for s in suggestions("addict suffers from", rules_from(off))] == ["suffers from"]
    again = with_changes(RULES, [Change("addict", "switch_off"), Change("addict", "switch_on")])
    assert [s.term for s in suggestions("addict", rules_from(again))] == ["addict"]


def test_an_added_term_is_flagged_and_marked_as_added():
    added = with_changes(RULES, [Change("gone-awol", "add", ("gone AWOL",), "left without telling us", "Plainer.")])
    rules = rules_from(added)
    assert [s.term for s in suggestions("He has gone awol again", rules)] == ["gone awol"]
    assert rules.rule("gone-awol").shipped is False and rules.rule("addict").shipped is True


def test_a_change_to_a_term_no_longer_shipped_is_ignored():
    assert with_changes(RULES, [Change("gone", "reword", suggestion="x")]) == RULES
