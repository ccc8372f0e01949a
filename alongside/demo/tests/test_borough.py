"""The demo borough generator: deterministic, synthetic, and the shape the issue asks for. No database."""

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import islice

import nhs_number
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.demo import borough

TODAY = date(2026, 11, 21)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_nhs_numbers_are_valid_distinct_and_in_the_999_test_range(seed):
    numbers = list(islice(borough.nhs_numbers(seed), 3000))
    assert len(set(numbers)) == len(numbers) == 3000
    assert all(n.startswith("999") and len(n) == 10 and nhs_number.is_valid(n) for n in numbers)


def test_the_whole_999_range_is_used_without_repeats():
    numbers = list(borough.nhs_numbers(7))
    assert len(numbers) == len(set(numbers))
    assert 900_000 < len(numbers) < 920_000


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=300))
def test_same_seed_same_people_and_different_seed_different_people(seed, count):
    first = list(borough.generate_people(seed, count, TODAY))
    assert first == list(borough.generate_people(seed, count, TODAY))
    assert len(first) == count
    other = list(borough.generate_people(seed + 1, count, TODAY))
    assert count < 5 or first != other


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_people_are_adults_with_invented_postcodes_and_drama_range_phones(seed):
    for person in borough.generate_people(seed, 200, TODAY):
        age = (TODAY - person.birth_date).days / 365.25
        assert 18 <= age <= 106
        assert person.postcode.startswith(f"NV{person.neighbourhood_index + 1} ")
        assert person.phone.startswith(("07700 900", "01632 960"))
        assert 0 <= person.practice_index < len(borough.PRACTICE_NAMES)


def test_about_one_in_ten_people_has_no_nhs_number():
    people = list(borough.generate_people(1, 5000, TODAY))
    missing = sum(p.nhs_number is None for p in people)
    assert 350 < missing < 650


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=0, max_value=2**31))
def test_the_borough_has_the_organisations_teams_and_people_the_issue_asks_for(seed):
    plan = borough.plan_borough(seed)
    kinds = Counter(kind for _, kind, _, _ in plan.organisations)
    assert kinds == {"nhs_trust": 1, "council": 1, "voluntary_organisation": 1, "gp_practice": 8}
    roles = Counter(p.role for p in plan.personas)
    assert roles["volunteer"] == 40
    assert 55 <= sum(roles.values()) - roles["volunteer"] <= 70
    logins = {p.role for p in plan.personas if p.login}
    assert logins == set(borough.LOGIN_ROLES) - {"person"}
    assert len({p.username for p in plan.personas}) == len(plan.personas)
    assert {t.kind for t in plan.teams} >= {
        "neighbourhood_team",
        "single_point_of_access",
        "volunteer_hub",
        "virtual_ward",
    }
    assert {p.team for p in plan.personas} <= {t.name for t in plan.teams}
    assert plan == borough.plan_borough(seed)


# ------------------------------------------------------------------------------------------------------------
# The care around each person: every state the person-record issue needs, generated deterministically.
# ------------------------------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 21, 10, 30, tzinfo=UTC)


def care_of(seed: int, count: int):
    return list(borough.generate_borough(seed, count, NOW))


@pytest.fixture(scope="module")
def town():
    """A borough of 2,000 people, with the plan and staffing it was drawn from."""
    plan = borough.plan_borough(11)
    people = list(borough.generate_borough(11, 2000, NOW, plan=plan))
    return plan, borough.Staffing(plan), people


def every(people, part: str) -> list:
    return [item for _, care in people for item in getattr(care, part)]


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=150))
def test_same_seed_same_care_and_different_seed_different_care(seed, count):
    first = care_of(seed, count)
    assert first == care_of(seed, count)
    assert [row for row, _ in first] == list(borough.generate_people(seed, count, NOW.date()))
    assert count < 20 or [care for _, care in first] != [care for _, care in care_of(seed + 1, count)]


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=150))
def test_stories_read_as_a_person_would_tell_them(seed, count):
    """No sentence twice in one story, each version grows by something new, and no words run together."""
    for _, care in care_of(seed, count):
        for story in care.stories:
            sentences = re.split(r"(?<=[.!?])\s+", story.text)
            assert len(sentences) == len(set(sentences)), story.text
            assert not re.search(r"[a-z][.,;:!?][A-Za-z]|\s{2}|\s[.,;]", story.text), story.text
        parts = {s.part for s in care.stories}
        assert parts <= {"my_story", "what_matters", "strengths"}


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=150))
def test_the_database_rules_hold_for_any_seed_and_size(seed, count):
    people = care_of(seed, count)
    for index, (_, care) in enumerate(people):
        open_named = [r for r in care.relationships if r.kind == "named_worker" and r.ended_at is None]
        assert len(open_named) <= 1  # the database allows one open named worker per person
        for r in care.relationships:
            assert (
                r.person == index
                and (r.team is None) == (r.kind != "team_caseload")
                and (r.user is None) != (r.team is None)
            )
            assert r.started_at < NOW and (r.ended_at is None or r.started_at < r.ended_at < NOW)
        numbers = {(s.part, s.number) for s in care.stories}
        assert len(numbers) == len(care.stories)
        for s in care.stories:
            assert {(s.part, n) for n in range(1, s.number + 1)} <= numbers
        for e in care.entries:
            assert e.at < NOW
    entries = [e for _, care in people for e in care.entries]
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))
    by_number = {e.number: e for e in entries}
    for e in entries:
        if e.amends is not None:
            original = by_number[e.amends]
            assert original.amends is None and original.person == e.person and original.at < e.at
            assert original.restricted == e.restricted


def test_everyone_is_on_their_neighbourhood_teams_caseload(town):
    _, _, people = town
    for row, care in people:
        caseload = [r for r in care.relationships if r.kind == "team_caseload"]
        assert [r.team for r in caseload] == [f"{borough.NEIGHBOURHOODS[row.neighbourhood_index]} neighbourhood team"]
        assert caseload[0].ended_at is None


def test_most_have_a_named_worker_from_their_neighbourhood_some_after_an_earlier_one(town):
    _, staff, people = town
    with_worker = changed = social = 0
    for row, care in people:
        named = sorted((r for r in care.relationships if r.kind == "named_worker"), key=lambda r: r.started_at)
        if not named:
            continue
        with_worker += 1
        nbhd = row.neighbourhood_index
        assert {r.user for r in named} <= set(staff.clinicians[nbhd] + staff.social_workers[nbhd])
        social += named[-1].user in staff.social_workers[nbhd]
        if len(named) == 2:
            changed += 1
            earlier, later = named
            assert earlier.ended_at == later.started_at and earlier.ended_reason and later.ended_at is None
            assert earlier.user != later.user
    assert 0.8 * len(people) < with_worker < 0.95 * len(people)
    assert 0.08 * with_worker < changed < 0.25 * with_worker
    assert 0.08 * with_worker < social < 0.25 * with_worker


def test_care_team_members_some_of_them_ended(town):
    _, _, people = town
    members = [r for r in every(people, "relationships") if r.kind == "care_team"]
    assert len(members) > 200
    assert 0.1 < sum(r.ended_at is not None for r in members) / len(members) < 0.3


def test_each_volunteer_has_two_to_five_clients_and_some_allocations_ended(town):
    _, staff, people = town
    allocations = [r for r in every(people, "relationships") if r.kind == "volunteer"]
    clients = Counter(r.user for r in allocations)
    assert set(clients) == set(staff.volunteers)
    assert all(2 <= n <= 5 for n in clients.values())
    assert 0.1 < sum(r.ended_at is not None for r in allocations) / len(allocations) < 0.35
    mine = [r for r in allocations if r.user == "volunteer"]
    assert sum(r.ended_at is None for r in mine) == 3 and sum(r.ended_at is not None for r in mine) == 1
    allocated = {r.person for r in allocations}
    for index, (_, care) in enumerate(people):
        assert bool(care.shared_with_volunteers) == (index in allocated or index == 0)


def test_stories_are_invented_first_person_text_some_in_two_or_three_versions(town):
    _, _, people = town
    stories = every(people, "stories")
    latest = Counter((s.person, s.part) for s in stories)
    versions = Counter(latest.values())
    assert versions[1] > versions[2] > versions[3] > 0 and set(versions) == {1, 2, 3}
    assert {s.part for s in stories} == {"my_story", "what_matters", "strengths"}
    for s in stories:
        assert "{" not in s.text and "}" not in s.text and s.reason and s.written_by
        assert any(word in s.text.split() for word in ("I", "My", "me", "my", "Please", "I'm"))
    assert 0.25 * len(people) < len({s.person for s in stories if s.part == "my_story"}) < 0.45 * len(people)


def test_supporters_have_invented_names_and_drama_range_phones(town):
    _, _, people = town
    supporters = every(people, "supporters")
    assert 0.35 * len(people) < len({s.person for s in supporters}) < 0.55 * len(people)
    for s in supporters:
        given, family = s.name.split(" ", 1)
        assert given in borough.GIVEN_NAMES and family in borough.FAMILY_NAMES
        assert s.phone.startswith(("07700 900", "01632 960"))
    assert {s.is_carer for s in supporters} == {True, False}
    assert any(s.ended_on for s in supporters)


def test_consent_choices_of_every_kind(town):
    _, _, people = town
    consents = every(people, "consents")
    kinds = Counter(
        (
            c.permit,
            c.actor_kind,
            c.categories if c.actor_kind == "volunteers" else c.organisation in borough.PRACTICE_NAMES,
        )
        for c in consents
    )
    assert kinds[(False, "volunteers", ("contact",))] > 10
    assert kinds[(True, "organisation", True)] > 50
    assert any(not c.permit and c.organisation == borough.COUNCIL for c in consents)
    withdrawn = [c for c in consents if c.withdrawn_at]
    assert 0.08 * len(consents) < len(withdrawn) < 0.25 * len(consents)
    for c in withdrawn:
        assert c.start < c.withdrawn_at < NOW
    for row, care in people:
        for c in care.consents:
            if c.organisation in borough.PRACTICE_NAMES:
                assert c.organisation == borough.PRACTICE_NAMES[row.practice_index]
                assert set(c.categories) >= {"name", "story"}


def test_timelines_have_restricted_items_and_amendments(town):
    _, _, people = town
    entries = every(people, "entries")
    assert 0.35 * len(people) < len({e.person for e in entries}) < 0.55 * len(people)
    assert {e.kind for e in entries} == {"note", "contact", "referral", "review"}
    restricted = [e for e in entries if e.restricted and e.amends is None]
    assert 0.03 * len(entries) < len(restricted) < 0.12 * len(entries)
    for e in restricted:  # a restricted note is written by the person's named worker
        care = people[e.person][1]
        assert e.author in {r.user for r in care.relationships if r.kind == "named_worker"}
    assert sum(e.amends is not None for e in entries) > 20


def test_break_glass_reviewed_awaiting_review_and_one_open_now(town):
    _, staff, people = town
    events = every(people, "break_glass")
    assert len(events) >= 4
    open_now = [b for b in events if b.started_at <= NOW < b.expires_at]
    assert [(b.user, b.person, b.reviewed_at) for b in open_now] == [("spa_triage", 1, None)]
    waiting = [b for b in events if b.reviewed_at is None and b.expires_at <= NOW]
    reviewed = [b for b in events if b.reviewed_at is not None]
    assert waiting and reviewed
    assert {b.reviewed_by for b in reviewed} == {"ig_reviewer"} and {b.outcome for b in reviewed} <= {
        "appropriate",
        "inappropriate",
    }
    for b in events:
        assert b.expires_at - b.started_at == timedelta(hours=12) and b.reason_text
        assert b.organisation == borough.TRUST and staff.organisation[b.user] == borough.TRUST
        care = people[b.person][1]
        assert b.user not in {r.user for r in care.relationships}  # break-glass is for people without a relationship
        assert [a.action for a in care.audit if a.actor == b.user and a.basis == "break_glass"] == [
            "break_glass_started",
            "person_viewed",
        ]
        reviews = [a for a in care.audit if a.action == "break_glass_reviewed"]
        assert [(a.actor, a.at) for a in reviews] == ([("ig_reviewer", b.reviewed_at)] if b.reviewed_at else [])


def test_the_demo_logins_each_see_every_state(town):
    _, staff, people = town
    person_row, person = people[0]
    assert {s.number for s in person.stories if s.part == "my_story"} == {1, 2, 3}
    assert {s.number for s in person.stories if s.part == "what_matters"} == {1, 2}
    assert len(person.supporters) == 2 and person.entries and person.shared_with_volunteers
    assert {(c.permit, c.withdrawn_at is not None) for c in person.consents} == {
        (True, False),
        (False, False),
        (True, True),
    }
    assert {a.basis for a in person.audit} == {"relationship", "consent", "break_glass", ""}  # "": the IG review
    assert all(a.actor != "person" and a.at < NOW for a in person.audit)
    assert "volunteer" in {r.user for r in person.relationships if r.kind == "volunteer"}

    clinician_people = [
        care
        for _, care in people
        if any(r.user == "clinician" and r.kind == "named_worker" and r.ended_at is None for r in care.relationships)
    ]
    assert len(clinician_people) >= 5
    assert sum(any(e.restricted for e in care.entries) for care in clinician_people) >= 5

    refused = [care for _, care in people if any(r.user == "volunteer" for r in care.relationships)]
    assert any(c.actor_kind == "volunteers" and not c.permit for care in refused for c in care.consents)

    gp_practice = borough.PRACTICE_NAMES[0]
    assert any(
        c.permit and c.organisation == gp_practice and c.withdrawn_at is None
        for row, care in people
        if row.practice_index == 0
        for c in care.consents
    )
    assert "gp" in staff.gps[0] and "clinician" in staff.clinicians[0] and "social_worker" in staff.social_workers[0]


def test_a_borough_of_one_still_builds():
    [(row, care)] = care_of(3, 1)
    assert care.stories and care.consents and [r.kind for r in care.relationships][0] == "team_caseload"


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=150))
def test_each_persons_story_fits_their_age_and_the_people_around_them(seed, count):
    """A widow never lists the partner who died among their people; whoever they say they live with is there;
    nobody under 60 talks of grandchildren or under 62 of retiring; nobody came here older than they are."""
    for row, care in care_of(seed, count):
        age = (NOW.date() - row.birth_date).days // 365
        story = " ".join(s.text for s in care.stories)
        kinds = {s.relationship for s in care.supporters}
        died = re.search(r"since my (\w+) died", story)
        if died:
            assert died.group(1) not in kinds, (story, kinds)
        lives_with = re.search(r"I live with my (\w+)", story)
        if lives_with and care.supporters:
            assert lives_with.group(1) in kinds, (story, kinds)
        if age < 60:
            assert "grand" not in story and not kinds & {"granddaughter", "grandson"}, (age, story, kinds)
        if age < 62:
            assert "retired" not in story, (age, story)
        came = re.search(r"came to Northvale when I was (\w+)", story)
        if came:
            assert borough.NUMBER_WORDS[came.group(1)] < age, (age, story)
