"""The referrals authorisation matrix: every kind of user x every referral page x every referral state.

One table says what should happen. OK is the page shown; NO is refused (404 like a missing referral, or 403 where
the user's role never reaches referral pages) with nothing of the referral in the answer. "queue" and "mine" are
whether the referral appears in the triage queue and in "Referrals I made", and "team" in "Referrals for my team".
"""

import pytest
from django.utils import timezone

from alongside.core.tests.factories import PersonFactory, TeamFactory, UserFactory
from alongside.partners.models import Team

from .factories import ReferralFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = ["view", "decision", "allocate", "edit", "queue", "mine", "team"]
OK, NO = True, False
USERS = {
    # kind: (role, team kind: "spa" | "accepting" | "other")
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
STATES = [
    "received, by another",
    "received, by me",
    "triaged",
    "accepted",
    "allocated",
    "draft, by me",
    "draft, by another",
]

TRIAGE = {
    "received, by another": [OK, OK, NO, NO, OK, NO],
    "received, by me": [OK, OK, NO, NO, OK, OK],
    "triaged": [OK, OK, NO, NO, OK, NO],
    "accepted": [OK, NO, OK, NO, OK, NO],
    "allocated": [OK, NO, NO, NO, OK, NO],
    "draft, by me": [OK, NO, NO, OK, NO, OK],
    "draft, by another": [NO] * 6,
}
ACCEPTING_LEADER = {
    "received, by another": [NO] * 6,
    "received, by me": [OK, NO, NO, NO, NO, OK],
    "triaged": [NO] * 6,
    "accepted": [OK, NO, OK, NO, NO, NO],
    "allocated": [OK, NO, NO, NO, NO, NO],
    "draft, by me": [OK, NO, NO, OK, NO, OK],
    "draft, by another": [NO] * 6,
}
ACCEPTING_MEMBER = ACCEPTING_LEADER | {"accepted": [OK, NO, NO, NO, NO, NO]}
REFERRER = {
    "received, by another": [NO] * 6,
    "received, by me": [OK, NO, NO, NO, NO, OK],
    "triaged": [NO] * 6,
    "accepted": [NO] * 6,
    "allocated": [NO] * 6,
    "draft, by me": [OK, NO, NO, OK, NO, OK],
    "draft, by another": [NO] * 6,
}
NOTHING = {state: [NO] * 6 for state in STATES}
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
# "team": listed under "Referrals for my team", only for the team that accepted it.
for table in (TRIAGE, ACCEPTING_LEADER, REFERRER, NOTHING):
    for state in STATES:
        table[state] = [*table[state], NO]
ACCEPTING_MEMBER = {state: [*row[:6], state in ("accepted", "allocated")] for state, row in ACCEPTING_MEMBER.items()}
for state in ("accepted", "allocated"):
    ACCEPTING_LEADER[state][6] = OK
MATRIX["accepting clinician"] = ACCEPTING_MEMBER

QUEUE_VIEW = {"received": "waiting", "triaged": "waiting", "accepted": "accepted", "allocated": "decided"}


def build(state, user, accepting_team):
    other = UserFactory()
    by = user if "by me" in state else other
    status = state.split(",")[0]
    fields = {"referrer_user": by, "given_name": "Matrix", "family_name": "Subject", "status": status}
    if status == "draft":
        fields["received_at"] = None
    if status in ("triaged", "accepted", "allocated"):
        fields["person"] = PersonFactory()
    if status in ("accepted", "allocated"):
        fields.update(team=accepting_team, decided_at=timezone.now())
    if status == "allocated":
        fields["named_worker"] = other
    return ReferralFactory(**fields)


@pytest.mark.parametrize("kind", list(USERS))
@pytest.mark.parametrize("state", STATES)
def test_matrix(client, member, kind, state):
    role, team_kind = USERS[kind]
    teams = {
        "spa": TeamFactory(kind=Team.Kind.SPA),
        "accepting": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
        "other": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
    }
    user = member(role, team=teams[team_kind])
    referral = build(state, user, teams["accepting"])
    client.force_login(user)
    pages = {
        "view": f"/referrals/{referral.pk}/",
        "decision": f"/referrals/{referral.pk}/decision/",
        "allocate": f"/referrals/{referral.pk}/allocate/",
        "edit": f"/referrals/{referral.pk}/edit/",
        "queue": f"/referrals/?view={QUEUE_VIEW.get(referral.status, 'waiting')}",
        "mine": "/referrals/mine/",
        "team": "/referrals/team/",
    }
    expected = dict(zip(ENDPOINTS, MATRIX[kind][state], strict=True))
    found = {}
    for endpoint, path in pages.items():
        response = client.get(path)
        body = response.content.decode()
        if endpoint in ("queue", "mine", "team"):
            found[endpoint] = response.status_code == 200 and f"R{referral.pk:06d}" in body
        else:
            found[endpoint] = response.status_code == 200
            if response.status_code == 302:  # may see the referral, but this step does not apply to it now
                assert response["Location"] == f"/referrals/{referral.pk}/"
            elif response.status_code != 200:
                assert response.status_code in (403, 404) and "Matrix Subject" not in body
    assert found == expected


def test_a_refused_referral_does_the_same_work_as_a_missing_one(client, member):
    """The same queries and one audit row each: the time taken does not tell whether a referral exists."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alongside.core.models import AuditEvent

    client.force_login(member("clinician"))
    someone_elses = ReferralFactory()
    counts = {}
    for pk in (someone_elses.pk, someone_elses.pk + 1000):
        before = AuditEvent.objects.count()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/referrals/{pk}/").status_code == 404
        assert AuditEvent.objects.count() == before + 1
        counts[pk] = len(queries)
    assert len(set(counts.values())) == 1
