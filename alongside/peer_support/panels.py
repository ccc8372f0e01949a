"""Peer support's parts of the home page:

- a coordinator's: the volunteers' ideas waiting for an answer, the oldest first;
- a volunteer's: the next session of their hub, and their own ideas with the answers.

Neither names a person supported. Each reads a fixed number of times (two queries).
"""

from django.utils import timezone

from . import hubs, queries

SHOWN = 5


def coordinator(request) -> dict | None:
    mine = [team for team, role in hubs.hubs(request).values() if role == hubs.COORDINATOR]
    if not mine:
        return None
    waiting, count = queries.waiting([t.pk for t in mine], SHOWN)
    return {"waiting": waiting, "count": count, "hubs": mine}


def volunteer(request) -> dict | None:
    mine = [team for team, role in hubs.hubs(request).values() if role == hubs.VOLUNTEER]
    if not mine:
        return None
    return {
        "hub": mine[0],
        "next": queries.next_session([t.pk for t in mine], timezone.localdate()),
        "ideas": queries.own_ideas(request.user, SHOWN),
    }
