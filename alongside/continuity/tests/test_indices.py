"""The continuity indices: published worked examples, hand-worked examples, properties, and bulk = reference.

Published figures checked here come from Sidaway-Lee K, Pereira Gray D, Harding A, Evans P. "Comparing
continuity measures" BJGP 2023;73(731):279-82, Table 2 (doi:10.3399/bjgp23X733161), read in the stored copy at
https://pmc.ncbi.nlm.nih.gov/articles/PMC10229170/table/table2. No published table of worked values could be
reached for the MMCI (Magill and Senf 1987), SECON (Steinwachs 1979), HHI, Breslau UPC or KPC, so those are
checked against examples worked by hand below, with the arithmetic written out.
"""

import csv
import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.continuity import bulk
from alongside.continuity.indices import (
    Contact,
    breslau_upc,
    coc,
    hhi,
    indices_by_person,
    kpc,
    mmci,
    own_patient_ratio,
    parse_when,
    secon,
    slicc,
    upc,
)

# --- BJGP 2023;73:279, Table 2: a 'practice' where only Drs A and B hold lists ---------------------------------
# Each letter is an appointment with that doctor. Patients 1-10 are on Dr A's list, 11-20 on Dr B's.
# (patient, appointments, published UPC, published Bice-Boxerman COC); None where the paper says "cannot calculate".
TABLE_2 = [
    (1, "A", None, None),
    (2, "AA", 1, 1),
    (3, "AB", 0.5, 0),
    (4, "AAB", 0.67, 0.33),
    (5, "ABC", 0.33, 0),
    (6, "AABB", 0.5, 0.33),
    (7, "AABC", 0.5, 0.17),
    (8, "AAABBB", 0.5, 0.4),
    (9, "AAAABBBB", 0.5, 0.43),
    (10, "AAAABCDE", 0.5, 0.21),
    (11, "B", None, None),
    (12, "BB", 1, 1),
    (13, "AC", 0.5, 0),
    (14, "ABB", 0.66, 0.33),  # 2/3: the table truncates to 0.66 here, but rounds to 0.67 for patient 4
    (15, "ACC", 0.66, 0.33),
    (16, "AABC", 0.5, 0.17),
    (17, "ABBC", 0.5, 0.17),
    (18, "AABBBC", 0.5, 0.27),
    (19, "AAABBBBC", 0.5, 0.32),
    (20, "AABBCCCC", 0.5, 0.29),
]
NAMED_WORKER = {patient: ("A" if patient <= 10 else "B") for patient, *_ in TABLE_2}
TABLE_2_CONTACTS = [(patient, doctor) for patient, seen, *_ in TABLE_2 for doctor in seen]


@pytest.mark.parametrize(("patient", "seen", "published_upc", "published_coc"), TABLE_2)
def test_upc_and_coc_match_bjgp_2023_table_2(patient, seen, published_upc, published_coc):
    if published_upc is None:
        assert upc(list(seen)) is None and coc(list(seen)) is None
    else:
        assert upc(list(seen)) == pytest.approx(published_upc, abs=0.007)  # two decimals, rounded or truncated
        assert coc(list(seen)) == pytest.approx(published_coc, abs=0.005)


def test_means_over_lists_match_bjgp_2023_table_2():
    def mean(index, patients):
        values = [index(list(seen)) for patient, seen, *_ in TABLE_2 if patient in patients]
        values = [v for v in values if v is not None]
        return round(sum(values) / len(values), 2)

    list_a, list_b = range(1, 11), range(11, 21)
    assert (mean(upc, list_a), mean(coc, list_a)) == (0.56, 0.32)
    assert (mean(upc, list_b), mean(coc, list_b)) == (0.59, 0.32)
    assert (mean(upc, range(1, 21)), mean(coc, range(1, 21))) == (0.57, 0.32)


def test_slicc_matches_bjgp_2023_table_2():
    # "Dr A's patients have 22 appointments with Dr A and 41 appointments with any GP. The SLICC is 22/41 = 53.7%"
    assert slicc(TABLE_2_CONTACTS, NAMED_WORKER, "A") == 22 / 41
    assert round(100 * slicc(TABLE_2_CONTACTS, NAMED_WORKER, "A"), 1) == 53.7
    # "For GP B's list the SLICC is: 17 appointments with Dr B/41 appointments with any GP = 41.5%"
    assert slicc(TABLE_2_CONTACTS, NAMED_WORKER, "B") == 17 / 41
    assert round(100 * slicc(TABLE_2_CONTACTS, NAMED_WORKER, "B"), 1) == 41.5
    # Whole practice: 47.6% = (22 + 17) / (41 + 41)
    assert round(100 * slicc(TABLE_2_CONTACTS, NAMED_WORKER, {"A", "B"}), 1) == 47.6


def test_own_patient_ratio_matches_bjgp_2023_table_2():
    # "For GP Dr A, the OPR is: 22 appointments with their own patients/35 appointments provided by Dr A ...".
    # The table prints 63.9% for this, but 22/35 is 62.9%: the fraction is right and the percentage a slip.
    assert own_patient_ratio(TABLE_2_CONTACTS, NAMED_WORKER, "A") == 22 / 35
    assert round(100 * 22 / 35, 1) == 62.9
    # "For GP Dr B, the OPR is: 17 appointments with their own patients / 31 appointments ... = 54.8%"
    assert own_patient_ratio(TABLE_2_CONTACTS, NAMED_WORKER, "B") == 17 / 31
    assert round(100 * own_patient_ratio(TABLE_2_CONTACTS, NAMED_WORKER, "B"), 1) == 54.8
    # Whole practice, only list-holders' appointments in the denominator: (22 + 17) / (35 + 31) = 59.1%
    assert round(100 * own_patient_ratio(TABLE_2_CONTACTS, NAMED_WORKER, ["A", "B"]), 1) == 59.1


def test_list_level_indices_are_undefined_without_contacts():
    assert slicc(TABLE_2_CONTACTS, NAMED_WORKER, "C") is None  # Dr C holds no list
    assert own_patient_ratio(TABLE_2_CONTACTS, NAMED_WORKER, "Z") is None  # Dr Z saw nobody
    assert own_patient_ratio(TABLE_2_CONTACTS, NAMED_WORKER, "C") == 0  # Dr C saw people, none on a list of theirs


# --- hand-worked examples ---------------------------------------------------------------------------------------


def test_mmci_hand_worked():
    # MMCI = (1 - s/(n + 0.1)) / (1 - 1/(n + 0.1)) = (n - s + 0.1) / (n - 0.9)
    # A A B B: n = 4, s = 2 -> (4 - 2 + 0.1) / (4 - 0.9) = 2.1 / 3.1 = 0.677419...
    assert mmci(list("AABB")) == pytest.approx(2.1 / 3.1, abs=1e-15)
    assert round(mmci(list("AABB")), 4) == 0.6774
    # A B: n = 2, s = 2 -> 0.1 / 1.1 = 0.0909...: every contact with someone new, yet not quite 0
    assert mmci(list("AB")) == pytest.approx(0.1 / 1.1, abs=1e-15)
    # 10 contacts, 3 practitioners (7 A, 2 B, 1 C) -> 7.1 / 9.1 = 0.780219...
    assert mmci(list("AAAAAAABBC")) == pytest.approx(7.1 / 9.1, abs=1e-15)
    # The MMCI counts practitioners, not shares: 9 A + 1 B scores the same as 5 A + 5 B.
    assert mmci(list("AAAAAAAAAB")) == mmci(list("AAAAABBBBB")) == pytest.approx(8.1 / 9.1, abs=1e-15)
    # One practitioner: exactly 1.
    assert mmci(list("AAA")) == 1.0


def test_secon_hand_worked():
    # Consecutive pairs of A A B A: (A,A) same, (A,B) different, (B,A) different -> 1/3
    assert secon(list("AABA")) == 1 / 3
    # A A B B: (A,A), (A,B), (B,B) -> 2/3; the same counts in another order, A B A B -> 0/3
    assert secon(list("AABB")) == 2 / 3
    assert secon(list("ABAB")) == 0
    assert secon(list("AAAA")) == 1


def test_hhi_hand_worked_and_related_to_coc():
    # A A A B: shares 3/4 and 1/4 -> (3/4)^2 + (1/4)^2 = 9/16 + 1/16 = 10/16 = 0.625
    assert hhi(list("AAAB")) == 0.625
    # COC = (sum n_j^2 - n) / (n(n-1)) = (9 + 1 - 4) / 12 = 0.5 = (4 * 0.625 - 1) / 3
    assert coc(list("AAAB")) == 0.5


def test_breslau_upc_hand_worked():
    # Named worker A throughout; contacts A B A C -> 2 of 4 with A = 0.5 (the UPC, most seen, is also 0.5)
    assert breslau_upc(list("ABAC"), ["A"] * 4) == 0.5
    # Named worker D throughout: never seen -> 0 (where the UPC would still say 0.5)
    assert breslau_upc(list("ABAC"), ["D"] * 4) == 0
    # The named worker changes from A to B after the second contact: A B | B B -> (1 + 2) / 4 = 0.75
    assert breslau_upc(list("ABBB"), ["A", "A", "B", "B"]) == 0.75
    # No usual practitioner on the second contact: it is left out -> 2 of 3 = 0.666...
    assert breslau_upc(list("ABAA"), ["A", None, "A", "B"]) == 2 / 3
    # None recorded at all: undefined
    assert breslau_upc(list("AB"), [None, None]) is None


def test_kpc_hand_worked():
    d = date.fromisoformat
    # A on 1 Jan 2023, B on 1 Feb 2023 (first time B), A on 1 Jan 2024 (A seen 365 days before: known),
    # A on 2 Jan 2025 (A last seen 367 days before, 2024 being a leap year: not known) -> 1 of 3
    assert kpc(list("ABAA"), [d("2023-01-01"), d("2023-02-01"), d("2024-01-01"), d("2025-01-02")]) == 1 / 3
    # Same day, same practitioner: 0 days before, so known -> 1 of 1
    assert kpc(list("AA"), [d("2024-05-01"), d("2024-05-01")]) == 1
    # Each contact with someone new -> 0
    assert kpc(list("ABC"), [d("2024-05-01"), d("2024-05-02"), d("2024-05-03")]) == 0
    # A, B, A, B within a year: the third and fourth contacts are with someone seen before -> 2 of 3
    assert kpc(list("ABAB"), [d("2024-01-01"), d("2024-02-01"), d("2024-03-01"), d("2024-04-01")]) == 2 / 3


def test_every_index_is_undefined_for_fewer_than_two_contacts():
    for index in (upc, coc, hhi, mmci, secon):
        assert index([]) is None
        assert index(["A"]) is None
    assert kpc(["A"], [date(2024, 1, 1)]) is None
    assert breslau_upc(["A"], ["A"]) is None


def test_parse_when_accepts_iso_dates_and_date_times():
    assert parse_when("2024-03-05") == datetime(2024, 3, 5)
    assert parse_when("2024-03-05T09:30") == datetime(2024, 3, 5, 9, 30)
    assert parse_when("2024-03-05 09:30:15") == datetime(2024, 3, 5, 9, 30, 15)
    assert parse_when("2024-03-05T09:30:15.5") == datetime(2024, 3, 5, 9, 30, 15, 500000)
    assert parse_when("2024-02-29T23:59:59.123456") == datetime(2024, 2, 29, 23, 59, 59, 123456)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "not a real date"),
        ("2023-02-29", "not a real date"),
        ("0000-01-01", "not a real date"),
        ("2024-3-05", "is not a date"),
        ("05/03/2024", "is not a date"),
        ("2024-03-05T24:00", "is not a date"),
        ("2024-03-05T10:00:60", "is not a date"),
        ("2024-03-05T10:00:00Z", "is not a date"),
        ("2024-03-05T10:00:00+01:00", "is not a date"),
        ("2024-03-05T10:00:00.1234567", "is not a date"),
        (" 2024-03-05", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_parse_when_refuses_other_forms(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_when(text)


def test_indices_by_person_orders_contacts_by_time_then_contact_id_then_input_order():
    def contact(practitioner, when, contact_id=None):
        return Contact("p", practitioner, parse_when(when), contact_id)

    # By time: the B at 09:00 comes between the two As, whatever the file order
    rows = [contact("A", "2024-01-01T08:00"), contact("A", "2024-01-01T10:00"), contact("B", "2024-01-01T09:00")]
    assert indices_by_person(rows)[0].secon == 0
    # A date alone is the start of its day, so it comes before a time on that day
    rows = [contact("A", "2024-01-01T08:00"), contact("B", "2024-01-01"), contact("A", "2024-01-01T09:00")]
    assert indices_by_person(rows)[0].secon == 0.5
    # At the same time, by contact id: numerically when every id is a whole number (9 before 10) ...
    rows = [contact("A", "2024-01-01", "10"), contact("B", "2024-01-01", "9"), contact("A", "2024-01-02", "1")]
    assert indices_by_person(rows)[0].secon == 0.5  # B(9) A(10) A(1, next day)
    # ... and as text otherwise ("C10" before "C9")
    rows = [contact("A", "2024-01-01", "C10"), contact("B", "2024-01-01", "C9"), contact("A", "2024-01-02", "C1")]
    assert indices_by_person(rows)[0].secon == 0  # A(C10) B(C9) A(C1)
    # Without ids, the file order
    rows = [contact("B", "2024-01-01"), contact("A", "2024-01-01"), contact("A", "2024-01-02")]
    assert indices_by_person(rows)[0].secon == 0.5


# --- properties ---------------------------------------------------------------------------------------------------

practitioner_lists = st.lists(st.sampled_from("ABCDEFG"), min_size=2, max_size=40)


@given(practitioner_lists, st.data())
def test_every_index_is_between_0_and_1(practitioners, data):
    n = len(practitioners)
    days = sorted(data.draw(st.lists(st.dates(), min_size=n, max_size=n)))
    usual = data.draw(st.lists(st.sampled_from("AB") | st.none(), min_size=n, max_size=n))
    values = [upc, coc, hhi, mmci, secon]
    for index in values:
        assert 0 <= index(practitioners) <= 1
    assert 0 <= kpc(practitioners, days) <= 1
    value = breslau_upc(practitioners, usual)
    assert value is None or 0 <= value <= 1
    assert 1 / len(set(practitioners)) <= upc(practitioners)


@given(practitioner_lists, st.permutations("ABCDEFG"))
def test_renaming_practitioners_changes_nothing(practitioners, renamed):
    rename = dict(zip("ABCDEFG", renamed, strict=True))
    other = [rename[p] for p in practitioners]
    for index in (upc, coc, hhi, mmci, secon):
        assert index(other) == index(practitioners)
    days = [date(2024, 1, 1) + timedelta(days=30 * i) for i in range(len(practitioners))]
    assert kpc(other, days) == kpc(practitioners, days)
    assert breslau_upc(other, [rename["A"]] * len(other)) == breslau_upc(practitioners, ["A"] * len(practitioners))


@given(practitioner_lists)
def test_coc_is_a_rescaled_hhi(practitioners):
    n = len(practitioners)
    assert coc(practitioners) == pytest.approx((n * hhi(practitioners) - 1) / (n - 1), abs=1e-12)


@given(practitioner_lists, st.randoms(use_true_random=False))
def test_order_changes_secon_but_never_the_counting_indices(practitioners, random):
    shuffled = list(practitioners)
    random.shuffle(shuffled)
    for index in (upc, coc, hhi, mmci):
        assert index(shuffled) == index(practitioners)


def test_some_reordering_changes_secon():
    # The property above holds for every permutation; SECON is the index that sees order.
    practitioners = list("AABB")
    assert {secon(list(p)) for p in itertools.permutations(practitioners)} == {0, 1 / 3, 2 / 3}
    assert len({upc(list(p)) for p in itertools.permutations(practitioners)}) == 1


# --- bulk.py gives exactly the reference's numbers -----------------------------------------------------------------

ids = st.text(alphabet='ab,"é 1', min_size=1, max_size=4)
when_texts = st.one_of(
    st.dates(min_value=date(2022, 1, 1), max_value=date(2024, 12, 31)).map(date.isoformat),
    st.datetimes(min_value=datetime(2022, 1, 1), max_value=datetime(2024, 12, 31)).map(
        lambda d: d.isoformat(sep=" " if d.second % 2 else "T", timespec="minutes" if d.minute % 3 else "auto")
    ),
    st.sampled_from(["2023-06-01", "2023-06-01T00:00", "2023-06-01T09:00", "0001-01-01", "9999-12-31T23:59:59.9"]),
)


@st.composite
def contact_files(draw):
    n = draw(st.integers(1, 40))
    people = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    practitioners = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    id_kind = draw(st.sampled_from(["none", "numeric", "text"]))
    with_usual = draw(st.booleans())
    rows = []
    numbers = draw(st.lists(st.integers(-(10**6), 10**6), min_size=n, max_size=n, unique=True))
    for i in range(n):
        row = {
            "person_id": draw(st.sampled_from(people)),
            "practitioner_id": draw(st.sampled_from(practitioners)),
            "date": draw(when_texts),
        }
        if id_kind == "numeric":
            row["contact_id"] = str(numbers[i])
        elif id_kind == "text":
            row["contact_id"] = f"c{numbers[i]}"
        if with_usual:
            row["usual_practitioner_id"] = draw(st.sampled_from(["", *practitioners]))
        rows.append(row)
    return rows


def write_rows(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def reference(rows):
    contacts = [
        Contact(
            row["person_id"],
            row["practitioner_id"],
            parse_when(row["date"]),
            row.get("contact_id"),
            row.get("usual_practitioner_id") or None,
        )
        for row in rows
    ]
    return [list(vars(r).values()) for r in indices_by_person(contacts)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=contact_files())
def test_bulk_gives_exactly_the_reference_numbers(tmp_path, rows):
    path = tmp_path / "contacts.csv"
    write_rows(path, rows)
    assert bulk.indices(path).rows() == [tuple(r) for r in reference(rows)]


def test_bulk_handles_people_whose_hashes_collide(tmp_path, monkeypatch):
    rows = [
        {"person_id": f"p{i % 7}", "practitioner_id": "AB"[i % 3 == 0], "date": f"2024-01-{1 + i % 28:02d}"}
        for i in range(60)
    ]
    write_rows(tmp_path / "c.csv", rows)
    expected = [tuple(r) for r in reference(rows)]
    # Every person the same hash: the grouping check notices and the exact way is used.
    monkeypatch.setattr(bulk, "_person_hash", lambda ids: bulk.np.zeros(len(ids), dtype=bulk.np.uint64))
    assert bulk.indices(tmp_path / "c.csv").rows() == expected
    # Different hashes that share their top bits: the clash is put right by the second sort.
    monkeypatch.setattr(
        bulk, "_person_hash", lambda ids: ids.str.slice(1).cast(bulk.pl.UInt64).to_numpy() * bulk.np.uint64(3)
    )
    assert bulk.indices(tmp_path / "c.csv").rows() == expected


@pytest.mark.parametrize("fraction", [False, True])
def test_bulk_orders_times_over_a_wide_span(tmp_path, fraction):
    # Microseconds over eight thousand years do not fit beside the row number: the rank of each time is used.
    suffix = ".000001" if fraction else ""
    rows = [
        {"person_id": "p", "practitioner_id": "A", "date": f"9999-12-31T23:59:59{suffix}"},
        {"person_id": "p", "practitioner_id": "B", "date": f"0001-01-01T00:00:00{suffix}"},
        {"person_id": "p", "practitioner_id": "B", "date": "2024-01-01"},
    ]
    write_rows(tmp_path / "c.csv", rows)
    assert bulk.indices(tmp_path / "c.csv").rows() == [tuple(r) for r in reference(rows)]
