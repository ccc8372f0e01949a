"""`alongside continuity allocate`: the stable command-line interface, its errors, and no partial output."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from alongside.continuity import cli_allocate

REQUESTS = """request_id,person_id,usual_practitioner_id,priority,earliest,latest
frail,p1,ana,9,2026-03-02T09:00,2026-03-03T17:00
well,p2,ana,1,2026-03-02T09:00,2026-03-03T17:00
new,p3,,0,2026-03-02T09:00,2026-03-02T09:00
late,p4,ben,2.5,2026-03-05T09:00,2026-03-05T12:00
"""
SLOTS = """slot_id,practitioner_id,start
ana-tue,ana,2026-03-03T10:00
ben-mon,ben,2026-03-02T09:00
cai-mon,cai,2026-03-02T10:00
"""


def files(tmp_path, requests=REQUESTS, slots=SLOTS):
    (tmp_path / "requests.csv").write_text(requests, encoding="utf-8")
    (tmp_path / "slots.csv").write_text(slots, encoding="utf-8")
    return str(tmp_path / "requests.csv"), str(tmp_path / "slots.csv")


def allocate(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("continuity", "allocate", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def read(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_allocates_to_a_file_one_row_per_request_in_input_order(tmp_path):
    requests, slots = files(tmp_path)
    out = tmp_path / "out.csv"
    code, stdout, stderr = allocate(requests, slots, "-o", str(out))
    assert code == 0
    assert stdout == ""
    assert read(out) == [
        ["request_id", "slot_id"],
        ["frail", "ana-tue"],
        ["well", "cai-mon"],
        ["new", "ben-mon"],
        ["late", ""],
    ]
    assert stderr == (
        "3 slots.\n"
        "This allocation: 3 of 4 requests served, 1 with their named worker, named-worker priority 9\n"
        "First-available booking would give: 3 of 4 requests served, 1 with their named worker, "
        "named-worker priority 1\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_writes_to_standard_output_without_o(tmp_path):
    code, stdout, _ = allocate(*files(tmp_path))
    assert code == 0
    assert stdout.splitlines()[:2] == ["request_id,slot_id", "frail,ana-tue"]
    assert stdout.endswith("late,\n")


def test_reasons_column(tmp_path):
    code, stdout, _ = allocate(*files(tmp_path), "--reasons")
    assert code == 0
    rows = list(csv.reader(io.StringIO(stdout)))
    assert rows[0] == ["request_id", "slot_id", "reason"]
    assert rows[1] == ["frail", "ana-tue", "with their named worker, ana, Tue 3 Mar 10:00"]
    assert rows[4] == ["late", "", "not served: no slot between Thu 5 Mar 09:00 and Thu 5 Mar 12:00"]


def test_time_zones_and_extra_columns_and_blank_lines(tmp_path):
    requests = (
        "note,request_id,person_id,usual_practitioner_id,priority,earliest,latest\n"
        "x,r1,p1,ana,1,2026-03-02T09:00+00:00,2026-03-02T10:00+00:00\n"
        "\n"
        "y,r2,p2,ana,1,2026-03-02T10:00+01:00,2026-03-02T10:00+01:00\n"
    )
    slots = "slot_id,practitioner_id,start\ns1,ana,2026-03-02T09:00Z\n"
    code, stdout, _ = allocate(*files(tmp_path, requests, slots))
    assert code == 0
    # 10:00+01:00 is 09:00 UTC: both requests could have s1; either way one is served.
    assert sorted(stdout.splitlines()[1:]) in (["r1,", "r2,s1"], ["r1,s1", "r2,"])


def test_the_entry_point_end_to_end(tmp_path):
    requests, slots = files(tmp_path)
    out = tmp_path / "out.csv"
    done = subprocess.run(
        [sys.executable, "-m", "alongside.cli", "continuity", "allocate", requests, slots, "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "alongside.config.settings"},
    )
    assert done.returncode == 0, done.stderr
    assert read(out)[1] == ["frail", "ana-tue"]
    assert "This allocation: 3 of 4 requests served" in done.stderr


HEADER = "request_id,person_id,usual_practitioner_id,priority,earliest,latest\n"


@pytest.mark.parametrize(
    ("requests", "slots", "message"),
    [
        (
            HEADER + "r1,p1,ana,1,2026-03-02T09:00,2026-03-32T09:00\n",
            SLOTS,
            "requests.csv, line 2: latest '2026-03-32T09:00' is not an ISO date and time such as 2026-03-02T09:00",
        ),
        (
            HEADER + "r1,p1,ana,1,2026-03-02T09:00,2026-03-03T09:00\n",
            "slot_id,start\ns1,2026-03-02T09:00\n",
            "slots.csv, line 1: missing column practitioner_id (the columns are slot_id, practitioner_id, start)",
        ),
        (
            "request_id,person_id,earliest,latest\n",
            SLOTS,
            "requests.csv, line 1: missing columns usual_practitioner_id, priority",
        ),
        (
            REQUESTS + "well,p5,,1,2026-03-02T09:00,2026-03-02T10:00\n",
            SLOTS,
            "requests.csv, line 6: request_id well is already on line 3",
        ),
        (REQUESTS, SLOTS + "ben-mon,ben,2026-03-04T09:00\n", "slots.csv, line 5: slot_id ben-mon is already on line 3"),
        (
            HEADER + "r1,p1,ana,-2,2026-03-02T09:00,2026-03-03T09:00\n",
            SLOTS,
            "requests.csv, line 2: priority -2 is negative; it must be 0 or more",
        ),
        (
            HEADER + "r1,p1,ana,high,2026-03-02T09:00,2026-03-03T09:00\n",
            SLOTS,
            "requests.csv, line 2: priority 'high' is not a number",
        ),
        (
            HEADER + "r1,p1,ana,,2026-03-02T09:00,2026-03-03T09:00\n",
            SLOTS,
            "requests.csv, line 2: priority is empty; give a number, 0 or more",
        ),
        (
            HEADER + "r1,p1,ana,1.0000001,2026-03-02T09:00,2026-03-03T09:00\n",
            SLOTS,
            "requests.csv, line 2: priority 1.0000001 has more than 6 decimal places",
        ),
        (
            HEADER + "r1,p1,ana,1,2026-03-03T09:00,2026-03-02T09:00\n",
            SLOTS,
            "requests.csv, line 2: latest (2026-03-02T09:00) is before earliest (2026-03-03T09:00)",
        ),
        (
            HEADER + "r1,p1,ana,1,2026-03-02,2026-03-03\n",
            SLOTS,
            "requests.csv, line 2: earliest '2026-03-02' has no time; give a date and time such as 2026-03-02T09:00",
        ),
        (
            HEADER + "r1,p1,ana,1,2026-03-02T09:00,2026-03-03T09:00\n",
            "slot_id,practitioner_id,start\ns1,ana,2026-03-02T09:00Z\n",
            "slots.csv, line 2: start '2026-03-02T09:00Z' has UTC offset, but '2026-03-02T09:00' has none",
        ),
        (HEADER + ",p1,ana,1,2026-03-02T09:00,2026-03-03T09:00\n", SLOTS, "requests.csv, line 2: request_id is empty"),
        (
            HEADER + "r1,p1,ana,1,2026-03-02T09:00\n",
            SLOTS,
            "requests.csv, line 2: 5 fields, but the header has 6 columns",
        ),
        ("", SLOTS, "requests.csv: the file is empty; the first line must name the columns: request_id, person_id"),
        (
            HEADER + '"r1\nstill r1",p1,ana,1,2026-03-02T09:00,2026-03-03T09:00\nr2,p2,,1,today,2026-03-03T09:00\n',
            SLOTS,
            "requests.csv, line 4: earliest 'today' is not an ISO date and time",
        ),
    ],
)
def test_bad_input_names_the_file_the_line_and_the_reason(tmp_path, requests, slots, message):
    out = tmp_path / "out.csv"
    code, stdout, stderr = allocate(*files(tmp_path, requests, slots), "-o", str(out))
    assert code == 1
    assert message in stderr
    assert "Nothing was written." in stderr
    assert not out.exists()
    assert stdout == ""


def test_bad_input_leaves_an_earlier_output_untouched(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("the last good run\n")
    requests, slots = files(tmp_path, HEADER + "r1,p1,ana,-1,2026-03-02T09:00,2026-03-03T09:00\n")
    code, _, _ = allocate(requests, slots, "-o", str(out))
    assert code == 1
    assert out.read_text() == "the last good run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "requests.csv", "slots.csv"]


def test_every_problem_is_listed_up_to_a_limit(tmp_path):
    rows = "".join(f"r{k},p{k},ana,-1,2026-03-02T09:00,2026-03-03T09:00\n" for k in range(30))
    code, _, stderr = allocate(*files(tmp_path, HEADER + rows))
    assert code == 1
    lines = stderr.splitlines()
    assert lines[0].endswith("requests.csv, line 2: priority -1 is negative; it must be 0 or more")
    assert lines[19].endswith("requests.csv, line 21: priority -1 is negative; it must be 0 or more")
    assert lines[20] == "(stopped after 20 problems)"


def test_missing_files_and_unwritable_output(tmp_path):
    code, _, stderr = allocate(str(tmp_path / "nowhere.csv"), str(tmp_path / "slots.csv"))
    assert code == 1
    assert "nowhere.csv: could not read it (No such file or directory)" in stderr
    assert "slots.csv: could not read it" in stderr
    requests, slots = files(tmp_path)
    code, _, stderr = allocate(requests, slots, "-o", str(tmp_path / "no-such-folder" / "out.csv"))
    assert code == 1
    assert "could not write it" in stderr
    assert "Nothing was written." in stderr


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    requests, slots = files(tmp_path)

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_allocate.os, "replace", fail)
    code, _, stderr = allocate(requests, slots, "-o", str(tmp_path / "out.csv"))
    assert code == 1
    assert "out.csv: could not write it (No space left on device). Nothing was written." in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["requests.csv", "slots.csv"]
