"""Benchmark: continuity indices for 1,000,000 people and 20,000,000 contacts from CSV, through the real CLI.

    .venv/bin/python -m bench.continuity_indices [--people 1000000] [--contacts 20000000] [--seed 2026]
                                                [--subset-people 50000] [--repeat 3] [--workdir var/bench] [--keep]

Generates a synthetic borough's contacts with a fixed seed: per person a Poisson-like number of contacts (one, plus
a multinomial share of the rest weighted by a gamma-distributed need, so 20 on average and up to about 200), over
two years of appointment slots (10 minutes, 08:00-18:00); practices of five GPs for every 10,000 people, four in
ten of them running personal lists (75% of a person's contacts with their usual GP) and the rest not (35%), the
other contacts with practice colleagues or, one in twenty, with one of 20 locums. The file is in time order, as an
appointment system exports it, with columns contact_id, person_id (10-digit, 999 range), practitioner_id, date
(ISO date-time) and usual_practitioner_id: 1.1 GB for the full size.

Then it times `alongside continuity indices CONTACTS.csv -o OUT.csv` as a subprocess, end to end (start-up,
reading and checking the CSV, the indices, writing the CSV; the median of --repeat runs), and the stages
in-process for where the time goes.

Baseline, in the same run: the straightforward pandas implementation (read the CSV, parse dates, group by person
and apply a Python function per group that sorts the group and computes the indices, write the CSV). It is far
too slow for 20 million rows, so both it and the CLI are timed on a subset with the same shape: every contact of
the first --subset-people people of the same generated data (about 1,000,000 contacts). The pandas time for the
full data is estimated from it by scaling with the number of contacts (its cost is per group and per row). The
baseline's numbers are checked against the CLI's on the subset.
"""

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]


def generate(people: int, contacts: int, seed: int) -> pl.DataFrame:
    """The synthetic contacts, in time order, as text columns ready to write."""
    rng = np.random.default_rng(seed)
    need = rng.gamma(1.5, 1.0, people)
    per_person = 1 + rng.multinomial(contacts - people, need / need.sum())
    gps_per_practice, locums = 5, 20
    practices = max(1, people // 10_000)
    practice = rng.integers(0, practices, people)
    usual = practice * gps_per_practice + rng.integers(0, gps_per_practice, people)
    personal_lists = rng.random(practices) < 0.4
    with_usual = np.where(personal_lists[practice], 0.75, 0.35)

    person = np.repeat(np.arange(people), per_person)
    draw = rng.random(contacts)
    own = draw < with_usual[person]
    locum = ~own & (draw > 0.95)
    colleague = practice[person] * gps_per_practice + rng.integers(0, gps_per_practice, contacts)
    locum_id = practices * gps_per_practice + rng.integers(0, locums, contacts)
    practitioner = np.where(own, usual[person], np.where(locum, locum_id, colleague))
    day = rng.integers(0, 731, contacts).astype("timedelta64[D]")
    slot = (rng.integers(0, 60, contacts) * 10).astype("timedelta64[m]")
    when = np.datetime64("2023-01-01T08:00") + day + slot
    order = np.argsort(when, kind="stable")
    frame = pl.DataFrame(
        {
            "p": person[order],
            "g": practitioner[order],
            "u": usual[person[order]],
            "when": when[order].astype("datetime64[ms]"),
        }
    )
    return frame.select(
        contact_id=pl.int_range(1, contacts + 1).cast(pl.String),
        person_id=pl.format("999{}", pl.col("p").cast(pl.String).str.zfill(7)),
        practitioner_id=pl.format("G{}", (pl.col("g") + 1_000_000).cast(pl.String)),
        date=pl.col("when").dt.strftime("%Y-%m-%dT%H:%M:%S"),
        usual_practitioner_id=pl.format("G{}", (pl.col("u") + 1_000_000).cast(pl.String)),
        p=pl.col("p"),
    )


def run_cli(contacts: Path, output: Path) -> float:
    command = [str(ROOT / ".venv" / "bin" / "alongside"), "continuity", "indices", str(contacts), "-o", str(output)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"the CLI failed: {done.stderr}")
    return took


def stages(contacts: Path, output: Path) -> dict[str, float]:
    from alongside.continuity import bulk

    took = {}
    started = time.perf_counter()
    frame = bulk.read_contacts(contacts)
    took["read and check the CSV"] = time.perf_counter() - started
    started = time.perf_counter()
    result = bulk.compute(frame)
    took["order the contacts and compute the indices"] = time.perf_counter() - started
    started = time.perf_counter()
    bulk.write_csv(result, output)
    took["write the CSV"] = time.perf_counter() - started
    return took


def pandas_baseline(contacts: Path, output: Path) -> float:
    """The straightforward implementation: group by person, a Python function per group."""
    import pandas as pd

    started = time.perf_counter()
    frame = pd.read_csv(contacts, dtype=str, keep_default_na=False)
    frame["when"] = pd.to_datetime(frame["date"], format="ISO8601")
    frame["contact_key"] = frame["contact_id"].astype("int64")

    def indices(group):
        group = group.sort_values(["when", "contact_key"], kind="stable")
        seen = group["practitioner_id"]
        n = len(seen)
        counts = seen.value_counts()
        s = len(counts)
        row = {"n_contacts": n, "n_practitioners": s}
        if n < 2:
            return pd.Series(row | dict.fromkeys(["upc", "breslau_upc", "coc", "hhi", "mmci", "secon", "kpc"]))
        squares = int((counts * counts).sum())
        usual = group["usual_practitioner_id"]
        named = usual != ""
        days = group["when"].dt.normalize()
        gaps = days.groupby(seen.to_numpy()).diff().dt.days
        row |= {
            "upc": int(counts.max()) / n,
            "breslau_upc": int((seen[named] == usual[named]).sum()) / int(named.sum()) if named.any() else None,
            "coc": (squares - n) / (n * (n - 1)),
            "hhi": squares / (n * n),
            "mmci": (1 - s / (n + 0.1)) / (1 - 1 / (n + 0.1)),
            "secon": int((seen.to_numpy()[1:] == seen.to_numpy()[:-1]).sum()) / (n - 1),
            "kpc": int((gaps <= 365).sum()) / (n - 1),
        }
        return pd.Series(row)

    result = frame.groupby("person_id", sort=False).apply(indices)
    result.to_csv(output)
    return time.perf_counter() - started


def same_numbers(ours: Path, theirs: Path) -> bool:
    a = pl.read_csv(ours, schema_overrides={"person_id": pl.String}).sort("person_id")
    b = pl.read_csv(theirs, schema_overrides={"person_id": pl.String}).sort("person_id").select(a.columns)
    if a.height != b.height or a["person_id"].to_list() != b["person_id"].to_list():
        return False
    for name in a.columns[1:]:
        x, y = a[name].cast(pl.Float64), b[name].cast(pl.Float64)
        if x.is_null().to_list() != y.is_null().to_list():
            return False
        if ((x - y).abs() > 1e-12).any():
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--contacts", type=int, default=20_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--subset-people", type=int, default=50_000, help="people in the subset for the baseline")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the CLI on the full data (the median counts)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    args.workdir.mkdir(parents=True, exist_ok=True)
    full, subset = args.workdir / "contacts.csv", args.workdir / "contacts-subset.csv"
    out_full, out_subset = args.workdir / "indices.csv", args.workdir / "indices-subset.csv"
    out_pandas = args.workdir / "indices-subset-pandas.csv"

    print(
        f"Python {platform.python_version()}, polars {pl.__version__}, numpy {np.__version__}, {os.cpu_count()} cores"
    )
    started = time.perf_counter()
    data = generate(args.people, args.contacts, args.seed)
    data.drop("p").write_csv(full)
    data.filter(pl.col("p") < args.subset_people).drop("p").write_csv(subset)
    subset_contacts = data.filter(pl.col("p") < args.subset_people).height
    del data
    size = full.stat().st_size / 1e9
    print(f"generated {args.contacts:,} contacts of {args.people:,} people ({size:.2f} GB)", end="")
    print(f" and a subset of {subset_contacts:,} contacts of {args.subset_people:,} people", end="")
    print(f" in {time.perf_counter() - started:.1f} s")

    runs = [run_cli(full, out_full) for _ in range(args.repeat)]
    cli_full = statistics.median(runs)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    print(f"CLI, full data:      {cli_full:7.2f} s end to end, median of", ", ".join(f"{r:.2f}" for r in runs), end="")
    print(f" (peak memory {peak:.1f} GiB)")
    for stage, took in stages(full, out_full).items():
        print(f"    {stage:45s} {took:6.2f} s")
    cli_subset = run_cli(subset, out_subset)
    print(f"CLI, subset:         {cli_subset:7.2f} s")
    baseline = pandas_baseline(subset, out_pandas)
    print(f"pandas, subset:      {baseline:7.2f} s   ({baseline / cli_subset:.0f}x the CLI on the same subset)")
    estimate = baseline * args.contacts / subset_contacts
    print(f"pandas, full (est.): {estimate:7.0f} s   ({estimate / cli_full:.0f}x the CLI on the full data)")
    print("the baseline's numbers agree with the CLI's:", same_numbers(out_subset, out_pandas))
    if not args.keep:
        for path in (full, subset, out_full, out_subset, out_pandas):
            path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
