"""Writing the listings: who may, what each write leaves behind, conflicts, checking and retiring."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.partners.models import Role
from alongside.partners.tests.factories import MembershipFactory, TeamFactory

from .. import actions_listings as actions
from .. import listings_queries as queries
from ..models import ListingChange, Service
from .listings_factories import details, keeper, organisation, request_as, term

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_service_with_everything_and_it_is_recorded():
    carol = keeper(first_name="Carol")
    food = term("Food")
    org = organisation()
    service = actions.add_service(request_as(carol), org.pk, details(terms=(str(food.pk),)))
    read = queries.details_of(queries.service_for_keepers(service.pk))
    assert read == details(terms=(str(food.pk),))
    assert service.editor == carol and service.version == 1
    change = ListingChange.objects.get(object_id=service.pk)
    assert (change.by, change.what, change.detail["name"]) == (carol, "added", "Friday food bank")


@pytest.mark.parametrize(
    "role,kind",
    [(Role.CLINICIAN, None), (Role.ADMIN, None), (Role.VOLUNTEER, "hub"), (Role.COORDINATOR, "neighbourhood")],
)
def test_only_keepers_write(role, kind):
    team = TeamFactory(kind=kind) if kind else TeamFactory()
    user = MembershipFactory(role=role, team=team).user
    org = organisation()
    with pytest.raises(PermissionDenied):
        actions.add_organisation(request_as(user), name="X", description="Y")
    with pytest.raises(PermissionDenied):
        actions.add_service(request_as(user), org.pk, details())
    with pytest.raises(PermissionDenied):
        actions.retire(request_as(user), "organisation", org.pk)
    assert not ListingChange.objects.exists()


def test_a_directory_editor_in_any_team_keeps_the_directory():
    editor = keeper(Role.DIRECTORY_EDITOR)
    org = actions.add_organisation(request_as(editor), name="Men's Shed", description="Woodwork", phone="01632 960 1")
    assert org.phones.get().number == "01632 960 1"


def test_an_edit_records_only_the_fields_changed_and_a_stale_form_is_a_conflict():
    carol, dev = keeper(), keeper(Role.DIRECTORY_EDITOR)
    service = actions.add_service(request_as(carol), organisation().pk, details())
    actions.edit_service(
        request_as(dev),
        service.pk,
        version=1,
        details=details(free=True, cost_amount=None, cost_words="", minimum_age=18),
    )
    change = ListingChange.objects.filter(what="edited").get()
    assert change.by == dev and change.detail["fields"] == ["minimum_age", "free", "cost_amount", "cost_words"]
    assert not Service.objects.get(pk=service.pk).cost_options.exists()
    with pytest.raises(EditConflict) as conflict:
        actions.edit_service(request_as(carol), service.pk, version=1, details=details(name="Typed over"))
    assert conflict.value.current.minimum_age == 18 and conflict.value.current.version == 2
    assert Service.objects.get(pk=service.pk).name == "Friday food bank"


def test_checking_clears_the_flag_and_the_reminder():
    carol = keeper()
    org = organisation(added_on=timezone.localdate() - timedelta(days=400), reminded_at=timezone.now())
    actions.mark_checked(request_as(carol), "organisation", org.pk)
    org.refresh_from_db()
    assert org.checked_on == timezone.localdate() and org.reminded_at is None


def test_retiring_keeps_the_listing_and_its_services_and_it_can_come_back():
    carol = keeper()
    org = organisation()
    service = actions.add_service(request_as(carol), org.pk, details())
    actions.retire(request_as(carol), "organisation", org.pk, reason="Closed")
    service.refresh_from_db()
    assert service.retired_at is not None
    with pytest.raises(PermissionDenied):
        actions.bring_back(request_as(carol), "service", service.pk)
    actions.bring_back(request_as(carol), "organisation", org.pk)
    actions.bring_back(request_as(carol), "service", service.pk)
    service.refresh_from_db()
    assert service.retired_at is None
    assert [c.what for c in ListingChange.objects.filter(object_id=service.pk).order_by("pk")] == [
        "added",
        "retired",
        "edited",
    ]
