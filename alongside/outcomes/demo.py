"""The demo borough's questionnaire answers, drawn as plain data: for about a fifth of people, PHQ-9, GAD-7 and ONS4
answers over the last two years, some getting better, some staying the same, some getting worse. The same seed always
gives the same answers. Pure: no Django, no database; demo_step.py scores and writes them.

Everyone the 'person' login is (person 0) and everyone on the 'clinician' login's caseload has answers, several
times over, so that each demo login shows a trend.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

type Course = Literal["better", "same", "worse"]

SHARE = 0.2  # of people with some answers
TWO_YEARS = 730


@dataclass(frozen=True)
class Answered:
    instrument: str
    at: datetime
    answers: dict[str, int]
    how: str  # a models.How value
    by: str | None  # the username of the member of staff who filled it in with the person, if any


@dataclass
class PersonAnswers:
    course: Course
    answered: list[Answered] = field(default_factory=list)


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def draw(seed: int, index: int, now: datetime, worker: str | None, keen: bool) -> PersonAnswers | None:
    """One person's answers, or None for most people. `worker`: their named worker's username, who fills some in
    with them; `keen`: a demo login's person, who always has several."""
    rng = random.Random(seed * 1_000_033 + index * 7 + 5)
    if not keen and rng.random() >= SHARE:
        return None
    course: Course = rng.choices(("better", "same", "worse"), weights=(5, 3, 2))[0]
    times = rng.randint(4, 9) if keen else rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8))
    first = now - timedelta(days=rng.randint(min(TWO_YEARS, 60 * times), TWO_YEARS))
    gap = (now - first) / times
    start = rng.uniform(1.4, 2.6)  # the mean PHQ-9 or GAD-7 item to begin with, 0 to 3
    step = {"better": -1.0, "same": 0.0, "worse": 0.8}[course] * rng.uniform(0.9, 1.4) / max(times - 1, 1)
    instruments = ["phq-9", "gad-7", "ons4"] if keen else rng.sample(["phq-9", "gad-7", "ons4"], rng.randint(1, 3))
    found = PersonAnswers(course)
    for n in range(times):
        at = (first + gap * n + timedelta(days=rng.randint(0, 6))).replace(
            hour=9 + rng.randrange(8), minute=rng.randrange(60), second=0, microsecond=0
        )
        if at >= now:
            at = now - timedelta(hours=1 + n)
        level = start + step * n
        with_staff = worker is not None and rng.random() < 0.6
        how, by = ("with_staff", worker) if with_staff else ("link", None)
        for code in instruments:
            if code == "phq-9":
                answers = {f"phq9-{i}": _clamp(level + rng.gauss(0, 0.5), 0, 3) for i in range(1, 10)}
            elif code == "gad-7":
                answers = {f"gad7-{i}": _clamp(level - 0.2 + rng.gauss(0, 0.5), 0, 3) for i in range(1, 8)}
            else:
                well = 9 - level * 2.5
                answers = {
                    "ons4-satisfied": _clamp(well + rng.gauss(0, 1), 0, 10),
                    "ons4-worthwhile": _clamp(well + 0.5 + rng.gauss(0, 1), 0, 10),
                    "ons4-happy": _clamp(well + rng.gauss(0, 1.2), 0, 10),
                    "ons4-anxious": _clamp(level * 2.5 + rng.gauss(0, 1.2), 0, 10),
                }
            found.answered.append(Answered(code, at, answers, how, by))
    return found


def goal_ratings(seed: int, index: int, course: Course, times: list[datetime], keys: list[str]) -> list[dict[str, int]]:
    """Ratings from 0 to 10 of the person's own goals at each time, moving as their course does."""
    rng = random.Random(seed * 7_777 + index)
    step = {"better": 1.2, "same": 0.0, "worse": -0.8}[course]
    begin = {key: rng.uniform(1, 5) for key in keys}
    return [
        {f"goal-{key}": _clamp(begin[key] + step * n + rng.gauss(0, 0.6), 0, 10) for key in keys}
        for n in range(len(times))
    ]
