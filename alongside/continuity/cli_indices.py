"""`alongside continuity indices CONTACTS.csv [-o OUT.csv]` (being built)."""

HELP = "Continuity indices per person from a CSV of contacts."


def add_arguments(parser) -> None:
    parser.add_argument("contacts")
    parser.add_argument("-o", "--output")


def run(options, stdout, stderr) -> int:
    stderr.write("Not built yet.")
    return 2
