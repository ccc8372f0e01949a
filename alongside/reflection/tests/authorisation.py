"""Reflection's rows of the authorisation matrix (tests/authorisation): every kind of user x every reflection page x
every state of a contact and of a team.

A moment of reflection is for whoever had the contact or recorded it, and only while they may read the care of the
person it was with (here the person is on the user's team's caseload, so every care role may): nobody else reaches
it, not their team leader, as 404, exactly like a contact that does not exist. "Your reflections" is for care staff,
and shows only their own. A team's patterns are for those who give care in the team, its leaders among them.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from types import SimpleNamespace

from django.urls import reverse

from alongside.continuity.tests.factories import ContactFactory
from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from tests.authorisation.machinery import NAME, World, make_user

USERS = [r.value for r in Role] + ["person"]
OK, NO = True, False

ENDPOINTS = {
    "reflect": {"url": "reflection:reflect", "args": ["{contact.pk}"], "refused": (404,)},
    "mine": {"url": "reflection:mine"},
    "team": {"url": "reflection:team", "args": ["{team.pk}"], "refused": (404,)},
}


def contact_world(state, kind, users, member) -> World:
    """A contact with someone on the user's team's caseload: the user had it ("took part"), recorded it for a
    colleague ("recorded it"), or neither ("someone else's contact")."""
    teams = {"own": TeamFactory()}
    user = make_user(kind, teams, {}, member)
    given, family = NAME.split()
    person = PersonFactory(given_name=given, family_name=family)
    RelationshipFactory(person=person, user=None, team=teams["own"], kind="team_caseload")
    colleague = UserFactory()
    me = user if user is not None else colleague
    practitioner, recorder = {
        "took part": (me, colleague),
        "recorded it": (colleague, me),
        "someone else's contact": (colleague, colleague),
    }[state]
    contact = ContactFactory(person=person, practitioner=practitioner, recorded_by=recorder, team=teams["own"])
    page = reverse("people:person", args=[person.pk])
    return World(user, teams, {"contact": contact, "person": person}, page=page, listing=page)


WORLDS = {"contact": contact_world}
# Someone else's contact, by its id alone: reflection never learns whose a contact is unless the user took part in
# it (registry.contact_taken_part answers nothing else), so its refusal names no person, exactly as for a missing one.
SUBJECTS = {"contact": lambda: SimpleNamespace(pk=ContactFactory().pk)}


def _care(user: str) -> bool:
    return user in CARE_ROLES


ROWS = [
    *(
        ("contact", state, user, {"reflect": _care(user) and state != "someone else's contact", "mine": _care(user)})
        for state in ("took part", "recorded it", "someone else's contact")
        for user in USERS
    ),
    *(("team", "own team", user, {"team": _care(user)}) for user in USERS),
    *(("team", "other team", user, {"team": NO}) for user in USERS),
]

# Someone else's contact and a missing one answer alike, with the same work and one audit row each.
REFUSED_LIKE_MISSING = [("contact", "/reflection/contacts/{pk}/")]
