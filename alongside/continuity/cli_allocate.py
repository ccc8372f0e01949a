"""`alongside continuity allocate REQUESTS.csv SLOTS.csv [-o OUT.csv] [--reasons]`: a week's appointment requests
allocated to clinicians' slots, most requests served first, then most continuity with the named worker.

A stable interface, documented in docs/guides/continuity-booking.md. Every row of both files is checked before
anything is solved; bad input is reported as "FILE, line N: reason" on stderr with exit code 1, and nothing is
written. The output goes to a temporary file beside OUT.csv that is renamed into place only when complete.
"""

import argparse
import csv
import os
import tempfile
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from alongside.core import allocation as booking

HELP = "A week of appointment requests allocated to clinicians' slots: most served, then most continuity."
REQUEST_COLUMNS = ["request_id", "person_id", "usual_practitioner_id", "priority", "earliest", "latest"]
SLOT_COLUMNS = ["slot_id", "practitioner_id", "start"]
MAX_ERRORS = 20  # reported before stopping, so that one bad column does not bury the screen


class BadInput(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("requests", metavar="REQUESTS.csv", help=", ".join(REQUEST_COLUMNS))
    parser.add_argument("slots", metavar="SLOTS.csv", help=", ".join(SLOT_COLUMNS))
    parser.add_argument(
        "-o", "--output", metavar="OUT.csv", help="where to write request_id, slot_id (standard output if not given)"
    )
    parser.add_argument(
        "--reasons", action="store_true", help="add a third column, reason: why each request got its slot, or none"
    )


def run(options: Mapping[str, Any], stdout: Any, stderr: TextIO) -> int:  # stdout: a stream or Django's OutputWrapper
    try:
        requests, slots = read_week(options["requests"], options["slots"])
    except BadInput as bad:
        stderr.write("\n".join(bad.errors) + "\n")
        stderr.write("Nothing was written. Correct the files and run the command again.\n")
        return 1
    allocation = booking.allocate(requests, slots)
    first_available = booking.greedy(requests, slots)
    text = output_csv(requests, allocation, options.get("reasons", False))
    output = options.get("output")
    if output:
        try:
            write_atomically(Path(output), text)
        except OSError as error:
            stderr.write(f"{output}: could not write it ({error.strerror or error}). Nothing was written.\n")
            return 1
    else:
        if hasattr(stdout, "style_func"):  # Django's OutputWrapper adds a newline unless told not to
            stdout.write(text, ending="")
        else:
            stdout.write(text)
    stderr.write(summary(len(requests), len(slots), allocation, first_available))
    return 0


def summary(n_requests: int, n_slots: int, exact: booking.Allocation, first_available: booking.Allocation) -> str:
    def line(label: str, allocation: booking.Allocation) -> str:
        return (
            f"{label}: {allocation.served:,} of {n_requests:,} requests served, {allocation.with_named_worker:,} with "
            f"their named worker, named-worker priority {number(allocation.named_worker_priority)}\n"
        )

    return (
        f"{n_slots:,} slots.\n"
        + line("This allocation", exact)
        + line("First-available booking would give", first_available)
    )


def number(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def output_csv(requests: list[booking.Request], allocation: booking.Allocation, reasons: bool) -> str:
    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\n")
    writer.writerow(["request_id", "slot_id", "reason"] if reasons else ["request_id", "slot_id"])
    for r in requests:
        row = [r.request_id, allocation.slot_for[r.request_id] or ""]
        writer.writerow([*row, allocation.reasons[r.request_id]] if reasons else row)
    return "".join(lines.parts)


class _Lines:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then rename it over path: readers never see half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_week(requests_path: str, slots_path: str) -> tuple[list[booking.Request], list[booking.Slot]]:
    """Both files read and checked; BadInput lists every problem found (up to MAX_ERRORS)."""
    errors: list[str] = []
    clock = _Clock()
    requests = []
    seen: dict[str, int] = {}
    for line, row in _rows(requests_path, REQUEST_COLUMNS, errors):
        problems: list[str] = []
        request_id = _required(row, "request_id", problems)
        person_id = _required(row, "person_id", problems)
        usual = (row["usual_practitioner_id"] or "").strip() or None
        priority = (row["priority"] or "").strip()
        if not priority:
            problems.append("priority is empty; give a number, 0 or more")
        else:
            try:
                booking.scaled_priority(priority)
            except ValueError as error:
                problems.append(str(error))
        earliest = clock.read(row, "earliest", problems)
        latest = clock.read(row, "latest", problems)
        if earliest and latest and latest < earliest:
            problems.append(f"latest ({row['latest'].strip()}) is before earliest ({row['earliest'].strip()})")
        if request_id in seen:
            problems.append(f"request_id {request_id} is already on line {seen[request_id]}")
        elif request_id:
            seen[request_id] = line
        errors += [f"{requests_path}, line {line}: {p}" for p in problems]
        if not problems:
            requests.append(booking.Request(request_id, person_id, usual, Decimal(priority), earliest, latest))
        if len(errors) >= MAX_ERRORS:
            break
    slots = []
    seen = {}
    slot_rows = _rows(slots_path, SLOT_COLUMNS, errors) if len(errors) < MAX_ERRORS else iter(())
    for line, row in slot_rows:
        problems = []
        slot_id = _required(row, "slot_id", problems)
        practitioner_id = _required(row, "practitioner_id", problems)
        start = clock.read(row, "start", problems)
        if slot_id in seen:
            problems.append(f"slot_id {slot_id} is already on line {seen[slot_id]}")
        elif slot_id:
            seen[slot_id] = line
        errors += [f"{slots_path}, line {line}: {p}" for p in problems]
        if not problems:
            slots.append(booking.Slot(slot_id, practitioner_id, start))
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        if len(errors) >= MAX_ERRORS:
            errors = [*errors[:MAX_ERRORS], f"(stopped after {MAX_ERRORS} problems)"]
        raise BadInput(errors)
    return requests, slots


def _rows(path: str, columns: list[str], errors: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row as a dict) for each data row; blank lines skipped, extra columns ignored."""
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below; a generator)
    except OSError as error:
        errors.append(f"{path}: could not read it ({error.strerror or error})")
        return
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                errors.append(f"{path}: the file is empty; the first line must name the columns: {', '.join(columns)}")
                return
            names = [name.strip() for name in header]
            missing = [c for c in columns if c not in names]
            if missing:
                errors.append(
                    f"{path}, line 1: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                    f"(the columns are {', '.join(columns)})"
                )
                return
            repeated = sorted({n for n in names if n in columns and names.count(n) > 1})
            if repeated:
                errors.append(f"{path}, line 1: column {', '.join(repeated)} appears more than once")
                return
            where = {c: names.index(c) for c in columns}
            line = reader.line_num
            for fields in reader:
                first_line, line = line + 1, reader.line_num
                if not fields or all(not f.strip() for f in fields):
                    continue
                if len(fields) != len(names):
                    errors.append(
                        f"{path}, line {first_line}: {len(fields)} fields, but the header has {len(names)} columns"
                    )
                else:
                    yield first_line, {c: fields[i] for c, i in where.items()}
                if len(errors) >= MAX_ERRORS:
                    return
        except UnicodeDecodeError:
            errors.append(f"{path}, line {reader.line_num + 1}: not UTF-8 text; save the file as CSV UTF-8")
        except csv.Error as error:
            errors.append(f"{path}, line {reader.line_num}: not valid CSV ({error})")


def _required(row: Mapping[str, str], column: str, problems: list[str]) -> str:
    value = (row[column] or "").strip()
    if not value:
        problems.append(f"{column} is empty")
    return value


class _Clock:
    """ISO date-times, all with a UTC offset or all without (they cannot be compared otherwise)."""

    def __init__(self) -> None:
        self.aware: bool | None = None
        self.first: str | None = None

    def read(self, row: Mapping[str, str], column: str, problems: list[str]) -> datetime | None:
        text = (row[column] or "").strip()
        if not text:
            problems.append(f"{column} is empty; give an ISO date and time such as 2026-03-02T09:00")
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            problems.append(f"{column} '{text}' is not an ISO date and time such as 2026-03-02T09:00")
            return None
        if len(text) <= 10:  # a date alone: ambiguous as the end of a window
            problems.append(f"{column} '{text}' has no time; give a date and time such as {text}T09:00")
            return None
        aware = moment.utcoffset() is not None
        if self.aware is None:
            self.aware, self.first = aware, text
        elif aware != self.aware:
            problems.append(
                f"{column} '{text}' {'has' if aware else 'has no'} UTC offset, but '{self.first}' "
                f"{'has' if self.aware else 'has none'}; give every time the same way"
            )
            return None
        return moment
