"""The NEWS2 trend chart: a frame round the plot and shaded bands for 5 and 6 and for 7 and over, so that the top of
the axis is plainly part of the chart; its text alternative unchanged."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from alongside.virtual_ward import chart_reviews

NS = {"svg": "http://www.w3.org/2000/svg"}


def test_the_plot_has_a_frame_and_shaded_bands_with_the_labels_inside():
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    points = [chart_reviews.Point(start + timedelta(hours=h), score, True) for h, score in ((1, 2), (20, 6), (40, 8))]
    drawn = str(chart_reviews.trend("t", "NEWS2", points, start, start + timedelta(hours=48)))
    svg = ET.fromstring(drawn)  # noqa: S314 (our own drawing, not untrusted input)
    rects = svg.findall("svg:rect", NS)
    frame = next(r for r in rects if r.get("class") == "app-trend__frame")
    assert frame.get("fill") == "none" and frame.get("stroke") == chart_reviews.FRAME
    top = float(frame.get("y"))
    fills = {r.get("fill"): r for r in rects}
    emergency, urgent = fills[chart_reviews.EMERGENCY_SHADE], fills[chart_reviews.URGENT_SHADE]
    assert float(emergency.get("y")) == top  # the band for 7 and over reaches the top of the axis
    assert float(urgent.get("y")) == float(emergency.get("y")) + float(emergency.get("height"))
    texts = {t.text: float(t.get("y")) for t in svg.findall("svg:text", NS)}
    assert float(emergency.get("y")) < texts["7: emergency"] < float(urgent.get("y"))
    assert float(urgent.get("y")) < texts["5: urgent review"] <= float(urgent.get("y")) + float(urgent.get("height"))
    assert "12" in texts
    assert svg.find("svg:desc", NS).text == chart_reviews.describe(points)
