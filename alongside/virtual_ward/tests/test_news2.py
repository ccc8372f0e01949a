"""NEWS2 at every threshold boundary of the Royal College of Physicians' chart (2017), on both sides, and its
properties: the total, the response level, and what a missing reading may and may not do. No database."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.virtual_ward import news2
from alongside.virtual_ward.news2 import Consciousness, Observations, Response

NORMAL = Observations(
    respiration_rate=16,
    spo2=97,
    spo2_scale=1,
    on_oxygen=False,
    systolic_bp=128,
    pulse=72,
    consciousness=Consciousness.ALERT,
    temperature=Decimal("36.8"),
)

# (parameter, value, score): each boundary of the chart, both sides.
BOUNDARIES = [
    ("respiration_rate", 8, 3), ("respiration_rate", 9, 1),
    ("respiration_rate", 11, 1), ("respiration_rate", 12, 0),
    ("respiration_rate", 20, 0), ("respiration_rate", 21, 2),
    ("respiration_rate", 24, 2), ("respiration_rate", 25, 3),
    ("spo2", 91, 3), ("spo2", 92, 2),
    ("spo2", 93, 2), ("spo2", 94, 1),
    ("spo2", 95, 1), ("spo2", 96, 0),
    ("systolic_bp", 90, 3), ("systolic_bp", 91, 2),
    ("systolic_bp", 100, 2), ("systolic_bp", 101, 1),
    ("systolic_bp", 110, 1), ("systolic_bp", 111, 0),
    ("systolic_bp", 219, 0), ("systolic_bp", 220, 3),
    ("pulse", 40, 3), ("pulse", 41, 1),
    ("pulse", 50, 1), ("pulse", 51, 0),
    ("pulse", 90, 0), ("pulse", 91, 1),
    ("pulse", 110, 1), ("pulse", 111, 2),
    ("pulse", 130, 2), ("pulse", 131, 3),
    ("temperature", Decimal("35.0"), 3), ("temperature", Decimal("35.1"), 1),
    ("temperature", Decimal("36.0"), 1), ("temperature", Decimal("36.1"), 0),
    ("temperature", Decimal("38.0"), 0), ("temperature", Decimal("38.1"), 1),
    ("temperature", Decimal("39.0"), 1), ("temperature", Decimal("39.1"), 2),
    ("consciousness", Consciousness.ALERT, 0), ("consciousness", Consciousness.NEW_CONFUSION, 3),
    ("consciousness", Consciousness.VOICE, 3), ("consciousness", Consciousness.PAIN, 3),
    ("consciousness", Consciousness.UNRESPONSIVE, 3),
    ("on_oxygen", False, 0), ("on_oxygen", True, 2),
]  # fmt: skip

# Scale 2 (target 88 to 92%): (SpO2, on oxygen, score).
SCALE_2 = [
    (83, False, 3), (84, False, 2), (85, False, 2), (86, False, 1), (87, False, 1), (88, False, 0),
    (83, True, 3), (84, True, 2), (85, True, 2), (86, True, 1), (87, True, 1), (88, True, 0),
    (92, False, 0), (93, False, 0), (100, False, 0),
    (92, True, 0), (93, True, 1), (94, True, 1), (95, True, 2), (96, True, 2), (97, True, 3), (100, True, 3),
]  # fmt: skip


@pytest.mark.parametrize(("name", "value", "expected"), BOUNDARIES)
def test_each_boundary_of_the_chart(name, value, expected):
    scored = news2.score(replace(NORMAL, **{name: value}))
    assert scored.parts[name] == expected
    assert scored.total == expected + (2 if name != "on_oxygen" and NORMAL.on_oxygen else 0)


@pytest.mark.parametrize(("spo2", "on_oxygen", "expected"), SCALE_2)
def test_scale_2_on_air_and_on_oxygen(spo2, on_oxygen, expected):
    scored = news2.score(replace(NORMAL, spo2=spo2, spo2_scale=2, on_oxygen=on_oxygen))
    assert scored.parts["spo2"] == expected
    assert scored.parts["on_oxygen"] == (2 if on_oxygen else 0)


def test_scale_2_below_93_is_scored_without_knowing_air_or_oxygen_but_not_above():
    assert news2.score(replace(NORMAL, spo2=85, spo2_scale=2, on_oxygen=None)).parts["spo2"] == 2
    above = news2.score(replace(NORMAL, spo2=95, spo2_scale=2, on_oxygen=None))
    assert "spo2" in above.missing and "on_oxygen" in above.missing


def test_a_normal_set_scores_0_and_low():
    scored = news2.score(NORMAL)
    assert (scored.total, scored.response, scored.complete) == (0, Response.LOW, True)


def test_nothing_taken_is_incomplete_not_normal():
    scored = news2.score(Observations())
    assert scored.total is None and scored.response is None and not scored.complete
    assert scored.missing == news2.PARAMETERS


def test_a_temperature_finer_than_tenths_is_rounded_half_up():
    assert news2.temperature(Decimal("38.05")) == 1
    assert news2.temperature(Decimal("38.04")) == 0


def test_a_scale_other_than_1_or_2_is_refused():
    with pytest.raises(ValueError, match="1 or 2"):
        news2.score(replace(NORMAL, spo2_scale=3))


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("respiration_rate", 3, 70), ("spo2", 50, 100), ("systolic_bp", 40, 300), ("pulse", 20, 250)],
)
def test_ranges(name, low, high):
    assert not news2.out_of_range(name, low) and not news2.out_of_range(name, high)
    assert news2.out_of_range(name, low - 1) and news2.out_of_range(name, high + 1)


def test_temperature_range():
    assert not news2.out_of_range("temperature", Decimal("25.0"))
    assert news2.out_of_range("temperature", Decimal("24.9"))
    assert news2.out_of_range("temperature", Decimal("45.1"))


# --- properties --------------------------------------------------------------------------------------------------


def _range(name):
    low, high = news2.RANGES[name]
    return st.integers(int(low), int(high))


temperatures = st.integers(250, 450).map(lambda tenths: Decimal(tenths) / 10)
complete = st.builds(
    Observations,
    respiration_rate=_range("respiration_rate"),
    spo2=_range("spo2"),
    spo2_scale=st.sampled_from([1, 2]),
    on_oxygen=st.booleans(),
    systolic_bp=_range("systolic_bp"),
    pulse=_range("pulse"),
    consciousness=st.sampled_from(list(Consciousness)),
    temperature=temperatures,
)


@given(complete)
def test_the_total_is_the_sum_of_its_parts_within_0_to_20(obs):
    scored = news2.score(obs)
    assert scored.complete
    assert scored.total == sum(scored.parts.values()) == scored.at_least
    assert 0 <= scored.total <= 20
    assert all(0 <= part <= 3 for part in scored.parts.values())


@given(complete)
def test_the_response_level(obs):
    scored = news2.score(obs)
    total = scored.total
    assert (scored.response == Response.HIGH) == (total >= 7)
    assert (scored.response == Response.MEDIUM) == (5 <= total <= 6)
    assert (scored.response == Response.LOW_MEDIUM) == (total <= 4 and 3 in scored.parts.values())
    assert (scored.response == Response.LOW) == (total <= 4 and 3 not in scored.parts.values())


MONOTONE = [
    (news2.respiration_rate, 12, 20, 3, 70),
    (news2.spo2_scale_1, 96, 100, 50, 100),
    (news2.systolic_bp, 111, 219, 40, 300),
    (news2.pulse, 51, 90, 20, 250),
]


@pytest.mark.parametrize(("scoring", "normal_low", "normal_high", "lowest", "highest"), MONOTONE)
def test_each_score_rises_away_from_the_normal_band(scoring, normal_low, normal_high, lowest, highest):
    below = [scoring(v) for v in range(normal_low, lowest - 1, -1)]
    above = [scoring(v) for v in range(normal_high, highest + 1)]
    assert below == sorted(below) and above == sorted(above)
    assert all(scoring(v) == 0 for v in range(normal_low, normal_high + 1))


def test_temperature_rises_away_from_the_normal_band():
    below = [news2.temperature(Decimal(t) / 10) for t in range(361, 249, -1)]
    above = [news2.temperature(Decimal(t) / 10) for t in range(380, 451)]
    assert below == sorted(below) and above == sorted(above)


def test_scale_2_rises_away_from_88_to_92():
    for oxygen in (False, True):
        below = [news2.spo2_scale_2(v, oxygen) for v in range(88, 49, -1)]
        above = [news2.spo2_scale_2(v, oxygen) for v in range(92, 101)]
        assert below == sorted(below) and above == sorted(above)


@given(st.integers(50, 100), st.booleans())
def test_scale_2_differs_from_scale_1_only_where_the_chart_says(spo2, oxygen):
    one, two = news2.spo2_scale_1(spo2), news2.spo2_scale_2(spo2, oxygen)
    if spo2 <= 83:
        assert one == two == 3  # very low is red on both
    elif 88 <= spo2 <= 92:
        assert two == 0  # the target range scores nothing on scale 2
    elif spo2 >= 93 and not oxygen:
        assert two == 0
    elif spo2 >= 97 and oxygen:
        assert (one, two) == (0, 3)  # too much oxygen for someone on scale 2


fields = st.sets(st.sampled_from(["respiration_rate", "spo2", "on_oxygen", "systolic_bp", "pulse",
                                  "consciousness", "temperature"]), min_size=1)  # fmt: skip


@given(complete, fields)
def test_a_missing_reading_makes_it_incomplete_and_never_lowers_what_is_known(obs, dropped):
    partial = news2.score(replace(obs, **dict.fromkeys(dropped)))
    whole = news2.score(obs)
    assert partial.total is None and not partial.complete
    assert partial.at_least <= whole.total
    assert set(partial.missing) >= dropped
    if partial.response is not None:  # only told when the completion cannot change it
        assert partial.response in (Response.MEDIUM, Response.HIGH)
        order = list(Response)
        assert order.index(partial.response) <= order.index(whole.response)
