"""The person's questionnaires and trends in the authorisation matrix: every kind of user x every page x every state
of the person (the person record's own states).

What the care model says:
- The trend page is care information (`Category.CARE`): the person always sees their own, and a proxy they chose
  sees it; staff who give care read it (their caseload, their care team, consent given to their organisation,
  break-glass, the person's GP practice); volunteers never.
- Filling in a questionnaire: the person from their own login; staff who may write the person's care record, with
  the person; never a proxy (the questions ask the person how they are), never from a read-only basis (consent,
  break-glass, the practice), never a volunteer.
- Sending a one-time link: staff who may write the person's care record; not the person, a proxy or a volunteer.
- A one-time link works for whoever holds it without signing in, and for the person signed in as themselves; for
  anyone signed in as somebody else it is a missing page.
Everything refused answers 404, exactly like a missing person. The check page sends anyone allowed with nothing to
check back to the first question (302).
"""

import secrets
from datetime import timedelta
from types import SimpleNamespace

from django.urls import resolve, reverse
from django.utils import timezone

from alongside.core.tests.factories import UserFactory
from alongside.outcomes.models import CompletionLink
from alongside.outcomes.queries import hash_token
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES

USERS = [r.value for r in Role] + ["person"]

ENDPOINTS = {
    "trend": {"url": "outcomes:trend", "args": ["{person.pk}"]},
    "choose": {"url": "outcomes:choose", "args": ["{person.pk}"]},
    "question": {"url": "outcomes:question", "args": ["{person.pk}", "phq-9", "1"]},
    "check": {"url": "outcomes:check", "args": ["{person.pk}", "phq-9"], "answer": "status"},
    "send": {"url": "outcomes:send", "args": ["{person.pk}"]},
    # the link's own address swaps its token for the session (302), then each page it leads to opens without it
    "link address": {"url": "outcomes:link", "args": ["{link.token}"], "answer": "status"},
    "link": {"url": "outcomes:link_start", "answer": "changed", "change": lambda c, w: _through(c, w, "link_start")},
    "link question": {
        "url": "outcomes:link_question",
        "answer": "changed",
        "change": lambda c, w: _through(c, w, "link_question", 1),
    },
    "link check": {
        "url": "outcomes:link_check",
        "answer": "changed",
        "change": lambda c, w: _through(c, w, "link_check"),
    },
}


def _through(client, world, page: str, *more):
    """Open the link's address, then its page: whether the page is shown (True/False), or the check page's status."""
    opened = client.get(reverse("outcomes:link", args=[world.fill("{link.token}")]))
    if opened.status_code != 302:
        assert opened.status_code == 404
        return GONE if page == "link_check" else NO
    handle = resolve(opened["Location"]).kwargs["handle"]
    status = client.get(reverse(f"outcomes:{page}", args=[handle, *more])).status_code
    return status if page == "link_check" else status == 200


def _link(world):
    """A one-time link sent to the person, as if by someone caring for them."""
    token = secrets.token_urlsafe(16)
    now = timezone.now()
    CompletionLink.objects.create(
        person=world["person"],
        instrument="phq-9",
        token_hash=hash_token(token),
        channel=CompletionLink.Channel.TEXT,
        sent_by=UserFactory(),
        expires_at=now + timedelta(days=7),
    )
    return SimpleNamespace(token=token)


MAKERS = {"link": _link}

OK, NO = True, False
GONE = 404
LINK_ELSEWHERE = {
    "link address": GONE,
    "link": NO,
    "link question": NO,
    "link check": GONE,
}  # signed in as somebody else
NOTHING = {"trend": NO, "choose": NO, "question": NO, "check": GONE, "send": NO, **LINK_ELSEWHERE}
READ = NOTHING | {"trend": OK}
WRITE = {"trend": OK, "choose": OK, "question": OK, "check": 302, "send": OK, **LINK_ELSEWHERE}
OWN = {"trend": OK, "choose": OK, "question": OK, "check": 302, "send": NO, "link address": 302, "link": OK,
       "link question": OK, "link check": 302}  # fmt: skip

# state -> (care staff, volunteer)
MATRIX = {
    "named worker": (WRITE, NOTHING),
    "own team caseload": (WRITE, NOTHING),
    "care team member": (WRITE, NOTHING),
    "other team caseload": (NOTHING, NOTHING),
    "other organisation": (NOTHING, NOTHING),
    "relationship ended": (NOTHING, NOTHING),
    "consent withdrawn": (NOTHING, NOTHING),
    "consent permits my organisation": (READ, NOTHING),
    "break-glass active": (READ, NOTHING),
    "break-glass expired": (NOTHING, NOTHING),
    "volunteer allocated": (NOTHING, NOTHING),
    "volunteer allocation ended": (NOTHING, NOTHING),
    "volunteers denied by consent": (NOTHING, NOTHING),
    "registered with my practice": (READ, NOTHING),
    "registered with my practice, sharing refused": (NOTHING, NOTHING),
    # Whatever the user's role: the person's own rights, never a member of staff's.
    "their own record": (OWN, OWN),
    "proxy chosen by the person": (READ, READ),
}
THE_PERSONS_STATES = {"their own record", "proxy chosen by the person"}


def expected(state: str, user: str) -> dict:
    if state in THE_PERSONS_STATES:
        return MATRIX[state][0]
    if user == "volunteer":
        return MATRIX[state][1]
    return MATRIX[state][0] if user in CARE_ROLES else NOTHING


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [("person", state, user, expected(state, user)) for state in MATRIX for user in USERS]

# Someone else's outcomes and a missing person's must answer alike, with the same work.
REFUSED_LIKE_MISSING = [
    ("person", "/outcomes/people/{pk}/"),
    ("person", "/outcomes/people/{pk}/questionnaires/"),
    ("person", "/outcomes/people/{pk}/send/"),
]
