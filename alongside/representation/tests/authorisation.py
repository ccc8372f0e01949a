"""Representation's rows of the authorisation matrix (tests/authorisation): every kind of user x every
representation page x a team of their own and a team of another organisation.

By the care model: the events across the partnership are open to everyone who works in a team (each sees the
events their teams are asked to; administrators and team leaders see them all), never to someone supported, who is
not staff. Only administrators add an event, change or cancel one: an event belongs to the whole partnership, not to one
team, whichever teams it asks; but only administrators of the organisation that planned it change or cancel it
(here the team's organisation: another organisation's administrators get the site's 404). A team's
rota is for the team's own members, in any role (volunteers go too); anyone else gets the site's own 404, as for a
team that does not exist, administrators included: they run the service, not the team. Within the team, only its
leader changes who goes and records who went; the note after an event is written by those who went or the leader
(here two colleagues went, so of this user's kinds only the leader may); anyone in the team may say they cannot go.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Role
from alongside.representation.models import CannotGo, Event, Invitation, Seat
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT

USERS = [r.value for r in Role] + ["person", SIGNED_OUT]
EVENT = "{representation_event.pk}"
PAST = "{representation_past_event.pk}"


def _event(world, days: int) -> Event:
    event = Event.objects.create(
        name="Partnership board",
        kind="board",
        date=timezone.localdate() + timedelta(days=days),
        place="Town hall",
        created_by=UserFactory(),
        organisation=world["team"].organisation,
    )
    Invitation.objects.create(event=event, team=world["team"])
    return event


def _past(world) -> Event:
    """An event three days ago that two colleagues of the team went to."""
    event = _event(world, -3)
    invitation = event.invitations.get()
    for position in (1, 2):
        colleague = UserFactory()
        world["team"].memberships.create(user=colleague, role=Role.CLINICIAN)
        Seat.objects.create(invitation=invitation, position=position, place="new", user=colleague, reason="Turn")
    return event


def _says_cannot_go(client, world) -> bool:
    event = _event(world, 10)
    client.post(reverse("representation:cannot_go", args=[world["team"].pk, event.pk]), {"cannot": "yes"})
    return CannotGo.objects.filter(event=event).exists()


MAKERS = {"representation_event": lambda world: _event(world, 10), "representation_past_event": _past}

ENDPOINTS = {
    "events": {"url": "representation:events", "answer": "status"},
    "add event": {"url": "representation:add_event", "answer": "status"},
    "edit event": {"url": "representation:edit_event", "args": [EVENT], "answer": "status"},
    "cancel event": {"url": "representation:cancel_event", "args": [EVENT], "answer": "status"},
    "rota": {"url": "representation:team", "args": ["{team.pk}"], "answer": "status"},
    "choose": {"url": "representation:choose", "args": ["{team.pk}", EVENT], "answer": "status"},
    "attendance": {"url": "representation:attendance", "args": ["{team.pk}", PAST], "answer": "status"},
    "note": {"url": "representation:note", "args": ["{team.pk}", PAST], "answer": "status"},
    "cannot go": {"url": "representation:cannot_go", "answer": "changed", "change": _says_cannot_go},
}


PAGES = ("events", "add event", "edit event", "cancel event", "rota", "choose", "attendance", "note")


def _row(state: str, user: str) -> dict:
    if user == SIGNED_OUT:
        return dict.fromkeys(PAGES, SIGN_IN) | {"cannot go": False}
    if user == "person":  # someone supported is never staff
        return dict.fromkeys(PAGES, 403) | {"cannot go": False}
    own = state == "own team"
    leads = own and user == Role.TEAM_LEADER
    return {
        "events": 200,
        "add event": 200 if user == Role.ADMIN else 403,
        "edit event": (200 if own else 404) if user == Role.ADMIN else 403,
        "cancel event": (200 if own else 404) if user == Role.ADMIN else 403,
        "rota": 200 if own else 404,
        "choose": 200 if leads else 404,
        "attendance": 200 if leads else 404,
        "note": 200 if leads else 404,
        "cannot go": own,
    }


ROWS = [("team", state, user, _row(state, user)) for state in ("own team", "other team") for user in USERS]
