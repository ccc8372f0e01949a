"""The team's view and the people's view of each domain, side by side. Plain Python: no Django here.

An answer set is what one person gave: {statement key: the answer's number on the scale (0 is the lowest), or None
for "Don't know"}. A view of a domain is the average of every answer on the scale to its statements; "Don't know"
and anything missing are left out, and counted apart.

Both views are shown only once the round is closed: while it is open, each new answer would move them, and someone
who looked just before and just after a person answered could read that person's answers in the difference. Then
the people's view is shown only when at least `AT_LEAST` people answered, and the team's view only when at least
`TEAM_AT_LEAST` of the team did (one member's view is just their own answers): with fewer, someone could guess who
said what. How many people answered is said as "fewer than 5" below `AT_LEAST`, as the climate pulse does.
"Where we see it differently" lists the domains where the two views are at least `DIFFERS` apart, the biggest
difference first.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .checklist import Checklist, Domain

AT_LEAST = 5
TEAM_AT_LEAST = 3
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
    team: View | None  # None when held back: the round is open, or fewer than TEAM_AT_LEAST of the team answered
    people: View | None  # None when held back: the round is open, or fewer than AT_LEAST people answered

    @property
    def difference(self) -> float | None:
        """How far apart the two views are (always 0 or more), or None when either has no score."""
        if self.people is None or self.people.score is None or self.team is None or self.team.score is None:
            return None
        return abs(self.team.score - self.people.score)


@dataclass(frozen=True)
class Comparison:
    rows: tuple[DomainRow, ...]  # in the checklist's order
    team_count: int
    people_count: int
    closed: bool = True

    @property
    def people_shown(self) -> bool:
        return shows_people(self.people_count, self.closed)

    @property
    def team_shown(self) -> bool:
        return shows_team(self.team_count, self.closed)

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


def shows_people(count: int, closed: bool = True) -> bool:
    return closed and count >= AT_LEAST


def shows_team(count: int, closed: bool = True) -> bool:
    return closed and count >= TEAM_AT_LEAST


def people_words(count: int) -> str:
    """How many people who use the service answered, in words: below AT_LEAST, only "fewer than 5 people"."""
    if count < AT_LEAST:
        return f"fewer than {AT_LEAST} people"
    return f"{count} people"


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


def compare(
    checklist: Checklist, team: Sequence[Answers], people: Sequence[Answers], closed: bool = True
) -> Comparison:
    """The two views side by side, each held back while the round is open (`closed` false) or while too few
    answered."""
    shown = shows_people(len(people), closed)
    team_shown = shows_team(len(team), closed)
    rows = []
    for domain in checklist.domains:
        keys = [statement.key for statement in domain.statements]
        rows.append(
            DomainRow(
                domain=domain,
                team=view(team, keys, checklist.top) if team_shown else None,
                people=view(people, keys, checklist.top) if shown else None,
            )
        )
    return Comparison(rows=tuple(rows), team_count=len(team), people_count=len(people), closed=closed)
