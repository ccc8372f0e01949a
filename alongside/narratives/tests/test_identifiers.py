"""The check for words that may say who someone is, as properties: it finds each kind wherever it is put in
ordinary words, and says nothing about ordinary words alone."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.narratives.codes import hashed, looks_right, new_code, normalised
from alongside.narratives.consent import ORDER, may_share_in, reaches, ready_to_share
from alongside.narratives.identifiers import possible_identifiers

PLAIN = st.lists(
    st.sampled_from(["we", "walked", "by", "the", "river", "and", "talked", "it", "helped", "a", "lot"]),
    min_size=1,
    max_size=12,
).map(" ".join)
NAMES = st.sampled_from(["Priya", "Tom", "Biscuit", "Okafor", "Jamie"])


def kinds(text):
    return [f.kind for f in possible_identifiers(text)]


@given(PLAIN)
def test_ordinary_words_raise_nothing(text):
    assert possible_identifiers(text) == []
    assert possible_identifiers(text.capitalize() + ". " + text.capitalize() + ".") == []


@given(PLAIN, PLAIN, NAMES)
def test_a_name_inside_a_sentence_is_found(before, after, name):
    found = possible_identifiers(f"{before} {name} {after}")
    assert [(f.kind, f.text) for f in found] == [("name", name)]


@given(PLAIN, PLAIN, st.integers(0, 10**10 - 1))
def test_an_nhs_number_is_found_however_spaced(before, after, number):
    digits = f"{number:010d}"
    for shown in (digits, f"{digits[:3]} {digits[3:6]} {digits[6:]}"):
        assert kinds(f"{before} {shown} {after}") == ["nhs_number"]


@given(PLAIN, PLAIN, st.integers(0, 10**9 - 1))
def test_a_phone_number_is_found(before, after, number):
    assert kinds(f"{before} 07{number:09d} {after}") == ["phone"]


@given(PLAIN, PLAIN, st.sampled_from(["NV1 4AB", "ab12 3cd", "W1A 1AA", "SW1A1AA"]))
def test_a_postcode_is_found(before, after, postcode):
    assert "postcode" in kinds(f"{before} {postcode} {after}")


@given(PLAIN, PLAIN, st.integers(1, 28), st.integers(1, 12))
def test_a_date_is_found(before, after, day, month):
    assert kinds(f"{before} {day}/{month}/2025 {after}") == ["date"]
    assert kinds(f"{before} {day} March {after}") == ["date"]


def test_common_capitalised_words_and_sentence_starts_are_not_names():
    assert possible_identifiers("I saw my GP on Monday. The NHS helped. Then Mum came.") == []


@given(st.text(max_size=300))
def test_any_text_is_checked_without_error_and_each_find_is_in_it(text):
    for found in possible_identifiers(text):
        assert text[found.start : found.start + len(found.text)] == found.text


@given(st.sampled_from(ORDER), st.sampled_from(ORDER))
def test_a_level_reaches_only_as_far_as_agreed(level, wanted):
    assert reaches(level, wanted) == (ORDER.index(level) >= ORDER.index(wanted))
    assert reaches(level, "team")


@given(st.sampled_from(ORDER), st.booleans())
def test_sessions_share_within_consent(level, same_team):
    assert may_share_in(level, "team", same_team) == same_team
    assert may_share_in(level, "partnership", same_team) == (level != "team")


@given(st.text(max_size=50), st.integers(0, 3), st.booleans())
def test_only_a_de_identified_themed_story_not_withdrawn_is_ready(words, themes, withdrawn):
    assert ready_to_share(words, themes, withdrawn) == (bool(words.strip()) and themes > 0 and not withdrawn)


@given(st.booleans(), st.booleans())
def test_a_code_is_recognised_however_it_is_typed(lower, spaced):
    code = new_code()
    typed = code.lower() if lower else code
    typed = typed.replace("-", " ") if spaced else typed
    assert looks_right(typed) and hashed(typed) == hashed(code)
    assert len(hashed(code)) == 64 and normalised(code) not in hashed(code)


EMAILS = st.sampled_from(["sj@example.org", "tom.w+care@mail.example.co.uk"])


@given(PLAIN, PLAIN, EMAILS)
def test_an_email_address_is_found_and_blocks(before, after, email):
    found = possible_identifiers(f"{before} {email} {after}")
    assert [(f.kind, f.text, f.blocks) for f in found] == [("email", email, True)]


@given(PLAIN, NAMES)
def test_only_names_and_dates_may_be_ticked_through(before, name):
    found = possible_identifiers(f"{before} {name} on 3 March, 07700 900123, SW1A 1AA, 943 476 5919.")
    assert {f.kind for f in found if not f.blocks} == {"name", "date"}
    assert {f.kind for f in found if f.blocks} == {"phone", "postcode", "nhs_number"}
