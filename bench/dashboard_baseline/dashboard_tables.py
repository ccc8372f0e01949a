"""The dashboard's tables of continuity, worked out from contacts already read (see `dashboard_queries`).

No queries here: each table is a group-by over the period's contacts (`measure.summarise`).
"""

from collections import Counter
from dataclasses import dataclass, field

from bench.dashboard_baseline import measure
from bench.dashboard_baseline.dashboard_wording import quarter_name


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


def over_time_tables(everything, quarters, team, caseload, workers, seen, practice_id, practice_name) -> list[Table]:
    """The team's, the practice's and the borough's continuity in each of the last quarters, from contacts already
    read. The team's own-patient ratio counts its workers' contacts with anyone, and the practice's and the
    borough's count their own people's contacts."""
    team_trend = measure.over_time(
        quarters,
        measure.pairs((pk, "team") for pk in caseload),
        measure.pairs(((w.pk, "team") for w in workers), "practitioner_id"),
        frame=everything,
    )
    areas = [(pk, "borough") for pk, _ in seen] + [(pk, "practice") for pk, p in seen if p and p == practice_id]
    area_trend = measure.over_time(quarters, measure.pairs(areas), frame=everything)
    tables = []
    for group, caption, trend_found in [
        ("team", f"{team.name}, by quarter", team_trend),
        ("practice", f"{practice_name}, by quarter" if practice_name else "No GP practice to show", area_trend),
        ("borough", "The whole borough, by quarter", area_trend),
    ]:
        table = Table(f"over-time-{group}", caption, "Quarter", ["People seen", "Contacts"])
        for period, summaries in trend_found:
            summary = next((s for s in summaries if s.group == group), nothing(group))
            table.rows.append((quarter_name(period), [summary.people, summary.contacts], summary))
        tables.append(table)
    return tables


def by_worker_table(frame, team, caseload, workers, lists: list[tuple[int, int]]) -> Table:
    """One row per named worker in the team, about the people whose named worker they are now (`lists`: person
    and worker), with the own-patient ratio of the contacts they gave; then the whole team."""
    people_in = measure.pairs(lists + [(pk, "team") for pk in caseload])
    givers_in = measure.pairs([(w.pk, w.pk) for w in workers] + [(w.pk, "team") for w in workers], "practitioner_id")
    found = {s.group: s for s in measure.summarise(frame, people_in, givers_in)}
    on_list = Counter(worker for _, worker in lists)
    counts = ["On their list", "Seen", "Contacts"]
    table = Table("by-named-worker", f"By named worker in {team.name}", "Named worker", counts, caption_hidden=True)
    for worker in workers:
        summary = found.get(str(worker.pk), nothing(str(worker.pk)))
        table.rows.append((worker.display_name, [on_list[worker.pk], summary.people, summary.contacts], summary))
    whole = found.get("team", nothing("team"))
    table.rows.append((f"Whole team ({team.name})", [len(caseload), whole.people, whole.contacts], whole))
    return table


def by_practice_table(frame, seen, practices) -> Table:
    """One row per GP practice, about the people registered with it, then the whole borough."""
    people_in = measure.pairs([(pk, p) for pk, p in seen if p] + [(pk, "borough") for pk, _ in seen])
    found = {s.group: s for s in measure.summarise(frame, people_in)}
    table = Table("practices", "By GP practice", "GP practice", ["People seen", "Contacts"], caption_hidden=True)
    for pk, name in practices:
        summary = found.get(str(pk), nothing(str(pk)))
        table.rows.append((name, [summary.people, summary.contacts], summary))
    borough = found.get("borough", nothing("borough"))
    table.rows.append(("Whole borough", [borough.people, borough.contacts], borough))
    return table


def nothing(group: str) -> measure.Summary:
    return measure.Summary(group=group, people=0, assessed=0, contacts=0, values={})
