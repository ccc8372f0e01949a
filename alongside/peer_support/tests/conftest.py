import pytest

from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory


@pytest.fixture
def hub(db):
    return TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Riverside volunteer hub")


@pytest.fixture
def coordinator(member, hub):
    return member("coordinator", team=hub, first_name="Rosa", last_name="Khan")


@pytest.fixture
def volunteers(member, hub):
    names = [("Ada", "Brown"), ("Ben", "Cole"), ("Cara", "Diaz")]
    return [member("volunteer", team=hub, first_name=given, last_name=family) for given, family in names]
