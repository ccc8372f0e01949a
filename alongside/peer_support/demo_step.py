"""Peer support's step of building the demo borough: nothing is written with each person; once everyone is in,
the hub's year of sessions, who came and the volunteers' ideas (demo.generate) are written, a few hundred rows."""

from datetime import UTC, datetime, time, timedelta

from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building

from . import demo
from .models import Idea, PeerSession


def recorded_at(held_on, building: Building):
    """A past session written up the afternoon it was held; one to come, planned a fortnight ago."""
    after = datetime.combine(held_on, time(15, 30), tzinfo=UTC)
    return after if after < building.now else building.now - timedelta(days=14)


class PeerSupportStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        hub = b.ids.teams.get(demo.HUB)
        if hub is None:
            return
        sessions, ideas = demo.generate(b.seed, b.today, b.plan)
        user = b.ids.users.__getitem__
        made = PeerSession.objects.bulk_create(
            PeerSession(
                hub_id=hub,
                kind=s.kind,
                held_on=s.held_on,
                place=s.place,
                themes=s.themes,
                recorded_by_id=user(s.recorded_by),
                recorded_at=recorded_at(s.held_on, b),
            )
            for s in sessions
        )
        through = PeerSession.attended.through
        through.objects.bulk_create(
            through(peersession_id=session.pk, user_id=user(username))
            for session, plan in zip(made, sessions, strict=True)
            for username in plan.came
        )
        Idea.objects.bulk_create(
            Idea(
                hub_id=hub,
                sent_by_id=user(i.sent_by),
                about=i.about,
                words=i.words,
                sent_at=i.sent_at,
                answer=i.answer,
                answer_words=i.answer_words,
                answered_by_id=user(i.answered_by) if i.answered_by else None,
                answered_at=i.answered_at,
            )
            for i in ideas
        )
