"""A person may refuse volunteers their name (a sharing choice). What a volunteer is told when their coordinator
starts or ends their visits then names nobody, by the same rule as the volunteer's pages
(`people.access.names_for_volunteer`); with the name not refused, they are told it as before."""

import pytest
from django.urls import reverse

from alongside.consent.tests.factories import withhold
from alongside.core.models import Alert
from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Role
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .matching_factories import asking, hub, practice, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["name shared", "name refused"])
def refused(request):
    return request.param


def refuse_if(person, refused: bool) -> None:
    if refused:
        person.user = UserFactory()
        person.save()
        withhold(person, ["name"])  # with volunteers


def test_the_alert_of_someone_new_to_visit(client, member, refused):
    living_well, riverside = hub(), practice()
    client.force_login(member(Role.COORDINATOR, team=living_well))
    wanted = asking(living_well, gp_practice=riverside, given_name="Iris", family_name="Moss")
    refuse_if(wanted.person, refused)
    chosen = volunteer(living_well, practices=[riverside])
    assert client.post(reverse("volunteers:allocate", args=[wanted.pk, chosen.pk])).status_code == 302
    alert = Alert.objects.get(recipient=chosen)
    if refused:
        assert "Iris" not in alert.text and "Moss" not in alert.text and alert.url == ""
        assert alert.text.startswith("You have someone new to visit. Your coordinator will tell you")
    else:
        assert "You have someone new to visit: Iris Moss" in alert.text
        assert alert.url == reverse("people:person", args=[wanted.person_id])


def test_the_thanks_when_visits_end(client, member, refused):
    living_well = hub()
    client.force_login(member(Role.COORDINATOR, team=living_well))
    helper = volunteer(living_well)
    person = PersonFactory(given_name="Iris", family_name="Moss")
    relationship = RelationshipFactory(person=person, user=helper, kind="volunteer")
    refuse_if(person, refused)
    url = reverse("volunteers:end_allocation", args=[relationship.pk])
    assert client.post(url, {"reason": "Moved away"}).status_code == 302
    thanks = Alert.objects.get(recipient=helper).text
    if refused:
        assert "Iris" not in thanks
        assert thanks.startswith("Thank you for your visits. One of your matches has now ended")
    else:
        assert thanks.startswith("Thank you for your visits to Iris. They have now ended")


def test_the_check_page_tells_the_coordinator_what_the_volunteer_will_see(client, member, refused):
    living_well, riverside = hub(), practice()
    client.force_login(member(Role.COORDINATOR, team=living_well))
    wanted = asking(living_well, gp_practice=riverside, given_name="Iris", family_name="Moss")
    refuse_if(wanted.person, refused)
    chosen = volunteer(living_well, practices=[riverside])
    page = client.get(reverse("volunteers:allocate", args=[wanted.pk, chosen.pk])).content.decode()
    if refused:
        assert "Iris chose not to let volunteers know their name" in page
        assert "will be able to see Iris&#39;s name" not in page and "will be able to see Iris's name" not in page
    else:
        assert "will be able to see Iris" in page and "chose not to let volunteers know their name" not in page
