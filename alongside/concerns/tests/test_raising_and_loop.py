"""The two parts of concerns meet on the concern's page: the one who acts finds how to answer it there, and the
volunteer who raised it finds the answer and how to reply; one access rule decides both."""

import pytest
from django.urls import reverse

from alongside.concerns.models import Concern

from .raising_helpers import a_hub, raised

pytestmark = pytest.mark.django_db


def test_from_the_concern_page_the_named_worker_answers_and_the_volunteer_replies(client, member):
    world = a_hub(member)
    concern = raised(world, kind="health")
    page = reverse("concerns:concern", args=[concern.pk])
    answer = reverse("concerns:loop_answer", args=[concern.pk])

    client.force_login(world.named_worker)
    assert answer in client.get(page).content.decode()
    assert client.get(answer).status_code == 200

    client.force_login(world.volunteer)  # who raised it may read it, not answer it
    assert answer not in client.get(page).content.decode()
    assert client.get(answer).status_code == 403  # volunteers never answer concerns

    client.force_login(world.coordinator)  # the hub's coordinators answer too
    assert client.get(answer).status_code == 200

    Concern.objects.filter(pk=concern.pk).update(
        status=Concern.Status.CLOSED, outcome="Edna has new tablets - thank you for noticing."
    )
    client.force_login(world.volunteer)
    replying = reverse("concerns:what_happened", args=[concern.pk])
    assert replying in client.get(page).content.decode()
    assert "Edna has new tablets" in client.get(replying).content.decode()
