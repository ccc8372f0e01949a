"""Suggestions for who takes a referral: continuity first, then room on the caseload; and intake's rules."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from alongside.referrals import intake, timers
from alongside.referrals.allocation import TeamOption, Worker, suggest_teams, suggest_workers
from alongside.referrals.outcome import Outcome, outcome_words


def test_someone_who_knows_the_person_comes_first_even_with_a_fuller_caseload():
    workers = [
        Worker(1, "Ann Free", caseload=2, capacity=30),
        Worker(2, "Bea Known", caseload=29, capacity=30, knows="Was their named worker until March 2025"),
        Worker(3, "Cal Full", caseload=30, capacity=30),
    ]
    ordered = suggest_workers(workers)
    assert [w.name for w in ordered] == ["Bea Known", "Ann Free", "Cal Full"]
    assert ordered[0].reasons == ("Was their named worker until March 2025", "Room for 1 more")
    assert ordered[2].reasons == ("Caseload full",)


workers = st.lists(
    st.builds(
        Worker,
        st.integers(1, 10_000),
        st.text(min_size=1, max_size=5),
        st.integers(0, 40),
        st.integers(1, 40),
        st.sampled_from(["", "Their named worker now"]),
    ),
    max_size=10,
)


@given(workers)
def test_no_stranger_is_ever_suggested_before_someone_who_knows_them(ws):
    ordered = suggest_workers(ws)
    knows = [bool(w.reasons and "named worker" in w.reasons[0]) for w in ordered]
    assert knows == sorted(knows, reverse=True)
    assert len(ordered) == len(ws)


def test_teams_already_caring_then_by_address_then_by_practice():
    options = [
        TeamOption(1, "Hillcrest", serves_practice=True),
        TeamOption(2, "Old Town"),
        TeamOption(3, "Riverside", serves_address=True),
        TeamOption(4, "Meadowbank", already_caring=True),
    ]
    assert [t.name for t in suggest_teams(options)] == ["Meadowbank", "Riverside", "Hillcrest", "Old Town"]


def test_what_is_missing_is_named_field_by_field():
    gaps = intake.missing({"source": "gp", "given_name": "Ada", "reason": "  "})
    assert gaps == {
        "family_name": "Enter the person's last name",
        "birth_date": "Enter the person's date of birth",
        "postcode": "Enter the person's postcode",
        "reason": "Enter why you are making this referral",
        "urgency": "Select how soon help is needed",
    }


def test_people_outside_the_service_must_leave_a_way_to_be_told():
    gaps = intake.missing({"source": "family_carer"}, from_outside=True)
    assert gaps["referrer_email"] == intake.CONTACT_NEEDED
    assert gaps["referrer_name"] == "Enter your name"
    assert "referrer_name" not in intake.missing({"source": "self"}, from_outside=True)


def test_postcode_finds_its_neighbourhood():
    districts = {1: "NV1 NV2", 2: "NV3"}
    assert intake.neighbourhood_for("nv3 1ab", districts) == 2
    assert intake.neighbourhood_for("NV22AB", districts) == 1
    assert intake.neighbourhood_for("ZZ9 9ZZ", districts) is None


def test_overdue_after_the_target():
    received = datetime(2026, 11, 16, 9, tzinfo=UTC)
    targets = {"urgent": 4, "soon": 48, "routine": 120}
    assert not timers.is_overdue(received, "urgent", received + timedelta(hours=4), targets)
    assert timers.is_overdue(received, "urgent", received + timedelta(hours=4, seconds=1), targets)
    assert timers.duration_words(timedelta(hours=50)) == "2 days"
    assert timers.duration_words(timedelta(minutes=5)) == "under an hour"


def test_outcome_words_for_family_name_no_one_and_keep_the_named_worker_back_unless_agreed():
    shared = Outcome(
        "allocated",
        "R000012",
        about_self=False,
        person_name="Ada Okafor",
        team="Riverside team",
        named_worker="Sam Patel",
    )
    outside = outcome_words(shared)
    assert "Ada" not in outside and "Sam Patel" in outside and "R000012" in outside
    assert "Ada Okafor" in outcome_words(shared, inside=True)
    kept = Outcome("allocated", "R000012", about_self=False, team="Riverside team")
    assert "a named worker from the Riverside team" in outcome_words(kept)
    own = Outcome("allocated", "R000013", about_self=True, team="Riverside team", named_worker="Sam Patel")
    assert "is your named worker" in outcome_words(own)
    declined = Outcome("declined", "R000014", about_self=True, reason="We do not cover this area.")
    assert "We do not cover this area." in outcome_words(declined) and "999" in outcome_words(declined)
