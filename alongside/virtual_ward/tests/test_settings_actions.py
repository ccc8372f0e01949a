"""Changing the ward's settings: only the ward's team leader, never over someone else's newer save, never fewer
usual beds than the people on the ward, new usual beds counted only from today (the past figures stay as they
were), audited with what changed (and no one's data), nothing saved or audited when nothing changed, and only GP
practices kept."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.core.models import AuditEvent
from alongside.core.tests.requests import acting_as
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory
from alongside.virtual_ward import actions_settings as actions
from alongside.virtual_ward import queries_figures, report_figures
from alongside.virtual_ward.models import DayCapacity, Ward

from .factories import EpisodeFactory, WardFactory, nurse
from .factories_figures import stay

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward():
    return WardFactory(beds=20)


def new_settings(ward: Ward, **changed) -> actions.Settings:
    return replace(actions.settings_of(ward, list(ward.practices.values_list("pk", flat=True))), **changed)


def test_the_team_leader_changes_the_settings_and_the_change_is_audited_without_the_sources_words(ward):
    leader = nurse(ward, "team_leader")
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    changed = actions.change_settings(
        acting_as(leader),
        ward.pk,
        new_settings(
            ward,
            practice_ids=(practice.pk,),
            registered_population=60_000,
            population_source="NHS Digital, October 2026",
            target_deflection=Decimal("0.2"),
            beds=18,
        ),
        version=1,
    )
    ward.refresh_from_db()
    assert ward.registered_population == 60_000 and ward.population_source == "NHS Digital, October 2026"
    assert ward.target_deflection == Decimal("0.200") and ward.beds == 18 and ward.version == 2
    assert list(ward.practices.all()) == [practice]
    event = AuditEvent.objects.get(action="ward_settings_changed")
    assert event.actor == leader and event.object_type == "ward" and event.object_id == str(ward.pk)
    assert event.person_id is None
    assert (
        event.detail["changed"]
        == changed
        == {
            "practices": {"added": [practice.pk], "removed": []},
            "registered_population": [None, 60_000],
            "population_source": "changed",
            "target_deflection": ["0.170", "0.2"],
            "beds": [20, 18],
        }
    )
    assert "NHS Digital" not in str(event.detail)


@pytest.mark.parametrize("role", ["clinician", "volunteer", "admin"])
def test_anyone_but_the_team_leader_is_refused_and_nothing_changes(ward, role):
    with pytest.raises(actions.Refused):
        actions.change_settings(acting_as(nurse(ward, role)), ward.pk, new_settings(ward, beds=5), version=1)
    ward.refresh_from_db()
    assert ward.beds == 20 and ward.version == 1
    assert not AuditEvent.objects.filter(action="ward_settings_changed").exists()


def test_the_leader_of_another_ward_is_refused(ward):
    other_leader = nurse(WardFactory(), "team_leader")
    with pytest.raises(actions.Refused):
        actions.change_settings(acting_as(other_leader), ward.pk, new_settings(ward, beds=5), version=1)


def test_a_save_on_an_older_version_is_a_conflict_and_never_overwrites(ward):
    first, second = nurse(ward, "team_leader"), nurse(ward, "team_leader")
    actions.change_settings(acting_as(first), ward.pk, new_settings(ward, beds=15), version=1)
    with pytest.raises(EditConflict) as conflict:
        actions.change_settings(acting_as(second), ward.pk, new_settings(ward, beds=25), version=1)
    assert conflict.value.current.beds == 15 and conflict.value.current.version == 2
    ward.refresh_from_db()
    assert ward.beds == 15 and ward.version == 2
    assert AuditEvent.objects.filter(action="ward_settings_changed").count() == 1


def test_nothing_changed_saves_and_audits_nothing(ward):
    leader = nurse(ward, "team_leader")
    assert actions.change_settings(acting_as(leader), ward.pk, new_settings(ward), version=1) == {}
    ward.refresh_from_db()
    assert ward.version == 1
    assert not AuditEvent.objects.filter(action="ward_settings_changed").exists()


def test_only_gp_practices_are_kept_as_the_wards_practices(ward):
    trust = OrganisationFactory(kind=Organisation.Kind.NHS_TRUST)
    practice = OrganisationFactory(kind=Organisation.Kind.GP_PRACTICE)
    leader = nurse(ward, "team_leader")
    actions.change_settings(
        acting_as(leader), ward.pk, new_settings(ward, practice_ids=(trust.pk, practice.pk)), version=1
    )
    assert list(ward.practices.all()) == [practice]


def test_fewer_usual_beds_than_the_people_on_the_ward_now_are_refused(ward):
    for bed in (1, 2, 3):
        EpisodeFactory(referral__ward=ward, bed=bed)
    EpisodeFactory(referral__ward=ward, bed=4, ended_at=timezone.now(), outcome="home")
    leader = nurse(ward, "team_leader")
    with pytest.raises(actions.TooFewBeds) as too_few:
        actions.change_settings(acting_as(leader), ward.pk, new_settings(ward, beds=2), version=1)
    assert too_few.value.people == 3
    actions.change_settings(acting_as(leader), ward.pk, new_settings(ward, beds=3), version=1)
    ward.refresh_from_db()
    assert ward.beds == 3


def at_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _past_year(ward):
    """The ward's figures for the 12 months up to yesterday, as the figures page works them out."""
    last = timezone.localdate() - timedelta(days=1)
    first = last - timedelta(days=364)
    ward.refresh_from_db()
    return report_figures.work_out(queries_figures.facts(ward, first, last), first, last, timezone.now())


def test_new_usual_beds_count_from_today_and_leave_the_past_figures_as_they_were(ward):
    leader = nurse(ward, "team_leader")
    today = timezone.localdate()
    stay(ward, at_day(today - timedelta(days=100)), at_day(today - timedelta(days=97)))
    stay(ward, at_day(today - timedelta(days=500)), at_day(today - timedelta(days=497)))  # the ward's first stay
    DayCapacity.objects.create(
        ward=ward, day=today - timedelta(days=30), beds=15, reason="Staff off sick", set_by=leader
    )
    before = _past_year(ward)

    actions.change_settings(acting_as(leader), ward.pk, new_settings(ward, beds=22), version=1)
    after = _past_year(ward)
    assert (after.bed_days_available, after.occupancy) == (before.bed_days_available, before.occupancy)
    assert after.bed_days_available == 364 * 20 + 15
    beds = dict(DayCapacity.objects.filter(ward=ward).values_list("day", "beds"))
    assert beds[today - timedelta(days=30)] == 15  # a day's own beds are kept
    assert beds[today - timedelta(days=500)] == beds[today - timedelta(days=1)] == 20  # from the ward's first stay
    assert today not in beds and today - timedelta(days=501) not in beds  # today counts the new number

    ward.refresh_from_db()
    actions.change_settings(acting_as(leader), ward.pk, new_settings(ward, beds=25), version=2)
    assert _past_year(ward).bed_days_available == before.bed_days_available
    assert DayCapacity.objects.filter(ward=ward).count() == len(beds)  # the past was already kept: nothing added


def test_a_change_that_keeps_the_usual_beds_writes_no_days(ward):
    actions.change_settings(
        acting_as(nurse(ward, "team_leader")), ward.pk, new_settings(ward, decision_hours=3), version=1
    )
    assert not DayCapacity.objects.filter(ward=ward).exists()
