"""`alongside continuity indices CONTACTS.csv [-o OUT.csv]`: continuity indices per person, a stable interface.

Input: a CSV file with a header row naming at least person_id, practitioner_id and date (an ISO date or
date-time), and optionally contact_id (breaks ties between contacts at the same time) and usual_practitioner_id
(for Breslau's UPC). Other columns are ignored.

Output: one row per person, in the order people first appear in the file, with the columns person_id,
n_contacts, n_practitioners, upc, breslau_upc, coc, hhi, mmci, secon, kpc. An index that is undefined for a
person is an empty cell. Numbers are written in full (the shortest decimal that reads back as the same number).

Bad input: every problem (up to 20) is reported on standard error with its line number and reason, nothing is
written, and the exit code is 1. The output file is written under a temporary name and renamed at the end, so a
run that fails or is interrupted never leaves a partial file. See docs/guides/continuity-indices.md.
"""

import argparse
import os
from collections.abc import Mapping
from typing import Any, TextIO

HELP = (
    "Continuity of care indices per person (UPC, Breslau UPC, COC, HHI, MMCI, SECON, KPC) from a CSV of contacts "
    "with columns person_id, practitioner_id, date, and optionally contact_id and usual_practitioner_id."
)

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("contacts", metavar="CONTACTS.csv", help="the contacts, one row each")
    parser.add_argument(
        "-o", "--output", metavar="OUT.csv", help="write the indices to this file (default: standard output)"
    )


def run(options: Mapping[str, Any], stdout: TextIO, stderr: TextIO) -> int:
    from alongside.continuity import bulk

    path = options["contacts"]
    output = options.get("output")
    if not os.path.isfile(path):
        stderr.write(f"{path}: there is no such file.\n")
        return EXIT_USAGE
    if output and not os.path.isdir(os.path.dirname(os.path.abspath(output))):
        stderr.write(f"{output}: the folder to write it in does not exist.\n")
        return EXIT_USAGE
    try:
        result = bulk.indices(path)
    except bulk.BadInput as bad:
        for problem in bad.problems:
            stderr.write(f"{path}, line {problem.line}: {problem.reason}\n")
        if bad.more:
            stderr.write(f"... and {bad.more} more problem{'s' if bad.more > 1 else ''}.\n")
        stderr.write("Nothing was written. Put these right and run the command again.\n")
        return EXIT_BAD_INPUT
    if output:
        bulk.write_csv(result, output)
    else:
        stdout.write(bulk.write_csv(result))
    return 0
