"""A person's trend on one outcome measure: an inline SVG chart, the rows of a table of the same numbers, and one
plain sentence ("Reliably improved since March 2025"). Pure: no Django, no database, no library (ADR 28).

The SVG is built with the standard library's ElementTree, so every value is escaped and the same input gives the
same bytes. It uses presentation attributes (fill, stroke) only: no style attribute, no <style>, no script, so the
site's Content Security Policy (style-src 'self') lets it draw. It reads without colour: the bands are named in
text and told apart by shading and lines, each measure is a dot, and the measure where change became reliable has
a ring and a line in the table.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from markupsafe import Markup

# The drawing's own units; it scales to the width it is given (width="100%"), so it works at 375 px and wider.
WIDTH, HEIGHT = 400, 240
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 10, 30  # room for the score labels on the left, the dates below
FONT = "16"
INK, SECONDARY = "#212b32", "#4c6272"  # NHS.UK text colours: 14.9:1 and 6.4:1 on white, 13.6:1 / 5.8:1 on the shading
LINE, RING = "#005eb8", "#007f3b"  # NHS blue and NHS green: 5.1:1 and 5.1:1 on white (3:1 needed for a graphic)
SHADE, RULE = "#f0f4f5", "#aeb7bd"  # every other band shaded; a dashed rule at each band boundary
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ID = re.compile(r"^[a-z][a-z0-9-]*$")


class Better(StrEnum):
    LOWER = "lower"  # PHQ-9, GAD-7, ONS4 anxiety
    HIGHER = "higher"  # ONS4 life satisfaction, goal-based outcomes


class Change(StrEnum):
    """The reliable-change result, in the API's words (issue 15, item 7)."""

    IMPROVED = "improved"
    NO_RELIABLE_CHANGE = "no_reliable_change"
    DETERIORATED = "deteriorated"


@dataclass(frozen=True)
class Band:
    """Scores from `low` up to (not including) the next band's `low`; the last band runs to the scale's top."""

    low: float
    label: str  # plain words: "Mild", "Moderately severe"


@dataclass(frozen=True)
class Reliable:
    """The reliable-change result of the latest measure against the first, and the first measure at which the
    change was reliable (marked on the chart), if any."""

    result: Change
    reached: date | None = None


@dataclass(frozen=True)
class Row:
    when: date
    score: str
    band: str
    note: str  # "Reliable change" on the measure where it was reached, else ""

    @property
    def day(self) -> str:
        return long_date(self.when)


@dataclass(frozen=True)
class Trend:
    svg: Markup
    rows: list[Row]
    summary: str
    better: Better
    ringed: bool  # a ring marks the measure where the change became reliable


def month(when: date) -> str:
    return f"{MONTHS[when.month - 1]} {when.year}"


def long_date(when: date) -> str:
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def number(score: float) -> str:
    return str(int(score)) if float(score).is_integer() else f"{score:.1f}"


def band_of(score: float, bands: list[Band]) -> str:
    label = bands[0].label
    for band in bands:
        if score >= band.low:
            label = band.label
    return label


def summary(points: list[tuple[date, float]], reliable: Reliable | None) -> str:
    """One plain sentence about the whole trend, for the page and the chart's description."""
    first = min(when for when, _ in points)
    if len(points) == 1 or reliable is None:
        return f"One measure so far, in {month(first)}"
    since = month(first)
    match reliable.result:
        case Change.IMPROVED:
            return f"Reliably improved since {since}"
        case Change.DETERIORATED:
            return f"Reliably worse since {since}"
        case _:
            return f"No reliable change since {since}"


def _f(value: float) -> str:
    return f"{value:.1f}"


def _trail(centres: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The dots' centres and points along the line between them, to keep the bands' names clear of them."""
    trail = list(centres)
    for (x0, y0), (x1, y1) in zip(centres, centres[1:], strict=False):
        trail += [(x0 + (x1 - x0) * k / 12, y0 + (y1 - y0) * k / 12) for k in range(1, 12)]
    return trail


def _text_width(label: str) -> float:
    return len(label) * 9 + 6  # Arial at 16 units is under 9 units a character on average


def _label_place(
    label: str, y_high: float, y_low: float, plot_w: float, trail: list[tuple[float, float]]
) -> tuple[float, float, str]:
    """Where a band's name goes: top or bottom of the band, left or right, whichever the measures cross least."""
    width = _text_width(label)
    places = []
    for baseline in (y_high + 17, y_low - 5):
        for x_start, anchor in ((LEFT + 6, "start"), (LEFT + plot_w - 6 - width, "end")):
            near = sum(
                1
                for px, py in trail
                if x_start - 7 <= px <= x_start + width + 7 and baseline - 20 <= py <= baseline + 7
            )
            places.append((near, baseline, x_start if anchor == "start" else x_start + width, anchor))
    near, baseline, x_at, anchor = min(places, key=lambda p: p[0])  # the first of the least crossed
    return x_at, baseline, anchor


def trend(
    chart_id: str,
    title: str,
    points: list[tuple[date, float]],
    bands: list[Band],
    scale: tuple[float, float],
    better: Better,
    reliable: Reliable | None,
) -> Trend:
    """`points`: (date, score), any order, at least one; `bands`: lowest first; `scale`: the instrument's lowest
    and highest possible score; `reliable`: None for a single measure. `chart_id` names the SVG's title and
    description for aria-labelledby, so it must be unique on the page."""
    if not points:
        raise ValueError("a trend needs at least one measure")
    if not ID.match(chart_id):
        raise ValueError(f"chart id {chart_id!r} must be lowercase letters, digits and hyphens")
    if len(points) > 1 and reliable is None:
        raise ValueError("two or more measures need the reliable-change result")
    points = sorted(points, key=lambda p: p[0])
    bottom, top = scale
    lows = [band.low for band in bands]
    if not bottom < top or not bands or lows[0] > bottom or lows != sorted(set(lows)) or lows[-1] >= top:
        raise ValueError("the scale and bands do not fit together")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first, last = points[0][0], points[-1][0]
    span = (last - first).days

    def x(when: date) -> float:
        return LEFT + plot_w / 2 if span == 0 else LEFT + (when - first).days / span * plot_w

    def y(score: float) -> float:
        return TOP + (1 - (min(max(score, bottom), top) - bottom) / (top - bottom)) * plot_h

    sentence = summary(points, reliable)
    first_score, last_score = points[0][1], points[-1][1]
    desc = (
        f"{sentence}. {len(points)} measures from {month(first)} to {month(last)}: "
        f"{number(first_score)} ({band_of(first_score, bands)}) at first, "
        f"{number(last_score)} ({band_of(last_score, bands)}) at the latest. A {better} score is better."
        if len(points) > 1
        else f"{sentence}: {number(first_score)} ({band_of(first_score, bands)}). A {better} score is better."
    )
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "focusable": "false",
            "font-family": "Arial, sans-serif",  # the site's own font (ADR 24), as a presentation attribute
            "class": "app-trend",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    # A white plot, so the shading shows on the page's grey; every other band shaded, a dashed rule and the score
    # at each boundary, the band's name inside it where it leaves the measures clear.
    ET.SubElement(svg, "rect", {"x": _f(LEFT), "y": _f(TOP), "width": _f(plot_w), "height": _f(plot_h),
                                "fill": "#ffffff"})  # fmt: skip
    edges = [max(b.low, bottom) for b in bands] + [top]
    trail = _trail([(x(when), y(score)) for when, score in points])
    for i, band in enumerate(bands):
        y_high, y_low = y(edges[i + 1]), y(edges[i])
        if i % 2:
            ET.SubElement(svg, "rect", {"x": _f(LEFT), "y": _f(y_high), "width": _f(plot_w),
                                        "height": _f(y_low - y_high), "fill": SHADE})  # fmt: skip
        if y_low - y_high >= 20 and _text_width(band.label) <= plot_w - 12:  # room for the name (the table has it)
            label_x, label_y, anchor = _label_place(band.label, y_high, y_low, plot_w, trail)
            label = ET.SubElement(svg, "text", {"x": _f(label_x), "y": _f(label_y), "font-size": FONT,
                                                "text-anchor": anchor, "fill": SECONDARY})  # fmt: skip
            label.text = band.label
    for edge in edges:
        if edge not in (bottom, top):
            ET.SubElement(svg, "line", {"x1": _f(LEFT), "x2": _f(LEFT + plot_w), "y1": _f(y(edge)),
                                        "y2": _f(y(edge)), "stroke": RULE, "stroke-dasharray": "4 4"})  # fmt: skip
    drawn: list[float] = []
    for edge in sorted(set(edges)):  # the scores at the boundaries, leaving out any that would touch the last
        if drawn and y(drawn[-1]) - y(edge) < 22:
            continue
        drawn.append(edge)
        tick = ET.SubElement(svg, "text", {"x": _f(LEFT - 6), "y": _f(y(edge) + 5), "font-size": FONT,
                                           "text-anchor": "end", "fill": INK})  # fmt: skip
        tick.text = number(edge)
    # The axis, and the first and latest dates below it.
    ET.SubElement(svg, "line", {"x1": _f(LEFT), "x2": _f(LEFT + plot_w), "y1": _f(TOP + plot_h),
                                "y2": _f(TOP + plot_h), "stroke": INK})  # fmt: skip
    dates = [(first, "start" if span else "middle")] + ([(last, "end")] if span else [])
    for when, anchor in dates:
        text = ET.SubElement(svg, "text", {"x": _f(x(when)), "y": _f(HEIGHT - 8), "font-size": FONT,
                                           "text-anchor": anchor, "fill": INK})  # fmt: skip
        text.text = f"{MONTHS[when.month - 1][:3]} {when.year}"
    # The measures: a line through them, a dot on each, a ring on the one where change became reliable.
    if len(points) > 1:
        path = " ".join(f"{_f(x(when))},{_f(y(score))}" for when, score in points)
        ET.SubElement(svg, "polyline", {"points": path, "fill": "none", "stroke": LINE, "stroke-width": "3"})
    for when, score in points:
        ET.SubElement(svg, "circle", {"cx": _f(x(when)), "cy": _f(y(score)), "r": "5", "fill": LINE,
                                      "class": "app-trend__point"})  # fmt: skip
    reached = reliable.reached if reliable and reliable.result != Change.NO_RELIABLE_CHANGE else None
    marked = next((i for i, (when, _) in enumerate(points) if when == reached), None)
    if marked is not None:
        ring_x, ring_y = x(points[marked][0]), y(points[marked][1])
        ET.SubElement(svg, "circle", {"cx": _f(ring_x), "cy": _f(ring_y), "r": "10", "fill": "none", "stroke": RING,
                                      "stroke-width": "3", "class": "app-trend__reliable"})  # fmt: skip
    rows = [
        Row(when, number(score), band_of(score, bands), "Reliable change" if i == marked else "")
        for i, (when, score) in enumerate(points)
    ]
    drawing = Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 (ElementTree escaped every text and attribute)
    return Trend(drawing, rows, sentence, better, marked is not None)
