"""`alongside continuity allocate REQUESTS.csv SLOTS.csv [-o OUT.csv]` (being built)."""

HELP = "A week of appointment requests allocated to clinicians' slots, continuity first."


def add_arguments(parser) -> None:
    parser.add_argument("requests")
    parser.add_argument("slots")
    parser.add_argument("-o", "--output")


def run(options, stdout, stderr) -> int:
    stderr.write("Not built yet.")
    return 2
