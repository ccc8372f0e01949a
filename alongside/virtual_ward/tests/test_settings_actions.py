"""Changing the ward's settings: only the ward's team leader, never over someone else's newer save, never fewer
usual beds than the people on the ward, audited with what changed (and no one's data), nothing saved or audited
when nothing changed, and only GP practices kept."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.core.models import AuditEvent
from alongside.core.tests.requests import acting_as
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory
from alongside.virtual_ward import actions_settings as actions
from alongside.virtual_ward.models import Ward

from .factories import EpisodeFactory, WardFactory, nurse

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
