from datetime import timedelta

import factory
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import TeamFactory
from alongside.representation.models import Event, Invitation


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Partnership board {n}")
    kind = Event.Kind.BOARD
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    place = "Town hall"
    created_by = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    event = factory.SubFactory(EventFactory)
    team = factory.SubFactory(TeamFactory)


def event_for(team, days: int, **fields) -> Event:
    """An event `days` from today (negative: past) that the team is asked to."""
    event = EventFactory(date=timezone.localdate() + timedelta(days=days), **fields)
    InvitationFactory(event=event, team=team)
    return event
