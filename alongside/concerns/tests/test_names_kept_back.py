"""A person may refuse volunteers their name (a sharing choice). Every concerns page a volunteer sees then says
"the person you visit", as their home page does (`people.access.names_for_visitor`, the one rule); with the name not
refused they see it; staff see it either way. Messages to the volunteer never carry the name at all."""

import uuid

import pytest
from django.urls import reverse

from alongside.consent.tests.factories import withhold
from alongside.core.models import Alert
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as

from ..actions_loop import close
from ..models import Concern
from .raising_helpers import a_hub, raised
from .test_raising_pages import answers

pytestmark = pytest.mark.django_db

NAME = "Edna Price"


@pytest.fixture(params=[False, True], ids=["name shared", "name refused"])
def refused(request):
    return request.param


def refuse_if(world, refused: bool) -> None:
    if refused:
        world.person.user = UserFactory()
        world.person.save()
        withhold(world.person, ["name"])  # with volunteers


def says_name(page: str, refused: bool) -> None:
    """The name where it is shared; else the words the home page uses, and no part of the name."""
    if refused:
        assert "Edna" not in page and "Price" not in page and "the person you visit" in page.lower()
    else:
        assert NAME in page and "the person you visit" not in page.lower()


def test_the_concern_page_and_the_sent_page_as_the_volunteer(client, member, refused):
    world = a_hub(member)
    concern = raised(world)
    refuse_if(world, refused)
    client.force_login(world.volunteer)
    page = client.get(reverse("concerns:concern", args=[concern.pk])).content.decode()
    says_name(page, refused)
    if refused:
        assert "<title>Concern about the person you visit" in page
    says_name(client.get(reverse("concerns:sent", args=[concern.pk])).content.decode(), refused)


def test_the_volunteer_s_home_lists(client, member, refused):
    """Both lists: the open concerns under the button, and what happened to those answered."""
    world = a_hub(member)
    open_one = raised(world, words="Still open")
    answered = raised(world, words="Answered")
    close(acting_as(world.named_worker), answered.pk, "A carer calls daily now.", answered.version)
    refuse_if(world, refused)
    client.force_login(world.volunteer)
    home = client.get("/").content.decode()
    assert f"/concerns/{open_one.pk}/" in home and f"/concerns/{answered.pk}/what-happened/" in home
    says_name(home, refused)
    if refused:
        assert "The person you visit" in home  # capitalised where it starts the line


def test_what_happened_and_the_message_to_the_volunteer(client, member, refused):
    world = a_hub(member)
    concern = raised(world)
    refuse_if(world, refused)
    close(acting_as(world.named_worker), concern.pk, "A carer calls daily now.", concern.version)
    told = Alert.objects.get(recipient=world.volunteer)
    assert "Edna" not in told.text and "Price" not in told.text  # never the name, refused or not
    client.force_login(world.volunteer)
    page = client.get(reverse("concerns:what_happened", args=[concern.pk])).content.decode()
    says_name(page, refused)
    assert "A carer calls daily now." in page


@pytest.mark.parametrize("who", ["coordinator", "named_worker"])
def test_staff_see_the_name_a_person_refused_volunteers(client, member, who):
    world = a_hub(member)
    concern = raised(world)
    refuse_if(world, True)
    client.force_login(getattr(world, who))
    page = client.get(reverse("concerns:concern", args=[concern.pk])).content.decode()
    assert f"Concern about {NAME}" in page and "the person you visit" not in page.lower()


def test_a_client_who_keeps_their_name_back_can_still_be_raised_about(client, member, refused):
    """A worry must always have a way through: the client is offered by when the visits began, not by name."""
    world = a_hub(member)
    refuse_if(world, refused)
    client.force_login(world.volunteer)
    page = client.get(reverse("concerns:raise")).content.decode()
    says_name(page, refused)
    if refused:
        assert "The person you visit (visits began" in page
    check = client.post(reverse("concerns:raise"), answers(world.person, step="check")).content.decode()
    says_name(check, refused)
    sent = client.post(reverse("concerns:raise"), answers(world.person, step="send", form_key=str(uuid.uuid4())))
    assert sent.status_code == 302
    assert Concern.objects.filter(person=world.person, raised_by=world.volunteer).count() == 1
