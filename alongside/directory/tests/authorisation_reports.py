"""The reports part's rows of the authorisation matrix (see tests/authorisation/machinery.py).

The subject is a community referral, seen only as a count in the coordinators' reports: sent to a service named
"Matrix Subject service" by a team of the user's own organisation, or of another organisation. By the care model,
the reports are for community coordinators (any team: they refer people to community services and follow them
up) and team leaders (who answer for their team's referrals); each sees the referrals made by their own
organisation's teams, so another organisation's referral is not in their figures.

Nobody else sees them: not staff who give care in other roles (they follow their own referrals on the person's
page), not directory editors (they keep the listings, not the referrals), not administrators or information
governance reviewers, not volunteers, not the person supported or a proxy, and not the public (a visitor is asked
to sign in). The CSV download follows the same rule.
"""

from alongside.core.tests.factories import UserFactory
from alongside.directory.tests.finding_factories import make_service
from alongside.directory.tests.reports_factories import make_referral
from alongside.partners.models import Role
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from tests.authorisation.machinery import NAME, SIGN_IN, SIGNED_OUT, World, make_user

SUBJECT = "community referral in the reports"
OWN, OTHER = "referral by the user's organisation", "referral by another organisation"
STATES = (OWN, OTHER)
PROXY = "proxy"
READERS = {Role.COORDINATOR, Role.TEAM_LEADER}


def report_world(state, kind, users, member) -> World:
    teams = {"own": TeamFactory()}
    if kind == PROXY:
        user = UserFactory()
        RelationshipFactory(person=PersonFactory(), user=user, kind="proxy")
    else:
        user = make_user(kind, teams, users, member)
    referring = teams["own"] if state == OWN else TeamFactory(organisation=OrganisationFactory())
    service = make_service(f"{NAME} service", "Weekly visits")
    make_referral(service, referring, "accepted")
    return World(user, teams, {"service": service}, listing=f"{NAME} service")


WORLDS = {SUBJECT: report_world}
ENDPOINTS = {
    "referral reports": {"url": "directory:reports", "answer": "listed"},
    "referral reports, by status": {"url": "directory:reports", "answer": "status"},
    "referral reports as a spreadsheet": {"url": "directory:reports_download", "answer": "listed"},
    "referral reports as a spreadsheet, by status": {"url": "directory:reports_download", "answer": "status"},
}


def expected(state: str, kind: str) -> dict:
    if kind == SIGNED_OUT:
        return {"referral reports, by status": SIGN_IN, "referral reports as a spreadsheet, by status": SIGN_IN}
    reads = kind in READERS
    listed = reads and state == OWN
    status = 200 if reads else 403
    return {
        "referral reports": listed,
        "referral reports, by status": status,
        "referral reports as a spreadsheet": listed,
        "referral reports as a spreadsheet, by status": status,
    }


KINDS = [r.value for r in Role] + ["person", PROXY, SIGNED_OUT]
ROWS = [(SUBJECT, state, kind, expected(state, kind)) for state in STATES for kind in KINDS]
