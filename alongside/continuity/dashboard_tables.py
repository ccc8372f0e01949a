"""The dashboard's tables of continuity, worked out from contacts already read (see `dashboard_queries`).

No queries here: the figures come worked out (`dashboard_figures`), live or by the nightly task.
"""

from collections import Counter
from dataclasses import dataclass, field

from . import measure
from .dashboard_figures import Figures
from .dashboard_wording import quarter_name


@dataclass
class Table:
    """A table of group summaries: a first column naming each row, some counts, then the indices."""

    id: str
    caption: str
    first: str
    counts: list[str]
    rows: list[tuple[str, list[int], measure.Summary]] = field(default_factory=list)
    caption_hidden: bool = False  # when a heading just above already says what the table is


def usual_practice(caseload: dict[int, int | None], practices: list[tuple[int, str]]) -> int | None:
    """The GP practice most of the team's people are registered with, else the first practice."""
    known = {pk for pk, _ in practices}
    counted = Counter(p for p in caseload.values() if p in known).most_common(1)
    if counted:
        return counted[0][0]
    return practices[0][0] if practices else None


def over_time_tables(figures: Figures, team, practice_id, practice_name) -> list[Table]:
    """The team's, the practice's and the borough's continuity in each of the quarters. The team's own-patient
    ratio counts its workers' contacts with anyone, and the practice's and the borough's count their own people's
    contacts."""
    tables = []
    for table_name, key, caption in [
        ("team", team.pk, f"{team.name}, by quarter"),
        ("practice", practice_id, f"{practice_name}, by quarter" if practice_name else "No GP practice to show"),
        ("borough", None, "The whole borough, by quarter"),
    ]:
        table = Table(f"over-time-{table_name}", caption, "Quarter", ["People seen", "Contacts"])
        for period in figures.quarters:
            summary = figures.get(table_name, key, period.first).summary
            table.rows.append((quarter_name(period), [summary.people, summary.contacts], summary))
        tables.append(table)
    return tables


def by_worker_table(figures: Figures, team, workers) -> Table:
    """One row per named worker in the team, about the people whose named worker they are now, with the
    own-patient ratio of the contacts they gave; then the whole team."""
    counts = ["On their list", "Seen", "Contacts"]
    table = Table("by-named-worker", f"By named worker in {team.name}", "Named worker", counts, caption_hidden=True)
    for worker in workers:
        found = figures.get("worker", worker.pk)
        s = found.summary
        table.rows.append((worker.display_name, [found.listed or 0, s.people, s.contacts], s))
    whole = figures.get("team", team.pk)
    s = whole.summary
    table.rows.append((f"Whole team ({team.name})", [whole.listed or 0, s.people, s.contacts], s))
    return table


def by_practice_table(figures: Figures, practices) -> Table:
    """One row per GP practice, about the people registered with it, then the whole borough."""
    table = Table("practices", "By GP practice", "GP practice", ["People seen", "Contacts"], caption_hidden=True)
    for pk, name in practices:
        s = figures.get("practice", pk).summary
        table.rows.append((name, [s.people, s.contacts], s))
    s = figures.get("borough", None).summary
    table.rows.append(("Whole borough", [s.people, s.contacts], s))
    return table
