"""The pure routing rules: which route a concern takes, who acts on it, who is alerted, when it must be answered."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.concerns import routing
from alongside.concerns.models import Kind, RouteKind, Urgency

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
ids = st.one_of(st.none(), st.integers(min_value=1, max_value=10**6))
settings_ = st.builds(
    routing.RouteSetting,
    kind=st.sampled_from(routing.ROUTE_KINDS),
    response_hours=st.integers(routing.MIN_RESPONSE_HOURS, routing.MAX_RESPONSE_HOURS),
    team_leader_id=ids,
    configured=st.just(True),
)
configured_routes = st.dictionaries(st.sampled_from(routing.URGENCIES), settings_)


def test_the_pure_values_are_the_models():
    assert set(routing.KINDS) == set(Kind.values)
    assert set(routing.URGENCIES) == set(Urgency.values)
    assert set(routing.ROUTE_KINDS) == set(RouteKind.values)


def test_a_hub_with_no_routes_gets_the_living_well_defaults():
    assert [(u, r.kind, r.response_hours) for u, r in routing.routes_of({})] == [
        ("today", "team_leader_call", 4),
        ("few_days", "monthly_meeting", 72),
        ("next_meeting", "coffee_morning", 336),
    ]


@given(configured_routes, st.sampled_from(routing.URGENCIES))
def test_a_configured_route_is_used_and_the_default_fills_the_rest(configured, urgency):
    route = routing.route_for(configured, urgency)
    assert route == configured.get(urgency, routing.DEFAULTS[urgency])


@given(st.sampled_from(routing.KINDS), ids, ids, st.integers(1, 10**6))
def test_who_acts(kind, named, caseload, hub):
    receiver = routing.who_acts(kind, named_worker_id=named, caseload_team_id=caseload, hub_id=hub)
    if kind != "health":
        assert receiver == routing.Receiver(None, hub)  # the coordinators, for a community service
    elif named is not None:
        assert receiver.user_id == named and receiver.team_id == (caseload if caseload is not None else hub)
    elif caseload is not None:
        assert receiver == routing.Receiver(None, caseload)
    else:
        assert receiver == routing.Receiver(None, hub)  # nobody else: it still reaches someone


@given(st.sampled_from(routing.ROUTE_KINDS), ids, st.lists(st.integers(1, 1000)))
def test_only_a_call_alerts_anyone_and_always_someone_when_it_can(kind, leader, coordinators):
    alerted = routing.alerted(kind, leader, coordinators)
    if kind != "team_leader_call":
        assert alerted == []
    elif leader is not None:
        assert alerted == [leader]
    else:
        assert alerted == sorted(set(coordinators))


@given(settings_)
def test_the_answer_by_time_is_the_route_s_target(route):
    assert routing.answer_by(NOW, route) - NOW == timedelta(hours=route.response_hours)
    assert routing.is_overdue(routing.answer_by(NOW, route), NOW + timedelta(hours=route.response_hours, seconds=1))
    assert not routing.is_overdue(routing.answer_by(NOW, route), NOW)


@given(configured_routes, st.sampled_from(routing.ROUTE_KINDS))
def test_a_reroute_takes_the_hub_s_target_for_that_kind(configured, kind):
    hours = routing.hours_for_kind(configured, kind)
    same_kind = [r for _u, r in routing.routes_of(configured) if r.kind == kind]
    assert hours == (same_kind[0].response_hours if same_kind else routing.HOURS_BY_KIND[kind])


def test_a_reroute_call_goes_to_the_most_urgent_named_team_leader():
    configured = {
        "few_days": routing.RouteSetting("team_leader_call", 24, 7),
        "today": routing.RouteSetting("team_leader_call", 4, 3),
    }
    assert routing.call_team_leader(configured) == 3
    assert routing.call_team_leader({}) is None


def test_unknown_values_are_refused():
    for call in (
        lambda: routing.route_for({}, "soon"),
        lambda: routing.who_acts("money", named_worker_id=None, caseload_team_id=None, hub_id=1),
        lambda: routing.hours_for_kind({}, "pigeon"),
    ):
        try:
            call()
        except ValueError:
            continue
        raise AssertionError("accepted an unknown value")
