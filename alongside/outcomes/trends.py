"""The person's outcomes, instrument by instrument, ready for the trend page: for each, the chart of its totals
(or, for ONS4 and goals, one chart per question or goal), with the reliable change since the first measure. Pure:
the responses come in already read, so the page's queries do not grow with their number.

The chart's sentence compares the latest measure with the first ("Reliably improved since March 2025"); the ring
marks the first measure at which that change was reliable. ONS4 publishes no threshold, so its sentences say only
where the answers went.
"""

from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone

from . import charts, scoring
from .instruments import Instrument, ItemScoring


@dataclass(frozen=True)
class Chart:
    id: str
    name: str  # "PHQ-9", or the question or goal it follows
    trend: charts.Trend


@dataclass(frozen=True)
class Outcome:
    code: str
    title: str
    latest_day: date
    latest: str  # "12, Moderate", or "4 questions answered"
    count: int
    charts: list[Chart]
    licence: str


def _day(response) -> date:
    return timezone.localdate(response.completed_at)


def short_name(instrument: Instrument) -> str:
    """ "PHQ-9" from "Patient Health Questionnaire (PHQ-9)"; "Goals" for goal-based outcomes, which people know as
    their goals, not by initials."""
    if instrument.items_per_person:
        return "Goals"
    title = instrument.title
    return title[title.rfind("(") + 1 : -1] if title.endswith(")") and "(" in title else title


def _reliable(values: list[float], days: list[date], threshold: float | None, lower: bool) -> charts.Reliable | None:
    if len(values) < 2:
        return None
    if threshold is None:
        return charts.Reliable(charts.Change.NO_RELIABLE_CHANGE)
    result = scoring.classify(values[0], values[-1], threshold, lower) or scoring.NO_RELIABLE_CHANGE
    reached = None
    if result != scoring.NO_RELIABLE_CHANGE:
        reached = next(
            (
                d
                for v, d in zip(values[1:], days[1:], strict=True)
                if scoring.classify(values[0], v, threshold, lower) == result
            ),
            None,
        )
    return charts.Reliable(charts.Change(result), reached)


def _where_it_went(values: list[float], days: list[date], lower: bool) -> str:
    """For a question with no published threshold: the direction only, in words."""
    since = charts.month(days[0])
    if values[-1] == values[0]:
        return f"The same as in {since}"
    return f"{'Higher' if values[-1] > values[0] else 'Lower'} than in {since}"


def _chart(
    chart_id: str, name: str, points: list[tuple[date, float]], how: ItemScoring | None, instrument: Instrument
) -> Chart:
    values, days = [v for _, v in points], [d for d, _ in points]
    lower = how.lower_is_better if how else instrument.lower_is_better
    bands_from = how.bands if how else instrument.bands
    bands = [charts.Band(b.low, b.label) for b in bands_from] or [charts.Band(instrument.scale_min, "")]
    threshold = None
    if how is not None and how.reliable_change is not None:
        threshold = how.reliable_change.threshold
    elif how is None and instrument.reliable_change is not None:
        threshold = instrument.reliable_change.threshold
    if how is None:
        scale = (instrument.scale_min * len(instrument.items), instrument.scale_max * len(instrument.items))
    else:
        scale = (instrument.scale_min, instrument.scale_max)
    reliable = _reliable(values, days, threshold, lower)
    better = charts.Better.LOWER if lower else charts.Better.HIGHER
    trend = charts.trend(chart_id, name, points, bands, scale, better, reliable)
    if threshold is None and len(points) > 1:
        trend = replace(trend, summary=_where_it_went(values, days, lower))
    return Chart(chart_id, name, trend)


def outcomes(responses: list, known: dict[str, Instrument]) -> list[Outcome]:
    """One Outcome per instrument the person has answered, in the order of `known`. `responses` are the person's,
    oldest first within each instrument."""
    by_code: dict[str, list] = {}
    for response in responses:
        by_code.setdefault(response.instrument, []).append(response)
    found = []
    for code, instrument in known.items():
        mine = sorted(by_code.get(code, []), key=lambda r: (r.completed_at, r.pk))
        if not mine:
            continue
        name, last = short_name(instrument), mine[-1]
        drawn: list[Chart] = []
        if instrument.method == "total":
            points = [(_day(r), r.total) for r in mine if r.total is not None]
            if points:
                drawn.append(_chart(f"chart-{code}", name, points, None, instrument))
        else:
            order: list[str] = []
            words: dict[str, str] = {}
            for r in mine:  # goals in the order first rated; questions in the questionnaire's order
                order += [link_id for link_id in r.items if link_id not in order]
                words |= r.goals or {}
            if not instrument.items_per_person:
                order = [link_id for link_id in instrument.items if link_id in order]
            texts = _question_texts(instrument)
            for n, link_id in enumerate(order, start=1):
                points = [(_day(r), r.items[link_id]) for r in mine if link_id in r.items]
                label = words.get(link_id) or texts.get(link_id) or link_id
                drawn.append(_chart(f"chart-{code}-{n}", label, points, instrument.item_scoring(link_id), instrument))
        found.append(
            Outcome(code, instrument.title, _day(last), latest(instrument, last), len(mine), drawn, instrument.licence)
        )
    return found


def latest(instrument: Instrument, response) -> str:
    """A response in a few words: "12, Moderate", or "4 questions rated"."""
    if instrument.method == "total":
        if response.total is None:
            return "Too many questions unanswered for a score"
        return f"{charts.number(response.total)}, {response.band}" if response.band else charts.number(response.total)
    answered, what = len(response.items), "goal" if instrument.items_per_person else "question"
    return f"{answered} {what}{'' if answered == 1 else 's'} rated"


def _question_texts(instrument: Instrument) -> dict[str, str]:
    from .flow import questions

    return {q.link_id: q.text.split(" (")[0] for q in questions(instrument)}
