"""Plans' rows of the authorisation matrix (tests/authorisation): every kind of user x every plan page x every
state of the person (the person record's own states, so the two cannot drift apart).

The plan is the person's own account (`Category.STORY`): the person and a proxy they chose read it and write their
own parts from their own login, whatever their role; staff who may write the person's record read and write it;
consent, break-glass and the practice the person is registered with let staff read it, never write it; a volunteer
sees nothing of it (the person may share their story with volunteers, which no state here does); everyone else is
refused, as 404, exactly like a missing person.

The staying-well plan, joint crisis plan and advance statement hold care detail (`Category.CARE`): the same people
read and write them, except that a volunteer never reads them, whatever the person shares; and only staff who give
care say the person is in crisis now, or no longer.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

import json

from django.db.models import Max
from django.urls import reverse

from alongside.partners.models import Role
from alongside.plans.models import DocumentPart, DocumentVersion, PlanVersion
from tests.authorisation.parts import person_rows

USERS = [r.value for r in Role] + ["person"]
REFUSED = (404,)

ENDPOINTS = {
    "plan": {"url": "plans:plan", "args": ["{person.pk}"]},
    "version": {"url": "plans:version", "args": ["{person.pk}", "{plan_version.number}"]},
    "edit": {"url": "plans:edit", "args": ["{person.pk}"]},
    "document": {"url": "plans:document", "args": ["{person.pk}", "crisis-plan"]},
    "document_version": {
        "url": "plans:document_version",
        "args": ["{person.pk}", "staying-well", "{document_version.number}"],
    },
    "document_print": {"url": "plans:document_print", "args": ["{person.pk}", "wishes"]},
    "document_edit": {"url": "plans:document_edit", "args": ["{person.pk}", "crisis-plan"]},
    "crisis_flag": {"url": "plans:crisis_flag", "args": ["{person.pk}"]},
    "crisis_end": {"url": "plans:crisis_end", "args": ["{person.pk}"]},
}


def _plan_version(world):
    """A version of the person's plan, as if someone caring for them wrote it."""
    person = world["person"]
    latest = PlanVersion.objects.filter(person=person).aggregate(n=Max("number"))["n"] or 0
    return PlanVersion.objects.create(person=person, number=latest + 1, strengths="Patient", written_as="staff")


def _document_version(world):
    """A version of the person's staying-well plan, as if someone caring for them wrote it."""
    person = world["person"]
    latest = DocumentVersion.objects.filter(person=person, kind="staying_well").aggregate(n=Max("number"))["n"] or 0
    version = DocumentVersion.objects.create(person=person, kind="staying_well", number=latest + 1, written_as="staff")
    DocumentPart.objects.create(
        version=version, person=person, key="keeps_well", text="A walk each morning", words="staff"
    )
    return version


MAKERS = {"plan_version": _plan_version, "document_version": _document_version}
OK, NO = True, False
DOCUMENTS_READ = {"document": OK, "document_version": OK, "document_print": OK}
DOCUMENTS_NOT = {"document": NO, "document_version": NO, "document_print": NO, "document_edit": NO}
FLAG = {"crisis_flag": OK, "crisis_end": OK}
NO_FLAG = {"crisis_flag": NO, "crisis_end": NO}
WRITE = {"plan": OK, "version": OK, "edit": OK} | DOCUMENTS_READ | {"document_edit": OK} | FLAG
READ = {"plan": OK, "version": OK, "edit": NO} | DOCUMENTS_READ | {"document_edit": NO} | NO_FLAG
NOTHING = {"plan": NO, "version": NO, "edit": NO} | DOCUMENTS_NOT | NO_FLAG
# The person and their proxy write their own parts, but only staff who give care say they are in crisis.
OWN = WRITE | NO_FLAG

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
    "proxy chosen by the person": (OWN, OWN),
}
ROWS = person_rows(MATRIX, USERS, NOTHING)

# Someone else's plan and a missing person's must answer alike, with the same work.
REFUSED_LIKE_MISSING = [
    ("person", "/plans/people/{pk}/"),
    ("person", "/plans/people/{pk}/edit/"),
    ("person", "/plans/people/{pk}/crisis-plan/"),
    ("person", "/plans/people/{pk}/in-crisis/"),
]

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
