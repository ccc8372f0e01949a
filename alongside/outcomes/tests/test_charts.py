"""A person's trend chart: accessible SVG, a table of the same numbers and one plain sentence (ADR 28)."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import FileSystemLoader

from alongside.config.jinja2 import environment
from alongside.outcomes.charts import HEIGHT, WIDTH, Band, Better, Change, Reliable, summary, trend

SVG = "{http://www.w3.org/2000/svg}"
PHQ9_BANDS = [
    Band(0, "Minimal"),
    Band(5, "Mild"),
    Band(10, "Moderate"),
    Band(15, "Moderately severe"),
    Band(20, "Severe"),
]
PHQ9_SCALE = (0, 27)
PHQ9_THRESHOLD = 6  # a change of 6 or more points is reliable (the published PHQ-9 threshold)
SERIES = [
    (date(2024, 12, 3), 19),
    (date(2025, 3, 11), 18),
    (date(2025, 6, 17), 16),
    (date(2025, 9, 9), 12),
    (date(2026, 1, 13), 11),
    (date(2026, 4, 21), 9),
    (date(2026, 7, 14), 8),
    (date(2026, 11, 10), 6),
]


def phq9(points, reliable):
    return trend("phq-9", "Your PHQ-9 scores", points, PHQ9_BANDS, PHQ9_SCALE, Better.LOWER, reliable)


def parsed(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314 (our own drawing, not untrusted input)


def test_the_example_reads_as_reliably_improved_with_the_measure_where_it_became_reliable_marked():
    chart = phq9(SERIES, Reliable(Change.IMPROVED, reached=date(2025, 9, 9)))

    assert chart.summary == "Reliably improved since December 2024"
    assert [(row.day, row.score, row.band) for row in chart.rows][:4] == [
        ("3 December 2024", "19", "Moderately severe"),
        ("11 March 2025", "18", "Moderately severe"),
        ("17 June 2025", "16", "Moderately severe"),
        ("9 September 2025", "12", "Moderate"),
    ]
    assert chart.rows[-1].band == "Mild"
    assert [row.note for row in chart.rows].index("Reliable change") == 3
    svg = parsed(chart)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "phq-9-title phq-9-desc"
    assert svg.find(f"{SVG}title").text == "Your PHQ-9 scores"
    desc = svg.find(f"{SVG}desc").text
    assert desc.startswith("Reliably improved since December 2024. 8 measures")
    assert "19 (Moderately severe) at first, 6 (Mild) at the latest. A lower score is better." in desc
    assert len(svg.findall(f"{SVG}circle[@class='app-trend__reliable']")) == 1
    # Every band is named in the drawing, not only shaded: nothing is told by colour alone.
    assert {t.text for t in svg.findall(f"{SVG}text")} >= {b.label for b in PHQ9_BANDS}


def test_no_style_attribute_style_element_script_or_other_host_so_the_sites_csp_lets_it_draw():
    text = str(phq9(SERIES, Reliable(Change.IMPROVED, reached=date(2025, 9, 9))).svg)
    for forbidden in ("style=", "<style", "<script", "href", "http://" + "www.w3.org/1999/xlink"):
        assert forbidden not in text
    assert text.count("http") == 1  # the SVG namespace only, which is a name, not a request


@pytest.mark.parametrize(
    ("result", "words"),
    [
        (Change.IMPROVED, "Reliably improved since June 2025"),
        (Change.NO_RELIABLE_CHANGE, "No reliable change since June 2025"),
        (Change.DETERIORATED, "Reliably worse since June 2025"),
    ],
)
def test_the_sentence_names_the_change_since_the_first_measure(result, words):
    points = [(date(2025, 6, 2), 10), (date(2025, 11, 20), 12)]
    assert summary(points, Reliable(result)) == words


def test_one_measure_so_far():
    chart = phq9([(date(2026, 3, 4), 7)], None)

    assert chart.summary == "One measure so far, in March 2026"
    assert chart.rows[0].note == ""
    assert len(parsed(chart).findall(f"{SVG}circle")) == 1


def test_bad_input_is_refused_plainly():
    with pytest.raises(ValueError, match="at least one"):
        phq9([], None)
    with pytest.raises(ValueError, match="reliable-change"):
        phq9(SERIES, None)
    with pytest.raises(ValueError, match="do not fit"):
        trend("t", "t", SERIES, list(reversed(PHQ9_BANDS)), PHQ9_SCALE, Better.LOWER, Reliable(Change.IMPROVED))
    with pytest.raises(ValueError, match="chart id"):
        trend('x" onload="', "t", SERIES[:1], PHQ9_BANDS, PHQ9_SCALE, Better.LOWER, None)


def test_the_same_input_gives_the_same_bytes():
    reliable = Reliable(Change.IMPROVED, reached=date(2025, 9, 9))
    assert phq9(SERIES, reliable).svg == phq9(list(reversed(SERIES)), reliable).svg


def test_a_name_too_long_for_the_drawing_is_left_to_the_table():
    long = "A band whose name is far longer than the drawing is wide"
    chart = trend("t", "t", SERIES[:1], [Band(0, long)], PHQ9_SCALE, Better.LOWER, None)
    assert long not in {t.text for t in parsed(chart).findall(f"{SVG}text")}
    assert long in parsed(chart).find(f"{SVG}desc").text
    assert chart.rows[0].band == long


def test_words_are_escaped():
    chart = trend("goal-1", "Walk <to> the shop & back", SERIES[:1], [Band(0, "Not yet")], (0, 10), Better.HIGHER, None)
    assert parsed(chart).find(f"{SVG}title").text == "Walk <to> the shop & back"
    assert "&lt;to&gt;" in str(chart.svg)


def test_the_chart_drops_into_a_page_through_jinja():
    chart = phq9(SERIES, Reliable(Change.IMPROVED, reached=date(2025, 9, 9)))
    # The site's own Jinja environment, reading this app's templates (the app joins INSTALLED_APPS with its pages).
    site = environment(loader=FileSystemLoader(Path(__file__).parents[1] / "jinja2"))
    page = site.from_string(
        '{% from "outcomes/_trend.jinja" import trend_chart %}{{ trend_chart(chart, "PHQ-9", "phq-9") }}'
    ).render({"chart": chart})
    assert '<p class="nhsuk-body-l nhsuk-u-margin-bottom-2">Reliably improved since December 2024.</p>' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page  # the drawing itself, not escaped text
    assert "A ring marks the measure where the change became reliable." in page
    assert page.count('<tr class="nhsuk-table__row">') == 1 + len(SERIES)
    assert "9 September 2025</td>" in page
    assert "A lower score is better." in page


@st.composite
def series(draw):
    """1 to 50 PHQ-9 measures on distinct days over about two years, any score in range."""
    days = draw(st.lists(st.integers(0, 730), min_size=1, max_size=50, unique=True))
    scores = draw(st.lists(st.integers(*PHQ9_SCALE), min_size=len(days), max_size=len(days)))
    return [(date(2024, 12, 1) + timedelta(days=d), s) for d, s in zip(days, scores, strict=True)]


def reliable_change(points, better):
    """Jacobson–Truax in its simplest form, as the scoring module gives it: the latest against the first."""
    if len(points) == 1:
        return None
    points = sorted(points)
    first = points[0][1]
    gain = [(first - s) if better == Better.LOWER else (s - first) for _, s in points]
    if gain[-1] >= PHQ9_THRESHOLD:
        return Reliable(Change.IMPROVED, next(points[i][0] for i, g in enumerate(gain) if g >= PHQ9_THRESHOLD))
    if gain[-1] <= -PHQ9_THRESHOLD:
        return Reliable(Change.DETERIORATED, next(points[i][0] for i, g in enumerate(gain) if g <= -PHQ9_THRESHOLD))
    return Reliable(Change.NO_RELIABLE_CHANGE)


@given(series(), st.sampled_from(Better))
def test_any_trend_is_well_formed_accessible_and_stays_inside_its_drawing(points, better):
    reliable = reliable_change(points, better)
    chart = trend("t", "Scores", points, PHQ9_BANDS, PHQ9_SCALE, better, reliable)

    svg = parsed(chart)  # parses as XML
    assert svg.find(f"{SVG}title").get("id") == "t-title"
    assert svg.find(f"{SVG}desc").get("id") == "t-desc"
    assert svg.find(f"{SVG}desc").text.startswith(chart.summary)
    dots = svg.findall(f"{SVG}circle[@class='app-trend__point']")
    assert len(dots) == len(points) == len(chart.rows)  # one mark per measure, one row per measure
    assert [r.when for r in chart.rows] == sorted(w for w, _ in points)
    for element in svg.iter():
        for name in ("x", "x1", "x2", "cx"):
            if name in element.attrib:
                assert 0 <= float(element.get(name)) <= WIDTH
        for name in ("y", "y1", "y2", "cy"):
            if name in element.attrib:
                assert 0 <= float(element.get(name)) <= HEIGHT
    for circle in svg.findall(f"{SVG}circle"):  # the whole dot or ring, not only its centre
        cx, cy, r = (float(circle.get(name)) for name in ("cx", "cy", "r"))
        assert cx - r >= 0 and cx + r <= WIDTH
        assert cy - r >= 0 and cy + r <= HEIGHT
    first, last = sorted(points)[0][1], sorted(points)[-1][1]
    better_by = (first - last) if better == Better.LOWER else (last - first)
    if len(points) == 1:
        assert chart.summary.startswith("One measure so far")
    elif better_by >= PHQ9_THRESHOLD:
        assert chart.summary.startswith("Reliably improved since")
    elif better_by <= -PHQ9_THRESHOLD:
        assert chart.summary.startswith("Reliably worse since")
    else:
        assert chart.summary.startswith("No reliable change since")
    assert sum(r.note == "Reliable change" for r in chart.rows) == (1 if chart.ringed else 0)
    assert chart.ringed == (abs(better_by) >= PHQ9_THRESHOLD and len(points) > 1)
