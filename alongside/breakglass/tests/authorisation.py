"""Break-glass's rows of the authorisation matrix (tests/authorisation): every kind of user x every break-glass page
x every state of the person (the person record's own states and kinds of user).

Only care roles break the glass; only information governance reviewers see the uses awaiting review and review
one: here a colleague's use on the person, by someone in the reviewer's own organisation (ADR 9). Neither depends
on the user's relationship with the person, so each is the same in every state but one: nobody reviews a use
on their own record ("their own record"), which looks missing to them. OK is the page shown; NO is refused: 403
where the user's role never reaches the page, or 404 as if missing.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from datetime import timedelta

from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.partners.tests.factories import MembershipFactory
from alongside.people.tests.authorisation import MATRIX, USERS

REFUSED = (403, 404)

ENDPOINTS = {
    "start": {"url": "breakglass:start"},
    "reviews": {"url": "breakglass:reviews"},
    "review": {"url": "breakglass:review", "args": ["{colleagues_use.pk}"]},
}


def _colleagues_use(world) -> BreakGlass:
    team = world.teams["own"]
    colleague = MembershipFactory(team=team, role=Role.CLINICIAN).user
    return BreakGlass.objects.create(
        user=colleague,
        person=world["person"],
        organisation_id=team.organisation_id,
        reason_code="emergency",
        reason_text="Found on the floor",
        expires_at=timezone.now() + timedelta(hours=12),
    )


MAKERS = {"colleagues_use": _colleagues_use}


def expected(state: str, user: str) -> dict[str, bool]:
    reviewer = user == Role.IG_REVIEWER
    return {"start": user in CARE_ROLES, "reviews": reviewer, "review": reviewer and state != "their own record"}


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [("person", state, user, expected(state, user)) for state in MATRIX for user in USERS]
