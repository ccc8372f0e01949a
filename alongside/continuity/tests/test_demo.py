"""Continuity of care in the demo borough: two years of contacts with and without personal lists, the facts behind
continuity priority, and a week of appointments to book, in the generator (no database) and as built."""

from collections import Counter, defaultdict
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from alongside.continuity import demo, priority
from alongside.continuity import week as weeks
from alongside.continuity.models import AppointmentRequest, Contact, ContinuityFacts, Slot, VisitTimes
from alongside.core import allocation as booking
from alongside.core.tests.pages import texts
from alongside.demo import borough
from alongside.demo.models import DemoLogin
from alongside.partners.models import Membership, Team
from alongside.partners.roles import NAMED_WORKER_ROLES
from alongside.people.models import CareRelationship, Person, StoryVersion

NOW = datetime(2026, 11, 19, 10, 30, tzinfo=UTC)  # a Thursday
TODAY = NOW.date()


def generate(seed: int, count: int, now: datetime = NOW):
    """The borough, each person's continuity, and the week, as the loader would see them."""
    plan = borough.plan_borough(seed)
    people = list(borough.generate_borough(seed, count, now, now.date(), plan))
    generator = demo.ContinuityGenerator(seed, now, now.date(), plan)
    made = [generator.person(index, row, care) for index, (row, care) in enumerate(people)]
    return plan, people, made, generator.week()


@pytest.fixture(scope="module")
def made():
    return generate(2026, 1500)


def named_worker_at(care: borough.PersonCare, at: datetime) -> str | None:
    for r in care.relationships:
        if r.kind == "named_worker" and r.started_at <= at and (r.ended_at is None or at < r.ended_at):
            return r.user
    return None


def shares_by_practice(people, made) -> dict[str, float]:
    """Of the contacts of people who had a named worker at the time, the share with that named worker."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (row, care), continuity in zip(people, made, strict=True):
        for contact in continuity.contacts:
            worker = named_worker_at(care, contact.at)
            if worker is not None:
                tally = counts[borough.PRACTICE_NAMES[row.practice_index]]
                tally[0] += contact.practitioner == worker
                tally[1] += 1
    return {practice: with_worker / total for practice, (with_worker, total) in counts.items()}


# --- the generator ---------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_contacts_facts_and_week_and_another_seed_does_not():
    first, again, other = generate(7, 200), generate(7, 200), generate(8, 200)
    assert first[2] == again[2] and first[3] == again[3]
    assert first[2] != other[2]


def test_half_the_practices_keep_personal_lists_and_their_patients_see_their_named_worker_far_more(made):
    _, people, continuity, _ = made
    shares = shares_by_practice(people, continuity)
    assert set(shares) == set(borough.PRACTICE_NAMES)
    assert len(demo.PERSONAL_LIST_PRACTICES) == 4
    assert {borough.PRACTICE_NAMES.index(p) // 2 for p in demo.PERSONAL_LIST_PRACTICES} == {0, 1, 2, 3}
    for practice, share in shares.items():
        if practice in demo.PERSONAL_LIST_PRACTICES:
            assert 0.65 <= share <= 0.9, (practice, share)
        else:
            assert 0.2 <= share <= 0.45, (practice, share)
    assert min(shares[p] for p in demo.PERSONAL_LIST_PRACTICES) > 1.5 * max(
        share for p, share in shares.items() if p not in demo.PERSONAL_LIST_PRACTICES
    )


def test_contacts_are_two_years_of_visits_and_calls_with_staff_of_the_team_caring_for_the_person(made):
    plan, people, continuity, _ = made
    staff = borough.Staffing(plan)
    role = {p.username: p.role for p in plan.personas}
    team = {p.username: p.team for p in plan.personas}
    counts = []
    for (row, care), person in zip(people, continuity, strict=True):
        counts.append(len(person.contacts))
        caseload = next(r for r in care.relationships if r.kind == "team_caseload")
        for contact in person.contacts:
            assert max(caseload.started_at, NOW - timedelta(days=730)) <= contact.at < NOW
            assert contact.at <= contact.recorded_at <= NOW
            assert 10 <= contact.minutes <= 60 and contact.kind in demo.KINDS
            assert role[contact.practitioner] in NAMED_WORKER_ROLES and contact.team == team[contact.practitioner]
            worker = named_worker_at(care, contact.at)
            members = {
                r.user
                for r in care.relationships
                if r.kind == "care_team"
                and r.started_at <= contact.at
                and (r.ended_at is None or contact.at < r.ended_at)
            }
            assert (
                contact.practitioner == worker
                or contact.practitioner in members
                or contact.practitioner in staff.clinicians[row.neighbourhood_index]
            )
        assert [c.at for c in person.contacts] == sorted(c.at for c in person.contacts)
    # Many have a few; the frail and those in need have many.
    assert 5 <= sum(counts) / len(counts) <= 9
    assert max(counts) >= 30 and Counter(min(n, 6) for n in counts)[6] < len(counts) / 2
    assert 0.02 <= counts.count(0) / len(counts) <= 0.1
    kinds = Counter(c.kind for person in continuity for c in person.contacts)
    assert set(kinds) == set(demo.KINDS) and kinds.most_common(1)[0][0] == "home_visit"
    assert any(c.note for person in continuity for c in person.contacts)


def test_contacts_follow_a_change_of_named_worker(made):
    """Someone whose named worker changed saw mostly the earlier one before the handover, and the new one after."""
    _, people, continuity, _ = made
    seen = Counter()
    for (_, care), person in zip(people, continuity, strict=True):
        named = [r for r in care.relationships if r.kind == "named_worker"]
        if len(named) != 2:
            continue
        earlier, current = sorted(named, key=lambda r: r.started_at)
        assert earlier.ended_at == current.started_at
        for contact in person.contacts:
            when = "before" if contact.at < current.started_at else "after"
            who = {earlier.user: "earlier", current.user: "current"}.get(contact.practitioner, "other")
            seen[(when, who)] += 1
    assert seen[("before", "earlier")] > 3 * seen[("before", "current")]
    assert seen[("after", "current")] > 3 * seen[("after", "earlier")]
    assert seen[("before", "earlier")] >= 30 and seen[("after", "current")] >= 30


def test_about_three_in_ten_have_facts_with_the_priority_they_give_today(made):
    _, people, continuity, _ = made
    facts = [p.facts for p in continuity if p.facts]
    assert 0.25 <= len(facts) / len(people) <= 0.35
    for f in facts:
        values = priority.Facts(
            f.frailty,
            f.long_term_condition,
            f.incurable_illness,
            f.lives_alone,
            f.wants_continuity,
            f.last_crisis_on,
            f.adjustment,
            f.adjustment_note,
        )
        assert f.priority == priority.priority(values, TODAY).score
        assert (f.adjustment != 0) == bool(f.adjustment_note)
        assert f.updated_at < NOW and (f.last_crisis_on is None or f.updated_at.date() >= f.last_crisis_on)
    crises = [f.last_crisis_on for f in facts if f.last_crisis_on]
    assert any(TODAY - c <= timedelta(days=90) for c in crises) and any(TODAY - c > timedelta(days=90) for c in crises)
    assert any(f.adjustment for f in facts)
    assert {f.frailty for f in facts} == {"", "mild", "moderate", "severe"}
    assert 0.15 <= sum(f.priority >= priority.HIGH for f in facts) / len(facts) <= 0.4
    assert continuity[0].facts is not None and continuity[0].facts.priority >= priority.HIGH  # the 'person' login


def week_problem(people, continuity, week, team: str):
    """Next week's slots and waiting requests of a team, as `booking` takes them."""
    current = {
        index: next((r.user for r in care.relationships if r.kind == "named_worker" and r.ended_at is None), None)
        for index, (_, care) in enumerate(people)
    }
    scores = {p.facts.person: p.facts.priority for p in continuity if p.facts}
    slots = [
        booking.Slot(str(s.number), s.practitioner, s.start)
        for s in week.slots
        if s.team == team and s.start.date() >= week.next_monday
    ]
    requests = [
        booking.Request(str(n), str(r.person), current[r.person], scores.get(r.person, 0), r.earliest, r.latest)
        for n, r in enumerate(week.requests)
        if r.team == team and r.slot is None
    ]
    return requests, slots


@pytest.mark.parametrize("seed", [2026, 5, 11])
def test_next_week_is_a_little_over_subscribed_and_the_exact_plan_keeps_far_more_named_workers(seed):
    _, people, continuity, week = generate(seed, 1500)
    exact_total, greedy_total = [0, 0], [0, 0]
    for team in (borough.caseload_team(n) for n in range(len(borough.NEIGHBOURHOODS))):
        requests, slots = week_problem(people, continuity, week, team)
        assert len(slots) < len(requests) <= 1.1 * len(slots) + 2, team
        exact, greedy = booking.allocate(requests, slots), booking.greedy(requests, slots)
        assert greedy.served <= exact.served < len(requests)
        assert exact.with_named_worker > greedy.with_named_worker, (team, exact.reasons)
        assert exact.named_worker_priority > greedy.named_worker_priority
        for total, allocation in ((exact_total, exact), (greedy_total, greedy)):
            total[0] += allocation.with_named_worker
            total[1] += allocation.named_worker_priority
    assert exact_total[0] >= 2 * greedy_total[0] and exact_total[1] >= 2 * greedy_total[1]


def test_the_week_has_slots_and_requests_for_next_week_and_bookings_earlier_this_week(made):
    plan, people, _, week = made
    assert week.next_monday == TODAY + timedelta(days=4) and week.this_monday == TODAY - timedelta(days=3)
    role = {p.username: p.role for p in plan.personas}
    team_of = {p.username: p.team for p in plan.personas}
    slots = {s.number: s for s in week.slots}
    assert len(slots) == len(week.slots)
    assert len({(s.practitioner, s.start) for s in week.slots}) == len(week.slots)
    for s in week.slots:
        assert role[s.practitioner] == "clinician" and team_of[s.practitioner] == s.team
        local = s.start.astimezone(demo.UK)
        assert local.weekday() < 5 and time(9) <= local.time() < time(17) and s.minutes == 20
        assert week.this_monday <= local.date() < week.next_monday + timedelta(days=5)
    widths = Counter()
    for r in week.requests:
        caseload = next(x for x in people[r.person][1].relationships if x.kind == "team_caseload")
        assert caseload.team == r.team and r.earliest < r.latest and r.what_for and r.asked_at < NOW
        if r.slot is None:
            assert week.next_monday <= r.earliest.date() <= r.latest.date() < week.next_monday + timedelta(days=5)
            widths[(r.latest.date() - r.earliest.date()).days + 1] += 1
        else:
            slot = slots[r.slot]
            assert slot.start.date() < week.next_monday and slot.start.astimezone(demo.UK).date() <= TODAY
            assert r.earliest <= slot.start <= r.latest and r.booked_at < NOW and r.booked_at <= slot.start
            assert r.booking_reason.startswith("Booked directly with") and slot.team == r.team
    assert set(widths) == {1, 2, 3, 5}
    booked = [r for r in week.requests if r.slot is not None]
    assert booked and any(r.with_named_worker for r in booked) and not all(r.with_named_worker for r in booked)
    assert len({r.person for r in week.requests}) == len(week.requests)


def test_on_a_sunday_this_weeks_bookings_are_all_past_and_next_week_starts_tomorrow():
    sunday = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    _, _, _, week = generate(3, 400, sunday)
    assert week.next_monday == sunday.date() + timedelta(days=1)
    assert all(r.booked_at < sunday for r in week.requests if r.slot is not None)


# --- as built ---------------------------------------------------------------------------------------------------


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=2026, people=1500)


def test_the_built_borough_has_contacts_and_facts_with_both_patterns_of_continuity(built):
    assert Contact.objects.count() > 5_000 and 300 <= ContinuityFacts.objects.count() <= 600
    named = defaultdict(list)
    for person, user, began, ended in CareRelationship.objects.filter(kind="named_worker").values_list(
        "person_id", "user_id", "started_at", "ended_at"
    ):
        named[person].append((user, began, ended))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for person, practice, practitioner, at in Contact.objects.values_list(
        "person_id", "person__gp_practice__name", "practitioner_id", "at"
    ):
        worker = next((u for u, b, e in named[person] if b <= at and (e is None or at < e)), None)
        if worker is not None:
            counts[practice][0] += practitioner == worker
            counts[practice][1] += 1
    share = {practice: n / total for practice, (n, total) in counts.items()}
    personal = [share[p] for p in demo.PERSONAL_LIST_PRACTICES]
    others = [s for p, s in share.items() if p not in demo.PERSONAL_LIST_PRACTICES]
    assert len(share) == 8 and min(personal) >= 0.65 and max(others) <= 0.45
    # Every contact is with a member of staff who may be a named worker, recorded by them, in their team.
    assert not Contact.objects.exclude(practitioner__memberships__role__in=NAMED_WORKER_ROLES).exists()
    for contact in Contact.objects.select_related("practitioner").order_by("pk")[:300]:
        assert contact.recorded_by_id == contact.practitioner_id
        assert Membership.objects.filter(user=contact.practitioner, team=contact.team).exists()


def test_some_people_have_said_the_best_times_to_visit_them_and_the_plan_weighs_them(built):
    """Everyone who asked in what matters to them to be visited in the afternoon has it recorded, with their named
    worker as the one who wrote it down; and some people waiting next week said which times suit them."""
    times = {v.person_id: v for v in VisitTimes.objects.all()}
    assert 200 <= len(times) <= 700
    asked = StoryVersion.objects.filter(part="what_matters", text__contains="come in the afternoon")
    for person_id in asked.values_list("person_id", flat=True).distinct():
        if CareRelationship.objects.active().filter(person_id=person_id, kind="named_worker").exists():
            assert times[person_id].parts == ["afternoon"]
    for v in list(times.values())[:50]:
        assert CareRelationship.objects.active().filter(person_id=v.person_id, user_id=v.updated_by_id).exists()
    waiting = AppointmentRequest.objects.filter(slot__isnull=True, person_id__in=list(times))
    assert waiting.exists()


def next_monday():
    return weeks.monday_of(timezone.localdate()) + timedelta(days=7)


def test_every_neighbourhood_team_has_next_week_over_subscribed_and_the_plan_beats_first_available(built):
    teams = Team.objects.filter(name__endswith=" neighbourhood team").order_by("name")
    assert teams.count() == 4
    exact_named = greedy_named = 0
    for team in teams:
        week = weeks.read_week(team.pk, next_monday())
        assert len(week.slots) < len(week.requests), team.name
        plan = weeks.plan(week)
        assert plan.greedy.served <= plan.exact.served < len(week.requests)
        assert plan.exact.named_worker_priority > plan.greedy.named_worker_priority
        exact_named += plan.exact.with_named_worker
        greedy_named += plan.greedy.with_named_worker
    assert exact_named >= 2 * greedy_named
    booked = AppointmentRequest.objects.filter(slot__isnull=False)
    this_monday = weeks.monday_of(timezone.localdate())
    assert booked.exists() and not booked.filter(slot__start__gte=weeks.week_bounds(next_monday())[0]).exists()
    assert not booked.filter(slot__start__lt=weeks.week_bounds(this_monday)[0]).exists()
    assert booked.filter(with_named_worker=True).exists()


def low_continuity_people(team: Team) -> list[int]:
    """What the continuity dashboard lists: people on the team's caseload with a high priority whose named worker
    had fewer than half of their contacts in the last 12 months (or who have no named worker)."""
    caseload = CareRelationship.objects.active().filter(team=team, kind="team_caseload").values("person")
    high = ContinuityFacts.objects.filter(person__in=caseload, priority__gte=priority.HIGH)
    workers = dict(
        CareRelationship.objects.active()
        .filter(kind="named_worker", person__in=high.values("person"))
        .values_list("person_id", "user_id")
    )
    since = timezone.now() - timedelta(days=365)
    contacts = defaultdict(list)
    for person, practitioner in Contact.objects.filter(person__in=high.values("person"), at__gte=since).values_list(
        "person_id", "practitioner_id"
    ):
        contacts[person].append(practitioner)
    return [
        person
        for person in high.values_list("person_id", flat=True)
        if person not in workers or sum(p == workers[person] for p in contacts[person]) < len(contacts[person]) / 2
    ]


def test_each_demo_login_finds_its_continuity_data(built, client):
    riverside = Team.objects.get(name="Riverside neighbourhood team")
    assert len(low_continuity_people(riverside)) >= 5  # the team leader's continuity dashboard
    person = Person.objects.get(user__username="person")
    assert person.contacts.count() >= 8 and ContinuityFacts.objects.get(person=person).priority >= priority.HIGH
    client.force_login(person.user)
    assert "contacts" in texts(client.get(f"/people/{person.pk}/"))

    clinician = DemoLogin.objects.get(user__username="clinician").user
    theirs = CareRelationship.objects.active().filter(user=clinician, kind="named_worker").values("person")
    seen = Contact.objects.filter(
        practitioner=clinician, person__in=theirs, at__gte=timezone.now() - timedelta(days=300)
    )
    assert seen.count() >= 50
    assert Slot.objects.filter(practitioner=clinician, start__gte=weeks.week_bounds(next_monday())[0]).count() >= 18
    assert AppointmentRequest.objects.filter(slot__practitioner=clinician).exists()
    waiting = AppointmentRequest.objects.filter(slot__isnull=True, person__in=theirs)
    assert waiting.count() >= demo.CLINICIAN_LOGIN_REQUESTS
    client.force_login(clinician)
    page = texts(client.get(f"/people/{seen.first().person_id}/"))
    assert f" with {clinician.first_name} (" in page
