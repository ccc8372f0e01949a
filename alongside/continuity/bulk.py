"""Continuity indices for millions of contacts at once, from a CSV file: the fast implementation behind the CLI.

It gives exactly the numbers of `alongside.continuity.indices` (the reference, one person at a time), which the
tests check on generated data, but works on whole columns: Polars reads, checks and parses the file on both
cores, and NumPy does the counting over sorted arrays. The steps:

1. Read the columns that matter as text, and check them: every problem is reported with its line number and
   reason (`BadInput`), and nothing is computed from a file with problems.
2. Give each person and each practitioner a small whole-number code, and put the contacts in order (person,
   then time, then contact id, then file order) with a few sorts of 64-bit keys that carry the row number in
   their low bits. Polars sorts plain 64-bit numbers far faster than several columns at once.
3. Count, over runs of equal values in that order: contacts per person, consecutive contacts with the same
   practitioner (SECON), contacts with the usual practitioner (Breslau UPC); then, ordered by person and
   practitioner, contacts per practitioner (UPC, COC, HHI, MMCI) and the gap since the previous contact with
   the same practitioner (KPC).
4. Each index is one division, in the same order of operations as the reference, so the results are
   bit-for-bit the same.
"""

import csv
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np
import polars as pl

from alongside.continuity.indices import DATE_FORM, KPC_WINDOW_DAYS, MMCI_CONSTANT, NUMERIC_ID_PATTERN, WHEN_PATTERN

FilePath = str | Path
REQUIRED_COLUMNS = ("person_id", "practitioner_id", "date")
OPTIONAL_COLUMNS = ("contact_id", "usual_practitioner_id")
OUTPUT_COLUMNS = (
    "person_id",
    "n_contacts",
    "n_practitioners",
    "upc",
    "breslau_upc",
    "coc",
    "hhi",
    "mmci",
    "secon",
    "kpc",
)
MAX_PROBLEMS = 20
"""At most this many problems are listed; the rest are counted."""

_US_PER_DAY = 86_400_000_000
_US_PER_SECOND = 1_000_000
_EARLIEST_US = -62_135_596_800 * _US_PER_SECOND  # 0001-01-01T00:00, the first day Python's datetime knows


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    reason: str


class BadInput(Exception):
    """The file cannot be used: `problems` (at most MAX_PROBLEMS, by line) and how many more there were."""

    def __init__(self, problems: list[Problem], more: int = 0):
        super().__init__(problems[0].reason if problems else "bad input")
        self.problems = problems
        self.more = more


# --- reading and checking ---------------------------------------------------------------------------------------


def _read_header(path: FilePath) -> list[str]:
    with open(path, "rb") as file:
        first = file.readline()
    try:
        text = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise BadInput([Problem(1, "the header is not UTF-8 text")]) from None
    header = next(csv.reader([text]), None)
    if not header:
        raise BadInput([Problem(1, "the file is empty: the first line must name the columns")])
    return header


def _check_header(header: list[str]) -> list[str]:
    problems = []
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        problems.append(Problem(1, "missing column " + ", ".join(f"'{name}'" for name in missing)))
    for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
        if header.count(name) > 1:
            problems.append(Problem(1, f"column '{name}' appears more than once"))
    if problems:
        raise BadInput(problems)
    return [name for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if name in header]


def _record_lines(path: FilePath, rows: list[int]) -> dict[int, int]:
    """The line on which each of these records (0 = the first after the header) starts."""
    wanted = set(rows)
    with open(path, "rb") as file:
        quoted = any(b'"' in chunk for chunk in iter(lambda: file.read(1 << 24), b""))
    if not quoted:  # one record per line
        return {row: row + 2 for row in wanted}
    lines = {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        next(reader, None)
        start = reader.line_num + 1
        for row, _record in enumerate(reader):
            if row in wanted:
                lines[row] = start
                if len(lines) == len(wanted):
                    break
            start = reader.line_num + 1
    return lines


def _locate_unreadable(path: FilePath, n_columns: int) -> Problem:
    """Why Polars could not read the file: the first line that is not UTF-8 or has too many fields."""
    with open(path, "rb") as file:
        for number, raw in enumerate(file, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return Problem(number, "this line is not UTF-8 text")
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        start = 1
        for record in reader:
            if len(record) > n_columns:
                return Problem(start, f"{len(record)} fields, but the header names only {n_columns} columns")
            start = reader.line_num + 1
    return Problem(1, "the file cannot be read as CSV")


def _find_problems(frame: pl.DataFrame, columns: list[str]) -> list[tuple[int | None, int, str]]:
    """(position in frame, column position, kind) for each problem; position None for those beyond MAX_PROBLEMS."""
    empty = {name: pl.col(name).is_null() | (pl.col(name) == "") for name in columns}
    right_form = pl.col("date").str.contains(WHEN_PATTERN)
    when = pl.col("when")
    checks = [
        (position, empty[name], f"empty {name}")
        for position, name in enumerate(columns)
        if name != "usual_practitioner_id"
    ]
    date = columns.index("date")
    checks.append((date, ~empty["date"] & ~right_form, "form"))
    checks.append((date, right_form & (when.is_null() | (when < _EARLIEST_US)), "real"))
    # Distinct hashes mean distinct ids: a quick and certain "no duplicates" before the slower exact check.
    if "contact_id" in columns and frame.select(pl.col("contact_id").hash().n_unique()).item() < frame.height:
        repeated = ~empty["contact_id"] & ~pl.col("contact_id").is_first_distinct()
        checks.append((columns.index("contact_id"), repeated, "duplicate"))
    counts = frame.select([mask.sum().alias(str(i)) for i, (_, mask, _) in enumerate(checks)]).row(0)
    found: list[tuple[int | None, int, str]] = []
    for (position, mask, kind), count in zip(checks, counts, strict=True):
        if count:
            rows = frame.select(pl.arg_where(mask)).to_series().head(MAX_PROBLEMS).to_list()
            found.extend((row, position, kind) for row in rows)
            found.extend([(None, position, kind)] * (count - len(rows)))
    return found


def _describe(frame: pl.DataFrame, found: list[tuple[int | None, int, str]], path: FilePath) -> BadInput:
    listed = sorted((row, column, kind) for row, column, kind in found if row is not None)[:MAX_PROBLEMS]
    more = len(found) - len(listed)
    first_use: dict[str, int] = {}
    duplicates = [position for position, _, kind in listed if kind == "duplicate"]
    if duplicates:
        values = frame["contact_id"].gather(duplicates).unique().implode()
        firsts = frame.filter(pl.col("contact_id").is_in(values)).group_by("contact_id").agg(pl.col("_row").min())
        first_use = dict(zip(firsts["contact_id"].to_list(), firsts["_row"].to_list(), strict=True))
    source_rows = {position: frame["_row"][position] for position, _, _ in listed}
    lines = _record_lines(path, sorted(set(source_rows.values()) | set(first_use.values())))
    problems = []
    for position, _, kind in listed:
        if kind == "form":
            reason = f"'{frame['date'][position]}' is not {DATE_FORM}"
        elif kind == "real":
            reason = f"'{frame['date'][position]}' is not a real date"
        elif kind == "duplicate":
            value = frame["contact_id"][position]
            reason = f"contact_id '{value}' is a duplicate: it was first used on line {lines[first_use[value]]}"
        else:
            reason = kind
        problems.append(Problem(lines[source_rows[position]], reason))
    return BadInput(problems, more)


def _parse_dates(frame: pl.DataFrame) -> pl.Series:
    """Microseconds since 1970 (a date alone is its start, 00:00), or null where the date cannot be read."""
    date = pl.col("date")
    if frame.select(date.str.contains(" ", literal=True).any()).item():
        date = date.str.replace(" ", "T", literal=True)
    length = pl.col("date").str.len_bytes()
    parsed = []
    for size in frame.select(length.unique()).to_series().drop_nulls().to_list():
        text = pl.when(length == size).then(date)
        if size == 10:
            parsed.append(text.str.to_date("%Y-%m-%d", strict=False).cast(pl.Datetime("us")))
        elif size in (16, 19) or 21 <= size <= 26:
            fmt = {16: "%Y-%m-%dT%H:%M", 19: "%Y-%m-%dT%H:%M:%S"}.get(size, "%Y-%m-%dT%H:%M:%S%.f")
            parsed.append(text.str.to_datetime(fmt, strict=False, time_unit="us"))
    if not parsed:
        return pl.Series("when", [None] * frame.height, dtype=pl.Int64)
    return frame.select(pl.coalesce(parsed).dt.epoch("us").alias("when")).to_series()


def read_contacts(path: FilePath) -> pl.DataFrame:
    """The file's contacts, checked, with `when` (microseconds since 1970) and `_row` (0 = the first record).

    Rows whose cells are all empty (blank lines) are skipped. Raises BadInput listing the problems.
    """
    header = _read_header(path)
    columns = _check_header(header)
    try:
        frame = pl.read_csv(path, columns=columns, infer_schema=False, encoding="utf8")
    except (pl.exceptions.PolarsError, OSError) as error:
        problem = _locate_unreadable(path, len(header))
        if problem.line == 1 and "cannot be read" in problem.reason:
            problem = Problem(1, f"the file cannot be read as CSV ({error})")
        raise BadInput([problem]) from None
    frame = frame.select(columns).with_row_index("_row")
    blank = pl.all_horizontal([pl.col(name).is_null() | (pl.col(name) == "") for name in columns])
    if frame.select(blank.any()).item():
        frame = frame.filter(~blank)
    frame = frame.with_columns(when=_parse_dates(frame))
    found = _find_problems(frame, columns)
    if found:
        raise _describe(frame, found, path)
    return frame


# --- ordering ---------------------------------------------------------------------------------------------------


def _bits(values_max: int) -> int:
    return max(1, int(values_max).bit_length())


def _sort_packed(key: np.ndarray, row_bits: int, rows: np.ndarray | None = None) -> np.ndarray:
    """The stable sorting permutation of `key` (whole numbers below 2**(64 - row_bits)).

    Each key is shifted left and the row number put in its low bits, so the packed numbers are distinct and sorting
    them as one column of plain numbers (which Polars does quickly, on every core) sorts by key, then row.
    `rows` may pass in 0, 1, 2, ... as unsigned 64-bit numbers, to save making them again.
    """
    packed = np.left_shift(key, np.uint64(row_bits), dtype=np.uint64)
    np.bitwise_or(packed, np.arange(len(key), dtype=np.uint64) if rows is None else rows, out=packed)
    ordered = pl.Series(packed).sort().to_numpy()
    del packed
    positions: np.ndarray = np.bitwise_and(ordered, np.uint64((1 << row_bits) - 1)).view(np.int64)
    return positions


def _order(keys: list[tuple[np.ndarray, int]], n: int) -> np.ndarray:
    """The permutation that sorts rows by `keys` (most significant first), ties kept in row order.

    Each key is an array of non-negative whole numbers with its width in bits. Keys are packed together while they
    fit beside the row number in 64 bits; the packs are sorted least significant first, each sort stable (a
    least-significant-digit radix sort with very wide digits).
    """
    row_bits = _bits(n - 1)
    room = 64 - row_bits
    packs: list[np.ndarray] = []
    current, used = None, 0
    for key, width in reversed(keys):
        if width > room:
            raise ValueError("a sort key is too wide")
        key = key.astype(np.uint64, copy=False)
        if current is not None and used + width <= room:
            current = current | (key << np.uint64(used))
            used += width
        else:
            if current is not None:
                packs.append(current)
            current, used = key, width
    assert current is not None, "there is at least one key"
    packs.append(current)
    perm = None
    for pack in packs:
        step = _sort_packed(pack if perm is None else pack[perm], row_bits)
        perm = step if perm is None else perm[step]
    assert perm is not None
    return perm


def _time_key(frame: pl.DataFrame, row_bits: int) -> tuple[np.ndarray, int]:
    """A whole number per row in the same order as the times, narrow enough to sort beside the row number.

    Seconds since the earliest contact when every time is a whole second, else microseconds; the rank among the
    distinct times when even that is too wide.
    """
    when = pl.col("when")
    low, high, whole = frame.select(
        when.min().alias("low"), when.max().alias("high"), (when % _US_PER_SECOND == 0).all().alias("whole")
    ).row(0)
    unit = _US_PER_SECOND if whole else 1
    width = _bits((high - low) // unit)
    if width + row_bits <= 64:
        key = frame.select(((when - low) // unit).cast(pl.UInt64)).to_series().to_numpy()
        return key, width
    ranks = frame.select(when.rank("dense").cast(pl.UInt64) - 1).to_series().to_numpy()
    return ranks, row_bits


def _person_hash(ids: pl.Series) -> np.ndarray:
    """A 64-bit hash of each person id (a seam for the tests, which swap in a poor hash to force collisions)."""
    return ids.hash(seed=2026).to_numpy()


def _contact_order(frame: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Contacts in order (person, time, contact id, row) and, in that order, which rows start a new person.

    Persons are grouped by a 64-bit hash of their id, most significant bits first, so that a sort by time and one
    sort by hash do it all; rows whose hashes share those bits but differ are put right by a small second sort.
    The grouping is then checked exactly: there must be as many groups as distinct ids (counted on the other
    core meanwhile). If two ids ever shared a hash, the slower exact way (a code per distinct id) is used instead.
    """
    n = frame.height
    with ThreadPoolExecutor(max_workers=1) as background:
        distinct_people = background.submit(lambda: frame["person_id"].n_unique())
        numeric_ids = background.submit(
            lambda: (
                "contact_id" in frame.columns
                and frame.select(pl.col("contact_id").str.contains(NUMERIC_ID_PATTERN).all()).item()
            )
        )
        row_bits = _bits(n - 1)
        rows = np.arange(n, dtype=np.uint64)
        time_key, time_bits = _time_key(frame, row_bits)
        by_time = _sort_packed(time_key, row_bits, rows)
        hashes = _person_hash(frame["person_id"])
        top = np.right_shift(hashes[by_time], np.uint64(row_bits))
        by_hash = _sort_packed(top, row_bits, rows)
        del top, rows
        order = by_time[by_hash]
        hash_o = hashes[order]
        top_o = hash_o >> np.uint64(row_bits)
        clash = (top_o[1:] == top_o[:-1]) & (hash_o[1:] != hash_o[:-1])
        if clash.any():  # different hashes with the same top bits: order those rows by (hash, time order)
            positions = np.flatnonzero(np.isin(top_o, np.unique(top_o[1:][clash])))
            fixed = pl.DataFrame({"hash": hash_o[positions], "step": by_hash[positions]})
            order[positions] = by_time[fixed.sort("hash", "step")["step"].to_numpy()]
            hash_o = hashes[order]
        del top_o, by_time, by_hash
        new_person = np.ones(n, dtype=bool)
        np.not_equal(hash_o[1:], hash_o[:-1], out=new_person[1:])
        if int(np.count_nonzero(new_person)) != distinct_people.result():
            codes = frame["person_id"].cast(pl.Categorical(pl.Categories.random())).to_physical().to_numpy()
            order = _order([(codes, _bits(codes.max())), (time_key, time_bits)], n)
            hash_o = codes[order].astype(np.uint64)
            np.not_equal(hash_o[1:], hash_o[:-1], out=new_person[1:])
        if "contact_id" in frame.columns:
            order = _break_ties(frame, order, hash_o, numeric_ids.result())
    return order, new_person


def _break_ties(frame: pl.DataFrame, order: np.ndarray, person_o: np.ndarray, numeric: bool) -> np.ndarray:
    """Reorder contacts of one person at one time by contact id (as numbers when every id is one, else as text)."""
    when_o = frame["when"].to_numpy()[order]
    tie = (person_o[1:] == person_o[:-1]) & (when_o[1:] == when_o[:-1])
    if not tie.any():
        return order
    marked = np.zeros(len(order), dtype=bool)
    marked[1:] |= tie
    marked[:-1] |= tie
    positions = np.flatnonzero(marked)
    rows = order[positions]
    ids = frame["contact_id"].gather(rows)
    tied = pl.DataFrame(
        {
            "person": person_o[positions],
            "when": when_o[positions],
            "id": ids.cast(pl.Int64) if numeric else ids,
            "row": rows,
        }
    )
    order = order.copy()
    order[positions] = tied.sort("person", "when", "id", "row")["row"].to_numpy()
    return order


# --- the indices ------------------------------------------------------------------------------------------------


def compute(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per person (in order of first appearance) with OUTPUT_COLUMNS, from `read_contacts`'s frame."""
    n = frame.height
    if n == 0:
        schema = {name: pl.Float64 for name in OUTPUT_COLUMNS} | {
            "person_id": pl.String,
            "n_contacts": pl.Int64,
            "n_practitioners": pl.Int64,
        }
        return pl.DataFrame(schema=schema)
    order, new_person = _contact_order(frame)
    starts = np.flatnonzero(new_person)
    contacts = np.diff(np.append(starts, n))

    practitioner = frame["practitioner_id"].cast(pl.Categorical(pl.Categories.random())).to_physical().to_numpy()
    practitioner_o = practitioner[order]
    same_as_previous = np.zeros(n, dtype=bool)
    np.equal(practitioner_o[1:], practitioner_o[:-1], out=same_as_previous[1:])
    same_as_previous &= ~new_person
    sequential = np.add.reduceat(same_as_previous, starts, dtype=np.int64)

    if "usual_practitioner_id" in frame.columns:
        usual = frame.select(
            named=pl.col("usual_practitioner_id").is_not_null() & (pl.col("usual_practitioner_id") != ""),
            seen=(pl.col("practitioner_id") == pl.col("usual_practitioner_id")).fill_null(False),
        )
        named = np.add.reduceat(usual["named"].to_numpy()[order], starts, dtype=np.int64)
        seen_usual = np.add.reduceat(usual["seen"].to_numpy()[order], starts, dtype=np.int64)
    else:
        named = seen_usual = np.zeros(len(starts), dtype=np.int64)

    # Person, then practitioner, then time: runs are one person's contacts with one practitioner, in time order.
    # This only reorders rows within each person's block, so the blocks (`starts`) stay where they were.
    person_run = np.cumsum(new_person, dtype=np.int64) - 1
    by_pair = order[
        _order(
            [(person_run.view(np.uint64), _bits(len(starts) - 1)), (practitioner_o, _bits(int(practitioner.max())))],
            n,
        )
    ]
    del practitioner_o
    practitioner_p = practitioner[by_pair]
    day_p = frame.select((pl.col("when") // _US_PER_DAY).cast(pl.Int32)).to_series().to_numpy()[by_pair]
    del by_pair
    new_pair = np.ones(n, dtype=bool)
    np.not_equal(practitioner_p[1:], practitioner_p[:-1], out=new_pair[1:])
    new_pair |= new_person
    known_contact = np.zeros(n, dtype=bool)
    np.less_equal(day_p[1:] - day_p[:-1], KPC_WINDOW_DAYS, out=known_contact[1:])
    known_contact &= ~new_pair
    known = np.add.reduceat(known_contact, starts, dtype=np.int64)
    pair_starts = np.flatnonzero(new_pair)
    pair_sizes = np.diff(np.append(pair_starts, n))
    pair_person = person_run[pair_starts]
    first_pair = np.ones(len(pair_starts), dtype=bool)
    np.not_equal(pair_person[1:], pair_person[:-1], out=first_pair[1:])
    person_pairs = np.flatnonzero(first_pair)
    n_seen = np.diff(np.append(person_pairs, len(pair_starts)))
    most = np.maximum.reduceat(pair_sizes, person_pairs)
    squares = np.add.reduceat(pair_sizes * pair_sizes, person_pairs)

    # One division each, in the reference's order of operations, so the numbers are the same to the last bit.
    with np.errstate(divide="ignore", invalid="ignore"):
        values = {
            "upc": most / contacts,
            "breslau_upc": seen_usual / named,
            "coc": (squares - contacts) / (contacts * (contacts - 1)),
            "hhi": squares / (contacts * contacts),
            "mmci": (1 - n_seen / (contacts + MMCI_CONSTANT)) / (1 - 1 / (contacts + MMCI_CONSTANT)),
            "secon": sequential / (contacts - 1),
            "kpc": known / (contacts - 1),
        }
    first_row = np.minimum.reduceat(order, starts)
    output_order = np.argsort(first_row)  # rows are distinct, so no ties
    defined = pl.col("n_contacts") >= 2
    result = pl.DataFrame(
        {
            "person_id": frame["person_id"].gather(first_row[output_order]),
            "n_contacts": contacts[output_order],
            "n_practitioners": n_seen[output_order],
            **{name: value[output_order] for name, value in values.items()},
        }
    )
    return result.select(
        "person_id",
        pl.col("n_contacts", "n_practitioners").cast(pl.Int64),
        *[
            pl.when(defined & (pl.col("breslau_upc").is_not_nan() if name == "breslau_upc" else True))
            .then(pl.col(name))
            .alias(name)
            for name in OUTPUT_COLUMNS[3:]
        ],
    )


def indices(path: FilePath) -> pl.DataFrame:
    """The CLI's table for a file of contacts; raises BadInput when the file has problems."""
    return compute(read_contacts(path))


@overload
def write_csv(result: pl.DataFrame, path: None = None) -> str: ...
@overload
def write_csv(result: pl.DataFrame, path: FilePath) -> None: ...
def write_csv(result: pl.DataFrame, path: FilePath | None = None) -> str | None:
    """Write the table to `path` atomically (a temporary file beside it, renamed at the end), or return the text."""
    if path is None:
        return result.write_csv()
    directory = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.part")
    try:
        result.write_csv(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return None
