"""Properties of reading a search query (`search_terms`, which needs no database): any text can be read, and an
NHS number, a date of birth or a postcode is found wherever it stands among the names."""

from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st

from alongside.people.search_terms import MAX_QUERY, parse, tidy

TODAY = date(2026, 3, 16)

name_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=12)
names = st.lists(name_words, min_size=0, max_size=4)
birth_dates = st.dates(min_value=date(1880, 1, 1), max_value=TODAY)


@st.composite
def nhs_numbers(draw) -> str:
    """A valid NHS number in England's range: nine digits and their modulus-11 check digit."""
    digits = [draw(st.integers(4, 9)), *draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))]
    check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    assume(check != 10)
    return "".join(map(str, digits)) + str(check % 11)


@st.composite
def postcodes(draw) -> str:
    """A whole postcode as people type it: 'NV1 2AB', 'nv12ab', 'SW1A 1AA'."""
    letters = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    area = "".join(draw(st.lists(letters, min_size=1, max_size=2)))
    district = str(draw(st.integers(1, 9))) + draw(st.sampled_from(["", *"0123456789", *"ABCDEFGHJK"]))
    inward = str(draw(st.integers(0, 9))) + draw(letters) + draw(letters)
    typed = f"{area}{district}{draw(st.sampled_from([' ', '']))}{inward}"
    return draw(st.sampled_from([typed, typed.lower()]))


def placed(words: list[str], part: str, at: int) -> str:
    at = min(at, len(words))
    return " ".join([*words[:at], part, *words[at:]])


@given(st.text(max_size=300))
def test_any_text_can_be_read(query):
    terms = parse(query, TODAY)
    assert all(len(n) >= 2 and n == n.lower() for n in terms.names)
    assert all(len(i) == 1 for i in terms.initials)
    assert terms.nhs_number is None or (len(terms.nhs_number) == 10 and terms.nhs_number.isascii())
    assert all(date(1880, 1, 1) <= d <= TODAY for d in terms.birth_dates)
    assert all(y <= TODAY.year for y in terms.birth_years)


@given(st.text(max_size=500))
def test_tidying_is_what_is_read(query):
    assert len(tidy(query)) <= MAX_QUERY
    assert tidy(tidy(query)) == tidy(query)
    assert parse(tidy(query), TODAY) == parse(query, TODAY)


@given(names)
def test_names_alone_are_read_as_typed_in_lower_case(words):
    terms = parse(" ".join(words), TODAY)
    assert terms.names == [w.lower() for w in words]
    assert not terms.problems and not terms.postcodes and not terms.birth_dates and terms.nhs_number is None


@given(names, nhs_numbers(), st.integers(0, 4), st.sampled_from(["{}{}{}", "{} {} {}", "{}-{}-{}"]))
def test_an_nhs_number_is_found_in_any_position(words, number, at, spacing):
    typed = spacing.format(number[:3], number[3:6], number[6:])
    terms = parse(placed(words, typed, at), TODAY)
    assert terms.nhs_number == number
    assert terms.names == [w.lower() for w in words]
    assert not terms.problems


@given(names, birth_dates, st.integers(0, 4), st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d %B %Y"]))
def test_a_date_of_birth_is_found_in_any_position_in_each_way_of_writing_it(words, born, at, style):
    terms = parse(placed(words, born.strftime(style), at), TODAY)
    assert terms.birth_dates == [born]
    assert terms.names == [w.lower() for w in words]
    assert not terms.problems


@given(names, postcodes(), st.integers(0, 4))
def test_a_whole_postcode_is_found_in_any_position(words, postcode, at):
    terms = parse(placed(words, postcode, at), TODAY)
    assert terms.postcodes == [(postcode.replace(" ", "").upper(), None)]
    assert terms.names == [w.lower() for w in words]
    assert not terms.problems


@given(names, nhs_numbers(), birth_dates, postcodes(), st.permutations(range(3)))
def test_every_part_is_found_whatever_the_order(words, number, born, postcode, order):
    parts = [number, born.strftime("%d/%m/%Y"), postcode]
    terms = parse(" ".join([*words, *(parts[i] for i in order)]), TODAY)
    assert terms.nhs_number == number
    assert terms.birth_dates == [born]
    assert terms.postcodes == [(postcode.replace(" ", "").upper(), None)]
    assert terms.names == [w.lower() for w in words]


SCRIPTS = {"Arabic-Indic": 0x0660, "Persian": 0x06F0, "Devanagari": 0x0966, "Bengali": 0x09E6, "full-width": 0xFF10}


@given(names, nhs_numbers(), st.integers(0, 4), st.sampled_from(sorted(SCRIPTS)))
def test_an_nhs_number_typed_on_another_keyboard_is_found_as_0_to_9(words, number, at, script):
    typed = "".join(chr(SCRIPTS[script] + int(d)) for d in number)
    terms = parse(placed(words, typed, at), TODAY)
    assert terms.nhs_number == number
    assert terms.names == [w.lower() for w in words]
