"""The NEWS2 trend over an episode: an inline SVG in the house style of `alongside.outcomes.charts` (a title and a
description for screen readers, presentation attributes only, escaped by ElementTree), with a table of the same
numbers beside it on the page. Pure: no Django, no database.

A complete score is a filled dot; an incomplete one is a hollow ring at the score it is at least, and the table
says "at least". Dashed rules mark 5 (an urgent review) and 7 (an emergency response), named in text inside
shaded bands (5 and 6 pale yellow, 7 and over pale red), and a frame round the plot, so that every number on the
axis, the top one too, is plainly part of the chart and not of the page (whose grey it would otherwise share).
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

WIDTH, HEIGHT = 400, 240
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 10, 30
FONT = "16"
INK, SECONDARY = "#212b32", "#4c6272"
LINE, RULE = "#005eb8", "#aeb7bd"
URGENT_SHADE, EMERGENCY_SHADE = "#fff5d6", "#fde9e7"  # the labels' #4c6272 on them: more than 4.5 to 1
FRAME = "#768692"  # against the white plot and the grey page: 3 to 1 or more, as a graphic needs
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Point:
    at: datetime
    score: int  # the total, or what it is at least when incomplete
    complete: bool


def when(at: datetime) -> str:
    return f"{at.day} {MONTHS[at.month - 1]} {at:%H:%M}"


def _f(value: float) -> str:
    return f"{value:.1f}"


def describe(points: list[Point], plain: bool = False) -> str:
    score, reviews = ("score", "checks") if plain else ("NEWS2", "reviews")
    if not points:
        return f"No {reviews} yet."
    first, last = points[0], points[-1]

    def said(p: Point) -> str:
        return f"{p.score}" if p.complete else f"at least {p.score} (incomplete)"

    if len(points) == 1:
        return f"One {reviews[:-1]}, on {when(first.at)}: {score} {said(first)}."
    hollow = sum(1 for p in points if not p.complete)
    extra = f" {hollow} incomplete, shown as hollow rings." if hollow else ""
    return (
        f"{len(points)} {reviews} from {when(first.at)} to {when(last.at)}: {score} {said(first)} at first, "
        f"{said(last)} at the latest. Highest {max(p.score for p in points)}.{extra}"
    )


def trend(
    chart_id: str, title: str, points: list[Point], start: datetime, end: datetime, plain: bool = False
) -> Markup:
    """`points` in time order; `start` and `end` the span the x axis covers (the episode so far); `plain` words
    the description and the rules for the person rather than for staff."""
    points = sorted(points, key=lambda p: p.at)
    if points:
        start, end = min(start, points[0].at), max(end, points[-1].at)
    top = max(12, max((p.score for p in points), default=0) + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = (end - start).total_seconds()

    def x(at: datetime) -> float:
        return LEFT + plot_w / 2 if span <= 0 else LEFT + (at - start).total_seconds() / span * plot_w

    def y(score: float) -> float:
        return TOP + (1 - score / top) * plot_h

    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "width": "100%",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "focusable": "false",
            "font-family": "Arial, sans-serif",
            "class": "app-trend",
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = describe(points, plain)
    ET.SubElement(svg, "rect", {"x": _f(LEFT), "y": _f(TOP), "width": _f(plot_w), "height": _f(plot_h),
                                "fill": "#ffffff"})  # fmt: skip
    # 5 and 6 shaded for an urgent review, 7 and over for an emergency response; dashed rules at 5 and 7, named.
    ET.SubElement(svg, "rect", {"x": _f(LEFT), "y": _f(y(7)), "width": _f(plot_w), "height": _f(y(5) - y(7)),
                                "fill": URGENT_SHADE})  # fmt: skip
    ET.SubElement(svg, "rect", {"x": _f(LEFT), "y": _f(TOP), "width": _f(plot_w), "height": _f(y(7) - TOP),
                                "fill": EMERGENCY_SHADE})  # fmt: skip
    rules = ((5, "5: check soon"), (7, "7: urgent help")) if plain else ((5, "5: urgent review"), (7, "7: emergency"))
    for edge, name in rules:
        ET.SubElement(svg, "line", {"x1": _f(LEFT), "x2": _f(LEFT + plot_w), "y1": _f(y(edge)), "y2": _f(y(edge)),
                                    "stroke": RULE, "stroke-dasharray": "4 4"})  # fmt: skip
        label = ET.SubElement(svg, "text", {"x": _f(LEFT + 6), "y": _f(y(edge) - 5), "font-size": FONT,
                                            "text-anchor": "start", "fill": SECONDARY})  # fmt: skip
        label.text = name
    for tick in (0, 5, 7, top):
        text = ET.SubElement(svg, "text", {"x": _f(LEFT - 6), "y": _f(y(tick) + 5), "font-size": FONT,
                                           "text-anchor": "end", "fill": INK})  # fmt: skip
        text.text = str(tick)
    ET.SubElement(svg, "rect", {"x": _f(LEFT), "y": _f(TOP), "width": _f(plot_w), "height": _f(plot_h),
                                "fill": "none", "stroke": FRAME, "class": "app-trend__frame"})  # fmt: skip
    ET.SubElement(svg, "line", {"x1": _f(LEFT), "x2": _f(LEFT + plot_w), "y1": _f(TOP + plot_h),
                                "y2": _f(TOP + plot_h), "stroke": INK})  # fmt: skip
    for at, anchor in ((start, "start"), (end, "end")):
        text = ET.SubElement(svg, "text", {"x": _f(x(at)), "y": _f(HEIGHT - 8), "font-size": FONT,
                                           "text-anchor": anchor, "fill": INK})  # fmt: skip
        text.text = when(at)
    if len(points) > 1:
        path = " ".join(f"{_f(x(p.at))},{_f(y(p.score))}" for p in points)
        ET.SubElement(svg, "polyline", {"points": path, "fill": "none", "stroke": LINE, "stroke-width": "3"})
    for p in points:
        fill, kind = (LINE, "app-trend__point") if p.complete else ("#ffffff", "app-trend__incomplete")
        ET.SubElement(svg, "circle", {"cx": _f(x(p.at)), "cy": _f(y(p.score)), "r": "6", "fill": fill,
                                      "stroke": LINE, "stroke-width": "3", "class": kind})  # fmt: skip
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 (ElementTree escaped every text and attribute)
