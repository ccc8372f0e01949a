"""Climate as its users would leave it: answers given through the action (tests may import any app)."""

from datetime import timedelta

import factory
from django.utils import timezone

from alongside.climate import actions, catalogue
from alongside.climate.models import DialogueSession
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.partners.tests.factories import TeamFactory


def all_at(point: int) -> dict[str, int]:
    return {s.key: point for s in catalogue.default().statements}


def answer_as(user, team, point: int = 4) -> None:
    actions.answer(acting_as(user), team.pk, catalogue.default().code, all_at(point))


def form_for(point: int) -> dict[str, str]:
    return {key: str(value) for key, value in all_at(point).items()} | {"definition": catalogue.default().code}


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueSession

    team = factory.SubFactory(TeamFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    minutes = 60
    place = "Meeting room 2"
    areas = factory.LazyFunction(lambda: ["support"])
    facilitator = "Priya Natt"
    planned_by = factory.SubFactory(UserFactory)
