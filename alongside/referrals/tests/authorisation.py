"""The referrals' rows of the authorisation matrix (tests/authorisation): every kind of user x every referral page
x every referral state.

OK is the page shown; NO is refused (404 like a missing referral, or 403 where the user's role never reaches
referral pages) with nothing of the referral in the answer, or sent back to the referral when the user may see it
but this step does not apply to it now. "queue" and "mine" are whether the referral appears in the triage queue
and in "Referrals I made", and "team" in "Referrals for my team".

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

# kind of user -> (role, their team: "spa" | "accepting" (the team the referral goes to) | "other")
USERS = {
    "spa triage": ("spa_triage", "spa"),
    "spa team leader": ("team_leader", "spa"),
    "accepting team leader": ("team_leader", "accepting"),
    "accepting clinician": ("clinician", "accepting"),
    "gp": ("gp", "other"),
    "coordinator": ("coordinator", "other"),
    "volunteer": ("volunteer", "other"),
    "ig reviewer": ("ig_reviewer", "other"),
    "admin": ("admin", "other"),
}
REFUSED = (302, 403, 404)  # 302: back to the referral, which the user may see, when this step does not apply

ENDPOINTS = {
    "view": {"url": "referrals:referral", "args": ["{referral.pk}"]},
    "decision": {"url": "referrals:decision", "args": ["{referral.pk}"]},
    "allocate": {"url": "referrals:allocate", "args": ["{referral.pk}"]},
    "edit": {"url": "referrals:edit_draft", "args": ["{referral.pk}"]},
    "queue": {"url": "referrals:queue", "query": {"view": "{queue}"}, "answer": "listed"},
    "mine": {"url": "referrals:mine", "answer": "listed"},
    "team": {"url": "referrals:team", "answer": "listed"},
}
STATES = [
    "received, by another",
    "received, by me",
    "triaged",
    "accepted",
    "allocated",
    "draft, by me",
    "draft, by another",
]
OK, NO = True, False

# state -> view, decision, allocate, edit, queue, mine, team
TRIAGE = {
    "received, by another": [OK, OK, NO, NO, OK, NO, NO],
    "received, by me": [OK, OK, NO, NO, OK, OK, NO],
    "triaged": [OK, OK, NO, NO, OK, NO, NO],
    "accepted": [OK, NO, OK, NO, OK, NO, NO],
    "allocated": [OK, NO, NO, NO, OK, NO, NO],
    "draft, by me": [OK, NO, NO, OK, NO, OK, NO],
    "draft, by another": [NO] * 7,
}
ACCEPTING_LEADER = {
    "received, by another": [NO] * 7,
    "received, by me": [OK, NO, NO, NO, NO, OK, NO],
    "triaged": [NO] * 7,
    "accepted": [OK, NO, OK, NO, NO, NO, OK],
    "allocated": [OK, NO, NO, NO, NO, NO, OK],
    "draft, by me": [OK, NO, NO, OK, NO, OK, NO],
    "draft, by another": [NO] * 7,
}
ACCEPTING_MEMBER = ACCEPTING_LEADER | {"accepted": [OK, NO, NO, NO, NO, NO, OK]}
REFERRER = {
    "received, by another": [NO] * 7,
    "received, by me": [OK, NO, NO, NO, NO, OK, NO],
    "triaged": [NO] * 7,
    "accepted": [NO] * 7,
    "allocated": [NO] * 7,
    "draft, by me": [OK, NO, NO, OK, NO, OK, NO],
    "draft, by another": [NO] * 7,
}
NOTHING = {state: [NO] * 7 for state in STATES}
MATRIX = {
    "spa triage": TRIAGE,
    "spa team leader": TRIAGE,
    "accepting team leader": ACCEPTING_LEADER,
    "accepting clinician": ACCEPTING_MEMBER,
    "gp": REFERRER,
    "coordinator": REFERRER,
    "volunteer": NOTHING,
    "ig reviewer": NOTHING,
    "admin": NOTHING,
}

# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [
    ("referral", state, user, dict(zip(ENDPOINTS, MATRIX[user][state], strict=True)))
    for state in STATES
    for user in USERS
]

# Someone else's referral and a missing one must answer alike, with the same work (tests/authorisation).
REFUSED_LIKE_MISSING = [("referral", "/referrals/{pk}/")]
