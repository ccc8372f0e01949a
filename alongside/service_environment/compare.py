"""The team's view and the people's view of each domain, side by side. Plain Python: no Django here.

An answer set is what one person gave: {statement key: the answer's number on the scale (0 is the lowest), or None
for "Don't know"}. A view of a domain is the average of every answer on the scale to its statements; "Don't know"
and anything missing are left out, and counted apart.

The people's view is shown only when at least `AT_LEAST` people have answered: with fewer, the team could guess
who said what. "Where we see it differently" lists the domains where the two views are at least `DIFFERS` apart,
the biggest difference first.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .checklist import Checklist, Domain

AT_LEAST = 5
DIFFERS = 0.5  # half a step on the scale

type Answers = Mapping[str, int | None]


@dataclass(frozen=True)
class View:
    score: float | None  # the average, from 0 to the top of the scale; None when no one answered on the scale
    answered: int  # answers on the scale
    dont_know: int  # "Don't know" answers

    def words(self, scale: Sequence[str]) -> str:
        """The score in the scale's own words: the nearest answer ("Mostly")."""
        if self.score is None:
            return "No answers yet"
        return scale[min(len(scale) - 1, int(self.score + 0.5))]

    def percent(self, top: int) -> int:
        """How far the score is along the scale, for a bar: 0 to 100."""
        return 0 if self.score is None or top <= 0 else round(100 * self.score / top)


@dataclass(frozen=True)
class DomainRow:
    domain: Domain
    team: View
    people: View | None  # None when held back: fewer than AT_LEAST people answered

    @property
    def difference(self) -> float | None:
        """How far apart the two views are (always 0 or more), or None when either has no score."""
        if self.people is None or self.people.score is None or self.team.score is None:
            return None
        return abs(self.team.score - self.people.score)


@dataclass(frozen=True)
class Comparison:
    rows: tuple[DomainRow, ...]  # in the checklist's order
    team_count: int
    people_count: int

    @property
    def people_shown(self) -> bool:
        return shows_people(self.people_count)

    @property
    def differ(self) -> tuple[DomainRow, ...]:
        """The domains where the views differ by at least DIFFERS, the biggest difference first (then in the
        checklist's order)."""
        far = [
            (index, row)
            for index, row in enumerate(self.rows)
            if row.difference is not None and row.difference >= DIFFERS
        ]
        far.sort(key=lambda pair: (-(pair[1].difference or 0.0), pair[0]))
        return tuple(row for _, row in far)


def shows_people(count: int) -> bool:
    return count >= AT_LEAST


def view(answer_sets: Sequence[Answers], keys: Sequence[str], top: int) -> View:
    """One domain's view from many answer sets: the average of the answers on the scale (0 to `top`) to its
    statements `keys`. A number outside the scale is not an answer and is left out."""
    total = answered = dont_know = 0
    for answers in answer_sets:
        for key in keys:
            if key not in answers:
                continue
            value = answers[key]
            if value is None:
                dont_know += 1
            elif 0 <= value <= top:
                total += value
                answered += 1
    return View(score=total / answered if answered else None, answered=answered, dont_know=dont_know)


def compare(checklist: Checklist, team: Sequence[Answers], people: Sequence[Answers]) -> Comparison:
    shown = shows_people(len(people))
    rows = []
    for domain in checklist.domains:
        keys = [statement.key for statement in domain.statements]
        rows.append(
            DomainRow(
                domain=domain,
                team=view(team, keys, checklist.top),
                people=view(people, keys, checklist.top) if shown else None,
            )
        )
    return Comparison(rows=tuple(rows), team_count=len(team), people_count=len(people))
