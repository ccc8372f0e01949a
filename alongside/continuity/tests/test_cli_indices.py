"""`alongside continuity indices CONTACTS.csv [-o OUT.csv]`: output, and bad input refused without partial output."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

HEADER = "person_id,practitioner_id,date,contact_id,usual_practitioner_id\n"
GOOD = (
    HEADER + "p1,A,2024-01-01,1,A\n"
    "p2,B,2024-01-02T09:00,2,A\n"
    "p1,B,2024-02-03T10:00,3,A\n"
    "p1,A,2025-02-03 10:00:00.5,4,A\n"
    "p2,B,2024-01-05,5,\n"
)
OUTPUT_HEADER = "person_id,n_contacts,n_practitioners,upc,breslau_upc,coc,hhi,mmci,secon,kpc"


def run_indices(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("continuity", "indices", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, text: str | bytes, name="contacts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_writes_one_row_per_person_to_standard_output(tmp_path):
    code, out, err = run_indices(write(tmp_path, GOOD))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        OUTPUT_HEADER,
        # p1: A (1 Jan 2024), B (3 Feb 2024), A (3 Feb 2025: 399 days after the last A, so not known)
        # UPC 2/3, Breslau 2/3, COC (4 + 1 - 3)/6 = 1/3, HHI 5/9, MMCI 1.1/2.1, SECON 0, KPC 0
        "p1,3,2,0.6666666666666666,0.6666666666666666,0.3333333333333333,0.5555555555555556,0.5238095238095238,0.0,0.0",
        # p2: B, B; usual A on the first row only -> Breslau 0/1
        "p2,2,1,1.0,0.0,1.0,1.0,1.0,1.0,1.0",
    ]


def test_writes_the_output_file_with_dash_o(tmp_path):
    target = tmp_path / "out.csv"
    code, out, err = run_indices(write(tmp_path, GOOD), "-o", target)
    assert (code, out, err) == (0, "", "")
    with target.open() as file:
        rows = list(csv.DictReader(file))
    assert [row["person_id"] for row in rows] == ["p1", "p2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv", "out.csv"]  # no temporary file left


def test_undefined_indices_are_empty_cells(tmp_path):
    code, out, _ = run_indices(write(tmp_path, "person_id,practitioner_id,date\nsolo,A,2024-01-01\n"))
    assert code == 0
    assert out.splitlines() == [OUTPUT_HEADER, "solo,1,1,,,,,,,"]


def test_people_come_out_in_the_order_they_first_appear(tmp_path):
    text = "person_id,practitioner_id,date\nz,A,2024-01-05\na,A,2024-01-01\nm,A,2024-01-03\na,B,2023-01-01\n"
    _, out, _ = run_indices(write(tmp_path, text))
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["z", "a", "m"]


def test_extra_columns_and_blank_lines_are_ignored(tmp_path):
    text = "note,date,practitioner_id,person_id\nhello,2024-01-01,A,p\n\n,2024-01-02,A,p\n\n"
    code, out, _ = run_indices(write(tmp_path, text))
    assert code == 0
    assert out.splitlines()[1] == "p,2,1,1.0,,1.0,1.0,1.0,1.0,1.0"


def test_a_header_only_file_gives_a_header_only_table(tmp_path):
    code, out, _ = run_indices(write(tmp_path, "person_id,practitioner_id,date\n"))
    assert (code, out.splitlines()) == (0, [OUTPUT_HEADER])


BAD_INPUTS = [
    ("missing column", "person_id,date\np,2024-01-01\n", ["line 1: missing column 'practitioner_id'"]),
    ("empty file", "", ["line 1: the file is empty"]),
    ("repeated column", "person_id,practitioner_id,date,date\np,A,2024-01-01,x\n", ["line 1: column 'date'"]),
    ("bad date", HEADER + "p,A,2024-01-01,1,\np,A,05/01/2024,2,\n", ["line 3: '05/01/2024' is not a date"]),
    ("unreal date", HEADER + "p,A,2024-02-30,1,\n", ["line 2: '2024-02-30' is not a real date"]),
    ("year 0", HEADER + "p,A,0000-12-31,1,\n", ["line 2: '0000-12-31' is not a real date"]),
    ("time zone", HEADER + "p,A,2024-02-03T10:00Z,1,\n", ["line 2: '2024-02-03T10:00Z' is not a date"]),
    ("empty date", HEADER + "p,A,,1,\n", ["line 2: empty date"]),
    ("empty person", HEADER + "p,A,2024-01-01,1,\n,A,2024-01-01,2,\n", ["line 3: empty person_id"]),
    ("empty practitioner", HEADER + 'p,"",2024-01-01,1,\n', ["line 2: empty practitioner_id"]),
    ("empty contact id", HEADER + "p,A,2024-01-01,,\n", ["line 2: empty contact_id"]),
    (
        "duplicate contact id",
        HEADER + "p,A,2024-01-01,7,\nq,A,2024-01-01,8,\nr,B,2024-01-02,7,\n",
        ["line 4: contact_id '7' is a duplicate: it was first used on line 2"],
    ),
    (
        "several problems, in line order",
        HEADER + "p,A,2024-13-01,1,\n,A,2024-01-01,1,\n",
        ["line 2: '2024-13-01' is not a date", "line 3: empty person_id", "line 3: contact_id '1' is a duplicate"],
    ),
    (
        "line numbers count lines inside quotes",
        HEADER + 'p,"A\nsecond line",2024-01-01,1,\np,A,2024-01-32,2,\n',
        ["line 4: '2024-01-32' is not a date"],
    ),
    ("too many fields", HEADER + "p,A,2024-01-01,1,,extra\n", ["line 2: 6 fields, but the header names only 5"]),
    ("not UTF-8", HEADER.encode() + b"p\xff,A,2024-01-01,1,\n", ["line 2: this line is not UTF-8 text"]),
]


@pytest.mark.parametrize(("kind", "text", "expected"), BAD_INPUTS, ids=[kind for kind, *_ in BAD_INPUTS])
def test_bad_input_is_reported_by_line_and_nothing_is_written(tmp_path, kind, text, expected):
    path = write(tmp_path, text)
    target = tmp_path / "out.csv"
    code, out, err = run_indices(path, "-o", target)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    for line, wanted in zip(lines, expected, strict=False):
        assert line.startswith(f"{path}, {wanted}"), (line, wanted)
    assert len(lines) == len(expected) + 1
    assert lines[-1].startswith("Nothing was written.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.csv"]  # no output, no temporary file


def test_bad_input_without_dash_o_writes_nothing_to_standard_output(tmp_path):
    code, out, err = run_indices(write(tmp_path, HEADER + "p,A,2024-01-01,1,\np,A,2024-01-01,1,\n"))
    assert (code, out) == (1, "")
    assert "line 3: contact_id '1' is a duplicate" in err


def test_many_problems_are_summarised(tmp_path):
    text = "person_id,practitioner_id,date\n" + "p,A,yesterday\n" * 25
    code, _, err = run_indices(write(tmp_path, text))
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == 20 + 2
    assert lines[0].endswith("line 2: 'yesterday' is not " + lines[0].split(" is not ", 1)[1])
    assert lines[19].split(", line ")[1].startswith("21:")
    assert lines[20] == "... and 5 more problems."


def test_an_existing_output_file_is_left_alone_when_the_input_is_bad(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("the previous results\n")
    code, _, _ = run_indices(write(tmp_path, HEADER + "p,A,soon,1,\n"), "-o", target)
    assert code == 1
    assert target.read_text() == "the previous results\n"


def test_a_missing_input_file_is_a_usage_error(tmp_path):
    code, _, err = run_indices(tmp_path / "nowhere.csv")
    assert code == 2
    assert "there is no such file" in err


def test_the_installed_command_runs_as_a_subprocess(tmp_path):
    alongside = Path(sys.executable).with_name("alongside")
    path = write(tmp_path, GOOD)
    done = subprocess.run([alongside, "continuity", "indices", path], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == OUTPUT_HEADER
    bad = write(tmp_path, HEADER + "p,,2024-01-01,1,\n", name="bad.csv")
    target = tmp_path / "out.csv"
    done = subprocess.run(
        [alongside, "continuity", "indices", bad, "-o", target], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert f"{bad}, line 2: empty practitioner_id" in done.stderr
    assert not target.exists()
