"""The shipped courses survive a flush (a transactional test's teardown empties every table): they are put back,
so the demo build and every page find them."""

import pytest
from django.core.management import call_command

from alongside.training.models import Course
from alongside.training.shipped import ensure


@pytest.mark.django_db(transaction=True)
def test_the_shipped_courses_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    keys = set(Course.objects.filter(organisation=None).values_list("key", flat=True))
    assert {"recovery_approach", "safeguarding_adults", "volunteer_risk_awareness"} <= keys
    assert Course.objects.get(key="volunteer_risk_awareness").for_roles == ["coordinator"]


@pytest.mark.django_db
def test_putting_them_back_changes_nothing_when_they_are_there():
    before = list(Course.objects.order_by("pk").values_list("pk", "name"))
    ensure()
    assert list(Course.objects.order_by("pk").values_list("pk", "name")) == before
