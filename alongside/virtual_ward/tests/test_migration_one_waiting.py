"""Migration 0003 adds "one waiting referral per person, across every ward". A database made before it could hold
someone waiting at two wards: the data step keeps the earliest waiting and declines the later ones, with a
reason the ward can read and an audit row, so the rule can be added."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from alongside.core import database_roles
from alongside.core.models import AuditEvent
from alongside.virtual_ward.models import Referral

from .factories_episodes import referred, ward_world

migration = import_module("alongside.virtual_ward.migrations.0003_one_waiting_referral_per_person")
RULE = next(c for c in Referral._meta.constraints if c.name == "one_waiting_ward_referral_per_person")


@pytest.fixture
def without_the_rule(transactional_db):
    """The rule dropped by the tables' owner for one test, as before the migration, and put back afterwards."""

    def schema(change):
        with database_roles.as_owner(), connection.schema_editor() as editor:
            change(editor)

    schema(lambda editor: editor.remove_constraint(Referral, RULE))
    yield
    Referral.objects.filter(decision="").delete()  # the test's rows, so that the rule can be put back
    schema(lambda editor: editor.add_constraint(Referral, RULE))


def test_someone_waiting_at_two_wards_keeps_only_the_earliest_waiting(without_the_rule):
    first, second = ward_world(), ward_world()
    earlier = referred(first)
    later = referred(second, person=first.person)
    Referral.objects.filter(pk=later.pk).update(referred_at=earlier.referred_at + timedelta(hours=1))
    alone = referred(second, person=ward_world().person)

    migration.decline_all_but_the_earliest_waiting(apps, None)

    earlier.refresh_from_db(), later.refresh_from_db(), alone.refresh_from_db()
    assert (earlier.decision, alone.decision) == ("", "")
    assert later.decision == "declined" and "only one virtual ward" in later.decision_reason
    assert later.decided_at <= timezone.now() and later.decided_by is None
    audit = AuditEvent.objects.get(action="ward_referral_closed_by_update")
    assert (audit.person_id, audit.object_id) == (first.person.pk, str(later.pk))
    assert audit.organisation_id == second.ward.team.organisation_id


@pytest.mark.django_db
def test_a_database_with_nobody_waiting_twice_is_left_as_it_was():
    world = ward_world()
    waiting = referred(world)
    migration.decline_all_but_the_earliest_waiting(apps, None)
    waiting.refresh_from_db()
    assert waiting.decision == "" and not AuditEvent.objects.filter(action="ward_referral_closed_by_update").exists()
