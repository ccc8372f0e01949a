"""Plans' rows of the authorisation matrix (tests/authorisation): every kind of user x every plan page x every
state of the person (the person record's own states, so the two cannot drift apart).

The plan is the person's own account (`Category.STORY`): the person and a proxy they chose read it and write their
own parts from their own login, whatever their role; staff who may write the person's record read and write it;
consent, break-glass and the practice the person is registered with let staff read it, never write it; a volunteer
sees nothing of it (the person may share their story with volunteers, which no state here does); everyone else is
refused, as 404, exactly like a missing person.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

import json

from django.db.models import Max
from django.urls import reverse

from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.plans.models import PlanVersion

USERS = [r.value for r in Role] + ["person"]
REFUSED = (404,)

ENDPOINTS = {
    "plan": {"url": "plans:plan", "args": ["{person.pk}"]},
    "version": {"url": "plans:version", "args": ["{person.pk}", "{plan_version.number}"]},
    "edit": {"url": "plans:edit", "args": ["{person.pk}"]},
}


def _plan_version(world):
    """A version of the person's plan, as if someone caring for them wrote it."""
    person = world["person"]
    latest = PlanVersion.objects.filter(person=person).aggregate(n=Max("number"))["n"] or 0
    return PlanVersion.objects.create(person=person, number=latest + 1, strengths="Patient", written_as="staff")


MAKERS = {"plan_version": _plan_version}
OK, NO = True, False
WRITE = {"plan": OK, "version": OK, "edit": OK}
READ = {"plan": OK, "version": OK, "edit": NO}
NOTHING = {"plan": NO, "version": NO, "edit": NO}

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
    "their own record": (WRITE, WRITE),
    "proxy chosen by the person": (WRITE, WRITE),
}
THE_PERSONS_STATES = {"their own record", "proxy chosen by the person"}


def expected(state: str, user: str) -> dict[str, bool]:
    if state in THE_PERSONS_STATES:
        return MATRIX[state][0]
    if user == "volunteer":
        return MATRIX[state][1]
    return MATRIX[state][0] if user in CARE_ROLES else NOTHING


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [("person", state, user, expected(state, user)) for state in MATRIX for user in USERS]

# Someone else's plan and a missing person's must answer alike, with the same work.
REFUSED_LIKE_MISSING = [("person", "/plans/people/{pk}/"), ("person", "/plans/people/{pk}/edit/")]

# The plan's JSON API (alongside/plans/api.py): read wherever the plan's page is read, and written wherever its
# edit page is, by the same rules.


def _write_through_the_api(client, world) -> bool:
    """POST a first version of the plan through the API, as a signed-in browser would: was it saved?"""
    person = world["person"]
    before = PlanVersion.objects.filter(person=person).count()
    client.post(
        reverse("api:write_person_plan", args=[person.pk]),
        data=json.dumps({"based_on": before, "strengths": "Good with people", "reason": "Through the API"}),
        content_type="application/json",
        headers={"Idempotency-Key": f"matrix-plan-{person.pk}"},
    )
    return PlanVersion.objects.filter(person=person, reason="Through the API").exists()


ENDPOINTS |= {
    "api_plan": {"url": "api:person_plan", "args": ["{person.pk}"], "answer": "api"},
    "api_plan_versions": {"url": "api:person_plan_versions", "args": ["{person.pk}"], "answer": "api"},
    "api_write": {"url": "api:write_person_plan", "answer": "changed", "change": _write_through_the_api},
}
ROWS = [
    (
        subject,
        state,
        user,
        {**cells, "api_plan": cells["plan"], "api_plan_versions": cells["plan"], "api_write": cells["edit"]},
    )
    for subject, state, user, cells in ROWS
]
REFUSED_LIKE_MISSING += [("person", "/api/v1/people/{pk}/plan")]
