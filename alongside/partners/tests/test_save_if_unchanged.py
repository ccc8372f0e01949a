"""Saving with a version: a stale save is a conflict showing what is stored now, and a save of something deleted
meanwhile is the site's "not found", never a server error."""

import pytest
from django.http import Http404

from alongside.core.forms import EditConflict, save_if_unchanged
from alongside.partners.models import Organisation

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_save_from_an_old_version_is_refused_and_shows_what_is_stored_now():
    stored = OrganisationFactory(name="Riverside Trust")
    Organisation.objects.filter(pk=stored.pk).update(name="Riverside NHS Trust", version=2)
    stored.name = "Riverside Health"
    with pytest.raises(EditConflict) as conflict:
        save_if_unchanged(stored, 1, ["name"])
    assert conflict.value.current.name == "Riverside NHS Trust"
    assert Organisation.objects.get(pk=stored.pk).name == "Riverside NHS Trust"


def test_a_save_of_something_deleted_meanwhile_is_not_found_rather_than_an_error():
    stored = OrganisationFactory()
    Organisation.objects.filter(pk=stored.pk).delete()
    stored.name = "Changed after it was deleted"
    with pytest.raises(Http404):
        save_if_unchanged(stored, 1, ["name"])
