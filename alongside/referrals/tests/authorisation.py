"""The referrals' rows of the authorisation matrix (tests/authorisation): every kind of user x every referral page
x every referral state.

OK is the page shown; NO is refused (404 like a missing referral, or 403 where the user's role never reaches
referral pages) with nothing of the referral in the answer, or sent back to the referral when the user may see it
but this step does not apply to it now. "queue" and "mine" are whether the referral appears in the triage queue
and in "Referrals I made", and "team" in "Referrals for my team".

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from django.urls import reverse

from alongside.partners.roles import REFERRER_ROLES
from alongside.people.tests import authorisation as person
from alongside.referrals.tests.factories import ReferralFactory

# kind of user -> (role, their team: "spa" | "accepting" (the team the referral goes to) | "other")
USERS = {
    "spa triage": ("spa_triage", "spa"),
    "spa team leader": ("team_leader", "spa"),
    "accepting team leader": ("team_leader", "accepting"),
    "accepting clinician": ("clinician", "accepting"),
    "gp": ("gp", "other"),
    "coordinator": ("coordinator", "other"),
    # a coordinator of the voluntary service a referral in "redirected to a partner" was passed to
    "partner coordinator": ("coordinator", "partner"),
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
    "confirm_person": {"url": "referrals:confirm_person", "args": ["{referral.pk}"]},
    "close": {"url": "referrals:close", "args": ["{referral.pk}"]},
    "mdt_flag": {"url": "referrals:mdt_flag", "args": ["{referral.pk}"]},
    "answer": {"url": "referrals:answer", "args": ["{referral.pk}"]},
    "service": {"url": "referrals:service", "answer": "listed"},
    "api": {"url": "api:get_referral", "args": ["{referral.pk}"], "answer": "api"},
    # making a referral is about no referral: checked once, in the first state
    "new": {"url": "referrals:new"},
}
STATES = [
    "received, by another",
    "received, by me",
    "triaged",
    "accepted",
    "allocated",
    "draft, by me",
    "draft, by another",
    "redirected to a partner",
]
OK, NO = True, False

# state -> view, decision, allocate, edit, queue, mine, team. Who this is about is confirmed by the single point of
# access while the referral waits for triage, never by its writer (ADR 16); a referral is closed, once allocated,
# by whoever may allocate it. The API answers as the referral's page does.
TRIAGE = {
    "received, by another": [OK, OK, NO, NO, OK, NO, NO],
    "received, by me": [OK, OK, NO, NO, OK, OK, NO],
    "triaged": [OK, OK, NO, NO, OK, NO, NO],
    "accepted": [OK, NO, OK, NO, OK, NO, NO],
    "allocated": [OK, NO, NO, NO, OK, NO, NO],
    "draft, by me": [OK, NO, NO, OK, NO, OK, NO],
    "draft, by another": [NO] * 7,
    "redirected to a partner": [OK, NO, NO, NO, OK, NO, NO],  # listed with the decided; closed by triage
}
ACCEPTING_LEADER = {
    "received, by another": [NO] * 7,
    "received, by me": [OK, NO, NO, NO, NO, OK, NO],
    "triaged": [NO] * 7,
    "accepted": [OK, NO, OK, NO, NO, NO, OK],
    "allocated": [OK, NO, NO, NO, NO, NO, OK],
    "draft, by me": [OK, NO, NO, OK, NO, OK, NO],
    "draft, by another": [NO] * 7,
    "redirected to a partner": [NO] * 7,
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
    "redirected to a partner": [NO] * 7,
}
# The coordinators of the partner service a referral was redirected to see it and answer it (take it on, or hand it
# back), and find it in "Referrals for my service"; as referrers, they follow their own referrals.
PARTNER_COORDINATOR = REFERRER | {"redirected to a partner": [OK, NO, NO, NO, NO, NO, NO]}
NOTHING = {state: [NO] * 7 for state in STATES}
MATRIX = {
    "spa triage": TRIAGE,
    "spa team leader": TRIAGE,
    "accepting team leader": ACCEPTING_LEADER,
    "accepting clinician": ACCEPTING_MEMBER,
    "gp": REFERRER,
    "coordinator": REFERRER,
    "partner coordinator": PARTNER_COORDINATOR,
    "volunteer": NOTHING,
    "ig reviewer": NOTHING,
    "admin": NOTHING,
}

PAGES = ["view", "decision", "allocate", "edit", "queue", "mine", "team"]  # MATRIX's columns
CONFIRMS = {"spa triage", "spa team leader"}  # and never in "received, by me": they wrote it
MAY_ALLOCATE = {"spa triage", "spa team leader", "accepting team leader"}


def expected(state: str, user: str) -> dict[str, bool]:
    cells = dict(zip(PAGES, MATRIX[user][state], strict=True))
    cells["confirm_person"] = user in CONFIRMS and state == "received, by another"
    cells["close"] = user in MAY_ALLOCATE and state == "allocated" or user in CONFIRMS and state.startswith("redir")
    # asking the MDT to discuss the person: the single point of access, once the person is known
    cells["mdt_flag"] = user in CONFIRMS and state in ("triaged", "accepted", "allocated")
    cells["answer"] = cells["service"] = user == "partner coordinator" and state == "redirected to a partner"
    cells["api"] = cells["view"]
    if state == STATES[0]:
        cells["new"] = user in REFERRERS
    return cells


REFERRERS = {kind for kind, (role, _team) in USERS.items() if role in REFERRER_ROLES}


def rows():
    for state in STATES:
        for user in USERS:
            yield ("referral", state, user, expected(state, user))


# The referrer's words offered for the person's story are answered by whoever may write the person's story: the
# person record's own rows say who that is in each of the person's states.
def answer_a_story_offer(client, world) -> bool:
    referral = ReferralFactory(person=world["person"], status="allocated", story_offer="offered")
    client.post(reverse("referrals:story_offer", args=[referral.pk]), {"agreed": "no"})
    referral.refresh_from_db()
    return referral.story_offer == "declined"


ENDPOINTS["story_offer"] = {"url": "referrals:story_offer", "answer": "changed", "change": answer_a_story_offer}
# "Refer this person" starts the referral form from the record: for those who may refer and may see the record.
ENDPOINTS["refer_from_record"] = {"url": "referrals:new", "query": {"person": "{person.pk}"}}


def refers_from_record(state: str, user: str) -> bool:
    return user in REFERRER_ROLES and person.expected(state, user)["view"]


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [
    *rows(),
    *(
        (
            "person",
            state,
            user,
            {
                "story_offer": person.expected(state, user)["edit_story"],
                "refer_from_record": refers_from_record(state, user),
            },
        )
        for state in person.MATRIX
        for user in person.USERS
    ),
]

# Someone else's referral and a missing one must answer alike, with the same work (tests/authorisation).
REFUSED_LIKE_MISSING = [("referral", "/referrals/{pk}/")]
