"""Administration's rows of the authorisation matrix (tests/authorisation): who may open which administration
page, every role against every endpoint, for the user's own team or another team ("any" where the page is about
no one team).

The answers are statuses: 200 allowed, 403 refused, 404 looks missing, 405 the page takes only POST; a visitor
who is not signed in is sent to sign in.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role

USERS = [r.value for r in Role]
SIGNED_OUT = "signed out"
SIGN_IN = "sign in"  # sent to the sign-in page

ENDPOINTS = {
    "organisations": {"url": "partners:organisations"},
    "new_organisation": {"url": "partners:new_organisation"},
    "organisation": {"url": "partners:organisation", "args": ["{team.organisation_id}"]},
    "edit_organisation": {"url": "partners:edit_organisation", "args": ["{team.organisation_id}"]},
    "teams": {"url": "partners:teams"},
    "new_team": {"url": "partners:new_team"},
    "edit_team": {"url": "partners:edit_team", "args": ["{team.pk}"]},
    "my_teams": {"url": "partners:my_teams"},
    "user_accounts": {"url": "partners:user_accounts"},
    "new_user_account": {"url": "partners:new_user_account"},
    "user_account": {"url": "partners:user_account", "args": ["{membership.user_id}"]},
    "password_link": {"url": "partners:password_link", "args": ["{membership.user_id}"]},  # POST only
    "care_identity": {"url": "partners:care_identity", "args": ["{membership.user_id}"]},
    "unlink_care_identity": {"url": "partners:unlink_care_identity", "args": ["{membership.user_id}"]},
    "team": {"url": "partners:team", "args": ["{team.pk}"]},
    "new_membership": {"url": "partners:new_membership", "args": ["{team.pk}"]},
    "end_membership": {"url": "partners:end_membership", "args": ["{membership.pk}"]},
    # the record's page to choose new named workers when a membership ends (alongside/people/handover.py)
    "handover": {"url": "people:handover", "args": ["{membership.pk}"]},
}
for endpoint in ENDPOINTS.values():
    endpoint["answer"] = "status"

# endpoint -> {state -> {role -> status}}; roles not named get the "default" status.
MATRIX = {
    "organisations": {"any": {"admin": 200, "default": 403}},
    "new_organisation": {"any": {"admin": 200, "default": 403}},
    "organisation": {"any": {"admin": 200, "default": 403}},
    "edit_organisation": {"any": {"admin": 200, "default": 403}},
    "teams": {"any": {"admin": 200, "default": 403}},
    "new_team": {"any": {"admin": 200, "default": 403}},
    "edit_team": {"any": {"admin": 200, "default": 403}},
    "my_teams": {"any": {"default": 200}},
    "user_accounts": {"any": {"admin": 200, "default": 403}},
    "new_user_account": {"any": {"admin": 200, "default": 403}},
    "user_account": {"any": {"admin": 200, "default": 403}},
    "password_link": {"any": {"admin": 405, "default": 403}},
    # Linking an account to the identity it signs in with: an administrator of every organisation the account has a
    # team in; to an administrator elsewhere the account's pages look missing. These states have no OpenID provider
    # set up (OIDC_SERVER_URL unset), so the pages are not there at all, even for that administrator (404): the
    # answers with a provider set up are in partners/tests/test_identity_links.py.
    "care_identity": {"own team": {"admin": 404, "default": 403}, "other team": {"admin": 404, "default": 403}},
    "unlink_care_identity": {
        "own team": {"admin": 404, "default": 403},
        "other team": {"admin": 404, "default": 403},
    },
    "team": {"own team": {"default": 200}, "other team": {"admin": 200, "default": 404}},
    "new_membership": {
        "own team": {"admin": 200, "team_leader": 200, "default": 403},
        "other team": {"admin": 200, "default": 404},
    },
    "end_membership": {
        "own team": {"admin": 200, "team_leader": 200, "default": 403},
        "other team": {"admin": 200, "default": 404},
    },
    # Choosing new named workers is the team leader's (an administrator sees no person data). Nobody has the
    # member as named worker in these states: the page sends the leader back (302).
    "handover": {
        "own team": {"team_leader": 302, "default": 403},
        "other team": {"default": 404},
    },
}
STATES = ["any", "own team", "other team"]


def expected(state: str, user: str) -> dict:
    """What each endpoint about this state answers the user. A visitor not signed in, who has no team of their
    own to tell from another, is sent to sign in (ending a membership is not checked for them)."""
    cells = {}
    for endpoint, states in MATRIX.items():
        if state not in states:
            continue
        if user == SIGNED_OUT:
            if endpoint != "end_membership" and state != "other team":
                cells[endpoint] = SIGN_IN
        else:
            cells[endpoint] = states[state].get(user, states[state]["default"])
    return cells


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [
    ("team", state, user, cells)
    for state in STATES
    for user in [*USERS, SIGNED_OUT]
    if (cells := expected(state, user))
]
