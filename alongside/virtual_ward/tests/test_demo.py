"""The demo borough's virtual ward: a 20-bed ward for the borough's practices, a year of step-up and step-down
episodes that never put more people on the ward than it had beds, every ended episode with an outcome, reviews
scored as news2 scores them, today's board with people at different hours of their 72, and a login for one of its
nurses."""

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from alongside.partners.models import Membership, Organisation
from alongside.people.models import CareRelationship
from alongside.virtual_ward import demo_year, news2, queries_figures, report_figures
from alongside.virtual_ward.models import DayCapacity, Episode, PlannedContact, Referral, Review, Ward


@pytest.fixture
def built(demo_borough):
    # today's board is minutes from its next decision: a copy of the borough runs on the clock of its build
    demo_borough(seed=5, people=300)


def test_a_20_bed_ward_with_a_year_of_episodes_from_every_source(built):
    ward = Ward.objects.get()
    assert (ward.beds, ward.decision_hours, ward.episode_hours) == (20, 2, 72)
    assert ward.target_deflection == Decimal("0.170")
    assert ward.baseline_source.startswith("Synthetic: demo borough")
    # the practices' whole registered population, with the baseline 120 emergency admissions a year per 1,000
    assert ward.registered_population == 60_000 and ward.population_source.startswith("Synthetic")
    assert ward.baseline_admissions_per_year == 120 * ward.registered_population // 1000
    assert set(ward.practices.all()) == set(Organisation.objects.filter(kind="gp_practice"))
    assert Membership.objects.filter(team=ward.team, role="clinician").count() >= 6
    referrals = Referral.objects.filter(ward=ward)
    assert set(referrals.values_list("source", flat=True)) == set(Referral.Source.values)
    assert set(referrals.values_list("direction", flat=True)) == set(Referral.Direction.values)
    decided = referrals.exclude(decision="")
    accepted = decided.filter(decision="accepted")
    assert accepted.count() > 0.75 * decided.count()
    assert not decided.filter(decision="declined", decision_reason="").exists()
    late = [r for r in decided if r.decided_at > r.decision_due]
    assert 0 < len(late) < 0.1 * decided.count()
    episodes = list(Episode.objects.filter(ward=ward))
    first = min(e.admitted_at for e in episodes)
    assert first < timezone.now() - timedelta(days=360)
    ended = [e for e in episodes if e.ended_at]
    assert all(e.outcome for e in ended) and all(not e.outcome for e in episodes if not e.ended_at)
    outcomes = {e.outcome for e in ended}
    assert outcomes == set(Episode.Outcome.values)
    home = sum(e.outcome == "home" for e in ended)
    assert home > 0.6 * len(ended)
    assert all(e.outcome_reason for e in ended if e.outcome in ("hospital", "died_at_home", "other"))
    hours = [(e.ended_at - e.admitted_at) / timedelta(hours=1) for e in ended]
    assert sum(70 <= h <= 73 for h in hours) > 0.5 * len(ended)  # mostly the 72 hours
    assert any(h < 70 for h in hours)  # some ended early
    kept_on = [e for e in episodes if e.due_end_at > e.admitted_at + timedelta(hours=72, minutes=1)]
    assert kept_on and all(e.extended_reason for e in kept_on)
    # the plan: visits, calls and readings, those past done by a nurse
    kinds = set(PlannedContact.objects.values_list("kind", flat=True))
    assert kinds == set(PlannedContact.Kind.values)
    assert not PlannedContact.objects.filter(due_at__lt=timezone.now() - timedelta(hours=3), done_at=None).exists()
    assert not PlannedContact.objects.filter(done_at__isnull=False, nurse=None).exists()
    # occupancy around 75 to 90% of the year's bed-hours
    now = timezone.now()
    year_start = now - timedelta(days=365)
    used = sum(((e.ended_at or now) - max(e.admitted_at, year_start)).total_seconds() for e in episodes)
    assert 0.7 < used / (365 * 24 * 3600 * 20) < 0.92


def test_no_day_has_more_people_on_the_ward_than_beds_and_no_bed_holds_two(built):
    ward = Ward.objects.get()
    fewer = dict(DayCapacity.objects.filter(ward=ward).values_list("day", "beds"))
    assert fewer and all(beds < 20 for beds in fewer.values())
    assert not DayCapacity.objects.filter(reason="").exists()
    now = timezone.now()
    episodes = list(Episode.objects.filter(ward=ward).order_by("admitted_at"))
    by_bed: dict[int, list[Episode]] = defaultdict(list)
    by_person: dict[int, list[Episode]] = defaultdict(list)
    for e in episodes:
        by_bed[e.bed].append(e)
        by_person[e.person_id].append(e)
    for stays in [*by_bed.values(), *by_person.values()]:
        for before, after in zip(stays, stays[1:], strict=False):
            assert before.ended_at is not None and before.ended_at <= after.admitted_at
    # on each day, the most people on the ward at once is within that day's beds, and so is every bed in use
    zone = timezone.get_current_timezone()
    changes: dict = defaultdict(list)  # day -> (time, +1 or -1)
    for e in episodes:
        end = e.ended_at or now
        day = e.admitted_at.astimezone(zone).date()
        while day <= end.astimezone(zone).date():
            assert e.bed <= fewer.get(day, ward.beds)
            changes[day] += [(e.admitted_at, 1), (end, -1)]
            day += timedelta(days=1)
    for day, marks in changes.items():
        here = most = 0
        for _, step in sorted(marks, key=lambda m: (m[0], m[1])):
            here += step
            most = max(most, here)
        assert most <= fewer.get(day, ward.beds), day


def test_reviews_are_at_least_daily_and_scored_as_news2_scores_their_observations(built):
    reviews = list(Review.objects.all())
    assert reviews
    for r in reviews:
        score = news2.score(
            news2.Observations(
                respiration_rate=r.respiration_rate,
                spo2=r.spo2,
                spo2_scale=r.spo2_scale,
                on_oxygen=r.on_oxygen,
                systolic_bp=r.systolic_bp,
                pulse=r.pulse,
                consciousness=news2.Consciousness(r.consciousness) if r.consciousness else None,
                temperature=r.temperature,
            )
        )
        assert (r.news2, r.news2_at_least) == (score.total, score.at_least)
        assert r.response == (score.response.value if score.response else "")
    responses = [r.response for r in reviews]
    assert responses.count("low") > 0.8 * len(reviews)
    assert "medium" in responses and "high" in responses and any(r.news2 is None for r in reviews)
    # a high score comes before most admissions to hospital
    to_hospital = Episode.objects.filter(outcome="hospital")
    warned = to_hospital.filter(reviews__response__in=["medium", "high"]).distinct().count()
    assert warned > 0.9 * to_hospital.count()
    # at least daily while on the ward
    now = timezone.now()
    times: dict[int, list] = defaultdict(list)
    for r in reviews:
        times[r.episode_id].append(r.at)
    for e in Episode.objects.all():
        marks = sorted([e.admitted_at, *times[e.pk], e.ended_at or now])
        assert len(times[e.pk]) >= 1
        assert all(b - a <= timedelta(hours=26) for a, b in zip(marks[1:-1], marks[2:-1], strict=False))


def test_todays_board_has_people_at_different_hours_of_their_72(built):
    ward = Ward.objects.get()
    now = timezone.now()
    on_ward = list(Episode.objects.filter(ward=ward, ended_at=None))
    assert 15 <= len(on_ward) <= 17
    hours = sorted((now - e.admitted_at) / timedelta(hours=1) for e in on_ward)
    assert hours[0] < 3 and any(66 <= h < 72 for h in hours)
    assert len({int(h // 12) for h in hours}) >= 6  # spread over the 72 hours
    kept_on = [e for e in on_ward if now > e.admitted_at + timedelta(hours=72)]
    assert len(kept_on) == 1 and kept_on[0].extended_reason and kept_on[0].due_end_at > now
    # each on the ward's team caseload, so its nurses open their record
    caseload = set(
        CareRelationship.objects.active()
        .filter(team=ward.team, kind="team_caseload")
        .values_list("person_id", flat=True)
    )
    assert {e.person_id for e in on_ward} <= caseload
    # the latest review of one is a NEWS2 of 5 or 6, of another has an observation missing
    latest = [e.reviews.order_by("-at").first() for e in on_ward]
    assert any(r.news2 in (5, 6) and r.escalation and r.at > now - timedelta(hours=3) for r in latest)
    assert any(r.news2 is None and r.at > now - timedelta(hours=3) for r in latest)
    # referrals waiting for a decision, one nearly overdue
    waiting = list(Referral.objects.filter(ward=ward, decision=""))
    assert 2 <= len(waiting) <= 3
    assert any(now < r.decision_due < now + timedelta(minutes=30) for r in waiting)
    assert not {r.person_id for r in waiting} & {e.person_id for e in on_ward}
    # the plan ahead is not done yet
    ahead = PlannedContact.objects.filter(episode__in=on_ward, due_at__gt=now)
    assert ahead.exists() and not ahead.filter(done_at__isnull=False).exists()


def test_the_logins_include_a_nurse_on_the_virtual_ward(built, capsys):
    capsys.readouterr()
    call_command("demo", "logins", "--json")
    rows = json.loads(capsys.readouterr().out)
    nurse = next(row for row in rows if row["username"] == "ward_nurse")
    assert nurse["role"] == "clinician" and "virtual ward" in nurse["team"].lower()
    user = authenticate(username="ward_nurse", password=nurse["password"])
    assert user is not None
    assert Membership.objects.filter(user=user, team=Ward.objects.get().team, role="clinician").exists()
    assert {"clinician", "gp", "spa_triage"} <= {row["username"] for row in rows}  # the others kept their names


def test_the_logins_include_the_virtual_ward_teams_leader(built, capsys):
    capsys.readouterr()
    call_command("demo", "logins", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [row["username"] for row in rows][-2:] == ["ward_nurse", "ward_lead"]
    lead = rows[-1]
    assert lead["role"] == "team_leader" and lead["team"] == "Virtual ward"
    user = authenticate(username="ward_lead", password=lead["password"])
    assert user is not None
    ward = Ward.objects.get()
    assert Membership.objects.filter(user=user, team=ward.team, role="team_leader").exists()
    assert Referral.objects.filter(ward=ward, decided_by=user).exists()  # the ward's leader in its year
    assert "team_leader" in {row["username"] for row in rows}  # the neighbourhood team's leader kept its name


def test_the_years_figures_are_believable(built):
    """Over the registered population, about 33 beds per 100,000; the admissions avoided near the 17% target."""
    ward = Ward.objects.get()
    today = timezone.localdate()
    first, last = today - timedelta(days=364), today
    figures = report_figures.work_out(queries_figures.facts(ward, first, last), first, last, timezone.now())
    assert figures.population_registered and figures.population == 60_000
    assert figures.per_population == pytest.approx(33.3, abs=0.1)
    assert figures.expected == pytest.approx(7_200, rel=0.01)
    assert figures.deflection is not None and 0.10 < figures.deflection.share < 0.25
    assert 0.6 < (figures.at_home.share or 0) < 0.95


def test_review_notes_fit_the_score_and_an_ambulance_only_before_hospital(built):
    reviews = list(Review.objects.select_related("episode").order_by("episode_id", "at"))
    last_of = {r.episode_id: r for r in reviews}
    for r in reviews:
        score = r.news2 if r.news2 is not None else r.news2_at_least
        if r.note in demo_year.WELL_NOTES:
            assert score <= 2, (r.note, score)
        if "ambulance" in r.escalation.lower():
            assert r.episode.outcome == "hospital" and last_of[r.episode_id] == r
        if r.response in ("medium", "high"):
            assert r.escalation
    assert any("ambulance" in r.escalation.lower() for r in reviews)


@examples(max_examples=5, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=30, max_value=3000))
def test_for_any_seed_and_size_no_bed_holds_two_and_no_day_is_over_its_beds(seed, people):
    """The year as drawn, before it is written: the same rules, for boroughs of other seeds and sizes."""
    staff = demo_year.Staff(["n1", "n2"], "lead", ["spa"], {})
    now = datetime(2026, 3, 29, 14, tzinfo=UTC)  # a clock change on the day
    zone = ZoneInfo("Europe/London")
    year = demo_year.Generator(seed, now, zone, {i: i % 8 for i in range(people)}, staff).run()
    fewer = {day: beds for day, beds, _ in year.capacity}
    by_bed: dict[int, list] = defaultdict(list)
    for e in sorted(year.episodes, key=lambda e: e.admitted_at):
        by_bed[e.bed].append(e)
        end = e.ended_at or now
        day = e.admitted_at.astimezone(zone).date()
        while day <= end.astimezone(zone).date():
            assert e.bed <= fewer.get(day, demo_year.BEDS)
            day += timedelta(days=1)
        assert (e.ended_at is None) == (e.outcome == "")
        assert e.due_end_at - e.admitted_at == timedelta(hours=72) or e.extended_reason
    for stays in by_bed.values():
        for before, after in zip(stays, stays[1:], strict=False):
            assert before.ended_at is not None and before.ended_at <= after.admitted_at
    on_ward = [e for e in year.episodes if e.ended_at is None]
    assert len({e.person for e in on_ward}) == len(on_ward) == min(16, people)
    outcome = {e.number: e.outcome for e in year.episodes}
    for r in year.reviews:
        if r.note in demo_year.WELL_NOTES:
            assert r.score.at_least <= 2 and not r.score.any_three
        if r.escalation == demo_year.TO_HOSPITAL:
            assert outcome[r.episode] == "hospital"
            assert r.score.response in (news2.Response.MEDIUM, news2.Response.HIGH)
