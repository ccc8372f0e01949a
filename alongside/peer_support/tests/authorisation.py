"""Peer support's rows of the authorisation matrix (tests/authorisation): every kind of user against every peer
support page, for a volunteer hub's sessions and ideas in the user's own hub or in another.

What each should answer, by the care model: a hub's volunteers see its sessions and "You said, we did" and send
ideas; its coordinators record sessions, see who has not come for a while and answer ideas. Nobody else has any
part in a hub's peer support: staff, administrators, people supported and another hub's members are answered
404, like a page that does not exist (never 403, which would say it does). A visitor is sent to sign in.

The answers are statuses: 200 shown, 302 sent on (to the user's own hub), 404 looks missing.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.peer_support.models import Idea, PeerSession
from tests.authorisation.machinery import SIGN_IN, SIGNED_OUT, World, make_user

SUBJECT = "peer hub"
STATES = ["own hub", "other hub"]

# kind of user -> (role, which of the world's teams)
USERS = {
    "hub volunteer": ("volunteer", "hub"),
    "hub coordinator": ("coordinator", "hub"),
    "hub's practice clinician": ("clinician", "neighbourhood"),
    "team_leader": ("team_leader", "neighbourhood"),
    "ig_reviewer": ("ig_reviewer", "neighbourhood"),
    "admin": ("admin", "neighbourhood"),
}
KINDS = [*USERS, "person", SIGNED_OUT]


def hub_world(state, kind, users, member) -> World:
    """Two volunteer hubs, each with a past session (its volunteer came) and an idea waiting for an answer; the
    state says which hub the pages are asked about: the user's own ("hub") or the other."""
    voluntary = OrganisationFactory(kind=Organisation.Kind.VOLUNTARY)
    teams = {
        "hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, organisation=voluntary, name="Riverside hub"),
        "other hub": TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Hillside hub"),
        "neighbourhood": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
    }
    user = make_user(kind, teams, users, member)
    hub = teams["hub"] if state == "own hub" else teams["other hub"]
    volunteer = MembershipFactory(role="volunteer", team=hub).user
    coordinator = MembershipFactory(role="coordinator", team=hub).user
    session = PeerSession.objects.create(
        hub=hub,
        kind=PeerSession.Kind.COFFEE_MORNING,
        held_on=timezone.localdate() - timedelta(days=7),
        place="The Willow Café",
        themes="Coping with the cold weather",
        recorded_by=coordinator,
    )
    session.attended.set([volunteer] + ([user] if kind == "hub volunteer" and state == "own hub" else []))
    idea = Idea.objects.create(hub=hub, sent_by=volunteer, about="training", words="A Saturday training day")
    objects = {"hub": hub, "session": session, "idea": idea}
    return World(user, teams, objects, page=reverse("peer_support:hub", args=[hub.pk]))


def record_a_session(client, world) -> bool:
    hub = world["hub"]
    before = PeerSession.objects.filter(hub=hub).count()
    client.post(
        reverse("peer_support:new_session", args=[hub.pk]),
        {
            "form_key": "3f0e2a5c-0000-4000-8000-000000000013",
            "kind": "formal_meeting",
            "held_on_day": "2",
            "held_on_month": "6",
            "held_on_year": "2026",
            "place": "The office",
            "themes": "Keeping safe in hot weather",
        },
    )
    return PeerSession.objects.filter(hub=hub).count() == before + 1


def send_an_idea(client, world) -> bool:
    hub = world["hub"]
    client.post(
        reverse("peer_support:new_idea", args=[hub.pk]),
        {"form_key": "3f0e2a5c-0000-4000-8000-000000000014", "about": "deployment", "words": "Visits nearer home"},
    )
    return Idea.objects.filter(hub=hub, words="Visits nearer home").exists()


def answer_the_idea(client, world) -> bool:
    idea = world["idea"]
    client.post(
        reverse("peer_support:answer_idea", args=[idea.pk]),
        {"version": str(idea.version), "answer": "will", "words": "We will, in the spring"},
    )
    return Idea.objects.get(pk=idea.pk).answer == "will"


ENDPOINTS = {
    "index": {"url": "peer_support:index", "answer": "status"},
    "hub": {"url": "peer_support:hub", "args": ["{hub.pk}"], "answer": "status"},
    "new_session": {"url": "peer_support:new_session", "args": ["{hub.pk}"], "answer": "status"},
    "session": {"url": "peer_support:session", "args": ["{session.pk}"], "answer": "status"},
    "edit_session": {"url": "peer_support:edit_session", "args": ["{session.pk}"], "answer": "status"},
    "not_seen": {"url": "peer_support:not_seen", "args": ["{hub.pk}"], "answer": "status"},
    "ideas": {"url": "peer_support:ideas", "args": ["{hub.pk}"], "answer": "status"},
    "new_idea": {"url": "peer_support:new_idea", "args": ["{hub.pk}"], "answer": "status"},
    "answer_idea": {"url": "peer_support:answer_idea", "args": ["{idea.pk}"], "answer": "status"},
    "record a session": {"url": "peer_support:new_session", "answer": "changed", "change": record_a_session},
    "send an idea": {"url": "peer_support:new_idea", "answer": "changed", "change": send_an_idea},
    "answer the idea": {"url": "peer_support:answer_idea", "answer": "changed", "change": answer_the_idea},
}
PAGES = ["hub", "new_session", "session", "edit_session", "not_seen", "ideas", "new_idea", "answer_idea"]
CHANGES = ["record a session", "send an idea", "answer the idea"]
# In their own hub: what each member may open (the rest answers 404) and change
OWN_HUB = {
    "hub volunteer": ({"hub", "session", "ideas", "new_idea"}, {"send an idea"}),
    "hub coordinator": (
        {"hub", "new_session", "session", "edit_session", "not_seen", "ideas", "answer_idea"},
        {"record a session", "answer the idea"},
    ),
}


def expected(state: str, kind: str) -> dict:
    if kind == SIGNED_OUT:
        return {"index": SIGN_IN} | dict.fromkeys(PAGES, SIGN_IN)
    member = kind in OWN_HUB
    pages, changes = OWN_HUB[kind] if member and state == "own hub" else (set(), set())
    return (
        {"index": 302 if member else 404}  # to their own hub, whichever the state is about
        | {page: 200 if page in pages else 404 for page in PAGES}
        | {change: change in changes for change in CHANGES}
    )


ROWS = [(SUBJECT, state, kind, expected(state, kind)) for state in STATES for kind in KINDS]


def someone_elses_session() -> PeerSession:
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)
    return PeerSession.objects.create(
        hub=hub, kind="coffee_morning", held_on=timezone.localdate(), place="A café", recorded_by=UserFactory()
    )


def someone_elses_idea() -> Idea:
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)
    return Idea.objects.create(hub=hub, sent_by=UserFactory(), about="training", words="More training")


WORLDS = {SUBJECT: hub_world}
SUBJECTS = {
    "peer session": someone_elses_session,
    "peer idea": someone_elses_idea,
    "volunteer hub": lambda: TeamFactory(kind=Team.Kind.VOLUNTEER_HUB),
}
REFUSED_LIKE_MISSING = [
    ("volunteer hub", "/peer-support/hubs/{pk}/"),
    ("volunteer hub", "/peer-support/hubs/{pk}/ideas/"),
    ("peer session", "/peer-support/sessions/{pk}/"),
    ("peer session", "/peer-support/sessions/{pk}/edit/"),
    ("peer idea", "/peer-support/ideas/{pk}/answer/"),
]
