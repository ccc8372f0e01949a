"""The outcomes API's rows of the authorisation matrix (tests/authorisation): every kind of user x each operation
about a person x every state of the person record.

Outcome measures are care information (`Category.CARE`): staff caring for the person read them, and so do staff
reading through consent, break-glass or the practice the person is registered with; the person reads their own,
and so does a proxy they chose; volunteers never do; everyone else is refused, as 404, exactly like a missing
person.
"""

import json

from django.urls import reverse

from alongside.outcomes.models import How, Response
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES

USERS = [r.value for r in Role] + ["person"]
REFUSED = (404,)


def _record_answers(client, world) -> bool:
    """POST the person's answers to PHQ-9 through the API, as a signed-in browser would: were they recorded?"""
    person = world["person"]
    client.post(
        reverse("api:record_outcome_response", args=[person.pk]),
        data=json.dumps({"instrument": "phq-9", "answers": {f"phq9-{n}": 1 for n in range(1, 10)}}),
        content_type="application/json",
        headers={"Idempotency-Key": f"matrix-outcome-{person.pk}"},
    )
    return Response.objects.filter(person=person, recorded_by=world.user).exists()


ENDPOINTS = {
    "api_responses": {"url": "api:outcome_responses", "args": ["{person.pk}"], "answer": "api"},
    "api_response_fhir": {
        "url": "api:outcome_response_fhir",
        "args": ["{person.pk}", "{outcome_response.pk}"],
        "answer": "api",
    },
    "api_record": {"url": "api:record_outcome_response", "answer": "changed", "change": _record_answers},
}


def _outcome_response(world):
    """One PHQ-9 the person answered."""
    answers = {f"phq9-{n}": 1 for n in range(1, 10)}
    return Response.objects.create(person=world["person"], instrument="phq-9", answers=answers, total=9, how=How.API)


MAKERS = {"outcome_response": _outcome_response}
OK, NO = True, False
# Recording: staff caring for the person record with them, and the person records their own; staff reading
# through consent, break-glass or the practice only read; a proxy never answers for the person (actions.py).
RECORD = {"api_responses": OK, "api_response_fhir": OK, "api_record": OK}
READ = {"api_responses": OK, "api_response_fhir": OK, "api_record": NO}
NOTHING = {"api_responses": NO, "api_response_fhir": NO, "api_record": NO}

# state -> (care staff, volunteer)
MATRIX = {
    "named worker": (RECORD, NOTHING),
    "own team caseload": (RECORD, NOTHING),
    "care team member": (RECORD, NOTHING),
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
    "their own record": (RECORD, RECORD),
    "proxy chosen by the person": (READ, READ),
}
THE_PERSONS_STATES = {"their own record", "proxy chosen by the person"}


def expected(state: str, user: str) -> dict[str, bool]:
    if state in THE_PERSONS_STATES:
        return MATRIX[state][0]
    if user == "volunteer":
        return MATRIX[state][1]
    return MATRIX[state][0] if user in CARE_ROLES else NOTHING


ROWS = [("person", state, user, expected(state, user)) for state in MATRIX for user in USERS]

# Someone else's outcomes and a missing person's must answer alike, with the same work.
REFUSED_LIKE_MISSING = [("person", "/api/v1/people/{pk}/responses")]
