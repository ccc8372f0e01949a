"""The demo borough's referrals: every state of the single point of access, deterministic, consistent with the
people and the care around them, and something for each demo login to see. No database."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from alongside.demo import borough
from alongside.referrals import demo
from alongside.referrals.lifecycle import AWAITING_DECISION, next_status
from alongside.referrals.matching import Details, is_exact, rank
from alongside.referrals.timers import is_overdue, week_start

NOW = datetime(2026, 11, 21, 10, 30, tzinfo=UTC)  # a Saturday
TARGETS = demo.TARGET_HOURS


@pytest.fixture(scope="module")
def town():
    """A borough of 2,000 people and its referrals, with the staffing they were drawn from."""
    plan = borough.plan_borough(11)
    people, referrals = demo.referrals_for_borough(11, 2000, NOW, plan=plan)
    return plan, borough.Staffing(plan), people, referrals


def current_named_worker(care) -> str | None:
    return next((r.user for r in care.relationships if r.kind == "named_worker" and r.ended_at is None), None)


def waiting(referrals):
    return [r for r in referrals if r.status in AWAITING_DECISION]


def overdue(referrals):
    return [r for r in waiting(referrals) if is_overdue(r.received_at, r.urgency, NOW, TARGETS)]


def test_a_few_hundred_for_the_default_borough_at_least_60_and_capped():
    assert demo.referral_count(5000) == 250
    assert demo.referral_count(300) == demo.referral_count(1) == 60
    assert demo.referral_count(1_000_000) == demo.referral_count(10_000_000) == 1_500


def test_every_status_source_channel_and_urgency_appears(town):
    *_, referrals = town
    assert len(referrals) == demo.referral_count(2000) == 100
    assert {r.status for r in referrals} == set(demo.STATUSES)
    assert {r.source for r in referrals} == set(demo.SOURCES)
    assert {r.channel for r in referrals} == set(demo.CHANNELS)
    assert {r.urgency for r in referrals} == set(demo.URGENCIES)
    assert [r.number for r in referrals] == list(range(len(referrals)))


def test_the_same_seed_gives_the_same_referrals_and_another_seed_others():
    first = demo.referrals_for_borough(5, 400, NOW)[1]
    assert first == demo.referrals_for_borough(5, 400, NOW)[1]
    assert [(r.given_name, r.received_at) for r in first] != [
        (r.given_name, r.received_at) for r in demo.referrals_for_borough(6, 400, NOW)[1]
    ]


def test_each_history_follows_the_lifecycle_in_order_and_in_the_past(town):
    *_, referrals = town
    for r in referrals:
        moves = r.transitions
        assert moves[0].from_status == "" and moves[-1].to_status == r.status
        for before, after in zip(moves, moves[1:], strict=False):
            assert before.to_status == after.from_status and before.at <= after.at
            assert next_status(after.from_status, after.move) == after.to_status
        assert all(m.at < NOW for m in moves) and r.created_at <= (r.received_at or r.created_at)
        assert r.version >= len(moves)
        if r.status == "draft":
            assert r.received_at is None and r.person is None and r.channel == "staff"
            continue
        assert r.received_at == next(m.at for m in moves if m.to_status == "received")
        decisions = [m for m in moves if m.move in ("accept", "redirect", "decline")]
        assert (r.decided_at is not None) == bool(decisions)
        if decisions:
            assert r.decided_at == decisions[0].at and decisions[0].reason == r.decision_reason
        assert (r.closed_at is not None) == (r.status == "closed")
        triage = [m for m in moves if m.move in ("confirm_person", "accept", "redirect", "decline", "close")]
        assert all(m.by is not None for m in triage)


def test_triage_moves_are_made_at_the_single_point_of_access(town):
    plan, _, _, referrals = town
    spa = {p.username for p in plan.personas if p.team == "Single point of access"}
    for r in referrals:
        for m in r.transitions:
            if m.move in ("confirm_person", "accept", "redirect", "decline", "close"):
                assert m.by in spa


def test_matched_referrals_are_about_the_borough_s_people_and_agree_with_their_care(town):
    _, staff, people, referrals = town
    matched = [r for r in referrals if r.person is not None]
    assert {r.matched_by for r in matched} == {"nhs_number", "confirmed"}
    assert all(not r.matched_by for r in referrals if r.person is None)
    for r in matched:
        row, care = people[r.person]
        assert r.neighbourhood == row.neighbourhood_index
        if r.matched_by == "nhs_number":
            sought = Details(r.given_name, r.family_name, r.birth_date, nhs_number=r.nhs_number)
            known = Details(row.given_name, row.family_name, row.birth_date, nhs_number=row.nhs_number or "")
            assert is_exact(sought, known)
        decided = r.status if r.status != "closed" else r.transitions[-1].from_status
        if decided in ("accepted", "allocated"):
            nbhd = borough.NEIGHBOURHOODS[row.neighbourhood_index]
            assert r.team == f"{nbhd} neighbourhood team"
            caseload = [x for x in care.relationships if x.kind == "team_caseload" and x.team == r.team]
            assert caseload and caseload[0].started_at <= r.decided_at  # accepting put them on the caseload
        if decided == "allocated":
            # The named worker allocated is the person's named worker now, since the referral was allocated.
            assert r.named_worker == current_named_worker(care)
            assert r.named_worker in staff.clinicians[row.neighbourhood_index]
            named = [x for x in care.relationships if x.kind == "named_worker"]
            allocated = next(m.at for m in r.transitions if m.move == "allocate")
            assert [(x.user, x.started_at) for x in named] == [(r.named_worker, allocated)]
        else:
            assert r.named_worker is None
    unmatched = [r for r in referrals if r.person is None and r.status != "draft"]
    assert unmatched and all(r.status in ("received", "redirected", "declined", "closed") for r in unmatched)
    assert all(r.neighbourhood == int(r.postcode[2]) - 1 for r in unmatched)


def test_some_unmatched_referrals_are_a_slip_away_from_someone_known_and_some_are_new_people(town):
    *_, people, referrals = town
    known = [
        Details(row.given_name, row.family_name, row.birth_date, row.postcode, row.nhs_number or "", index)
        for index, (row, _) in enumerate(people)
    ]
    close = new = 0
    for r in referrals:
        if r.person is None and r.status != "draft":
            found = rank(Details(r.given_name, r.family_name, r.birth_date, r.postcode, r.nhs_number), known)
            exact = [c for c in found if known[c.person_id].given_name == r.given_name]
            close += bool(found) and not (exact and known[exact[0].person_id].family_name == r.family_name)
            new += not found
    assert close >= 3 and new >= 3


def test_the_gp_login_made_a_dozen_in_every_state_and_was_told_each_outcome(town):
    *_, referrals = town
    made = [r for r in referrals if r.referrer_user == "gp"]
    assert len(made) == 12
    assert Counter(r.status for r in made)["draft"] == 2
    assert {r.status for r in made} == set(demo.STATUSES)
    assert {(r.source, r.referrer_organisation) for r in made} == {("gp", borough.PRACTICE_NAMES[0])}
    for r in made:
        told = [t.status for t in r.told]
        decided = [m.to_status for m in r.transitions if m.to_status in demo.TOLD_STATUSES]
        assert told == decided  # an alert for each outcome, and no "thank you": staff are inside the service
    assert sum(bool(r.told) for r in made) >= 6


def test_the_coordinator_login_made_a_few(town):
    *_, referrals = town
    made = [r for r in referrals if r.referrer_user == "coordinator"]
    assert 3 <= len(made) <= 6 and {r.source for r in made} == {"volunteer_coordinator"}


def test_the_queue_has_overdue_and_urgent_referrals_and_this_week_s_decisions(town):
    *_, referrals = town
    assert len(overdue(referrals)) >= 3
    assert [r for r in waiting(referrals) if r.urgency == "urgent"]
    assert [r for r in waiting(referrals) if not is_overdue(r.received_at, r.urgency, NOW, TARGETS)]
    this_week = [r for r in referrals if r.decided_at and week_start(NOW) <= r.decided_at <= NOW]
    assert {r.urgency for r in this_week} == set(demo.URGENCIES)
    assert all(NOW - r.received_at < timedelta(days=14) for r in waiting(referrals))


def test_the_riverside_team_leader_has_accepted_referrals_needing_a_named_worker(town):
    *_, people, referrals = town
    accepted = [r for r in referrals if r.status == "accepted" and r.team == "Riverside neighbourhood team"]
    assert len(accepted) >= 2
    assert all(current_named_worker(people[r.person][1]) is None for r in accepted)


def test_the_public_leave_a_way_to_be_told_and_are_thanked_then_told_each_outcome(town):
    *_, referrals = town
    public = [r for r in referrals if r.channel == "public"]
    assert public and {r.source for r in public} == {"self", "family_carer"}
    for r in public:
        assert r.referrer_user is None and (r.referrer_email or r.referrer_phone)
        assert r.told[0].status == "received" and len({t.status for t in r.told}) == len(r.told)
        if r.source == "family_carer":
            assert r.referrer_name and r.referrer_relationship
    assert {bool(r.referrer_email) for r in public} == {True, False}
    for r in referrals:
        if r.channel == "api":
            assert r.referrer_user and r.referrer_email


def test_story_offers_come_with_what_the_referrer_said_about_someone_known(town):
    *_, referrals = town
    offered = [r for r in referrals if r.story_offer == "offered"]
    assert len(offered) >= 5
    assert all(r.situation and r.person is not None for r in offered)
    assert {r.story_offer for r in referrals} <= {"", "offered", "declined"}
    person_login = [r for r in offered if r.person == 0]
    assert [(r.source, r.channel, r.status) for r in person_login] == [("family_carer", "public", "triaged")]
    assert [r for r in offered if r.named_worker == "clinician"]


def test_the_words_are_plain_and_filled_in(town):
    *_, referrals = town
    for r in referrals:
        for text in (r.reason, r.situation, r.decision_reason, *(m.reason for m in r.transitions)):
            assert "{" not in text and "  " not in text
        if r.status != "draft":
            assert r.reason and r.given_name and r.family_name and r.birth_date and r.postcode
        if r.status in ("redirected",) or (r.status == "closed" and r.redirected_to):
            assert r.redirected_to and r.decision_reason


@pytest.mark.parametrize("count", [1, 3, 50])
def test_a_tiny_borough_still_gets_referrals_about_the_people_it_has(count):
    people, referrals = demo.referrals_for_borough(3, count, NOW)
    assert referrals and {r.status for r in referrals} >= {"draft", "received", "redirected", "declined", "closed"}
    assert all(r.person is None or 0 <= r.person < count for r in referrals)


def test_nobody_confirms_who_a_referral_they_wrote_is_about(town):
    _, _, _, referrals = town
    confirmed = [(r, m) for r in referrals for m in r.transitions if m.move == "confirm_person"]
    assert confirmed and all(m.by != r.referrer_user for r, m in confirmed)


def test_the_spa_triage_login_can_match_every_referral_waiting_to_be_matched():
    """In the default borough (seed 2026, 5,000 people), the login wrote none of those still to be matched."""
    _, referrals = demo.referrals_for_borough(2026, 5000, NOW, plan=borough.plan_borough(2026))
    to_match = [r for r in referrals if r.status == "received"]
    assert to_match and not [r for r in to_match if r.referrer_user == "spa_triage"]
