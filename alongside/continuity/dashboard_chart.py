"""A line chart of one index over the quarters, as numbers an inline SVG template draws: no JavaScript, no library.

Each line is one group (the team, a GP practice, the borough); a quarter with nothing measured leaves a gap. The
lines differ by dash pattern and marker shape as well as colour, so the chart reads without colour; the page
gives the same numbers in a table beside it.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 30, 12, 44  # room for the axis labels
STYLES = (  # (colour, dash pattern, marker) for each line in turn: NHS blue, dark grey, warm yellow's dark partner
    ("#005eb8", "", "circle"),
    ("#4c6272", "8 4", "square"),
    ("#7c2855", "2 4", "diamond"),
)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: float


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dash: str
    marker: str
    segments: list[list[Point]]  # runs of quarters with a value; a gap between runs

    @property
    def paths(self) -> list[str]:
        return [" ".join(f"{p.x:.1f},{p.y:.1f}" for p in run) for run in self.segments]

    @property
    def points(self) -> list[Point]:
        return [p for run in self.segments for p in run]


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    lines: list[Line]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]
    left: int
    bottom: float
    right: float
    names: list[str]  # the groups, for the table of the chart's numbers
    rows: list[tuple[str, list[float | None]]]  # each quarter's name and its numbers, for the table


def short_quarter(first_month: int, year: int) -> str:
    """'Jan–Mar 26': a quarter in a few characters, for the axis."""
    names = {1: "Jan–Mar", 4: "Apr–Jun", 7: "Jul–Sep", 10: "Oct–Dec"}
    return f"{names.get(first_month, first_month)} {year % 100:02d}"


def chart(
    title: str, quarters: list, series: list[tuple[str, list[float | None]]], quarter_names: list[str] | None = None
) -> Chart:
    """`quarters`: Periods, oldest first; `series`: (group name, a value from 0 to 1 or None per quarter);
    `quarter_names`: how the table beside the chart names each quarter."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(quarters) - 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(value: float) -> float:
        return TOP + (1 - max(0.0, min(1.0, value))) * plot_h

    lines = []
    for (name, values), (colour, dash, marker) in zip(series, STYLES, strict=False):
        segments: list[list[Point]] = []
        current: list[Point] = []
        for i, value in enumerate(values):
            if value is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(Point(x(i), y(value), value))
        if current:
            segments.append(current)
        lines.append(Line(name, colour, dash, marker, segments))
    described = []
    for name, values in series:
        known = [v for v in values if v is not None]
        if known:
            described.append(f"{name}: from {known[0]:.2f} to {known[-1]:.2f}")
        else:
            described.append(f"{name}: not measured")
    span = ""
    if quarters:
        span = f" over {len(quarters)} quarters, {quarters[0].first:%B %Y} to {quarters[-1].last:%B %Y}"
    return Chart(
        title=title,
        description=f"{title}{span}, from 0 to 1. " + "; ".join(described) + ". The table beside it gives each figure.",
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        x_labels=[(x(i), short_quarter(q.first.month, q.first.year)) for i, q in enumerate(quarters)],
        y_ticks=[
            (y(v), f"{v:.2f}".rstrip("0").rstrip(".") if v not in (0, 1) else str(int(v)))
            for v in (0, 0.25, 0.5, 0.75, 1)
        ],
        left=LEFT,
        bottom=TOP + plot_h,
        right=WIDTH - RIGHT,
        names=[name for name, _ in series],
        rows=[
            (name, [values[i] for _, values in series])
            for i, name in enumerate(quarter_names or [str(q.first) for q in quarters])
        ],
    )
