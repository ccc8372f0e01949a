"""The crisis continuity knows of, for the crisis plan at the top of the person page (registry `crisis_known`)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.continuity.models import ContinuityFacts
from alongside.core import registry
from alongside.partners.tests.factories import UserFactory
from alongside.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def facts(person, days_ago):
    ContinuityFacts.objects.create(
        person=person, last_crisis_on=timezone.localdate() - timedelta(days=days_ago), updated_by=UserFactory()
    )


def test_a_crisis_in_the_last_90_days_is_known():
    person = PersonFactory()
    facts(person, 10)
    assert registry.crisis_known(person.pk) == timezone.localdate() - timedelta(days=10)


def test_an_old_crisis_or_none_is_not():
    old, none = PersonFactory(), PersonFactory()
    facts(old, 120)
    assert registry.crisis_known(old.pk) is None
    assert registry.crisis_known(none.pk) is None
