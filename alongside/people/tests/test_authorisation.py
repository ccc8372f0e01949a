"""The person-record authorisation matrix: every role x every person endpoint x every object state.

One declarative table says what should happen; the test builds each state and checks every cell. Staff roles
that give care share one column because the policy treats them alike for person data; administrators,
IG reviewers and a user whose only role is 'person' are always refused someone else's record. 200 allowed, 404 refused
(identical to missing). Searching is checked too: a refused person is never found and never counted.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core.tests.factories import OrganisationFactory, PersonFactory, TeamFactory, UserFactory
from alongside.partners.models import CARE_ROLES, Role
from alongside.people.tests.factories import EntryFactory, RelationshipFactory

ROLES = [r.value for r in Role] + ["person"]
ENDPOINTS = ["view", "story_history", "edit_story", "new_entry", "amend_entry", "amend_restricted", "found"]
OK, NO = 200, 404

# state -> (staff, volunteer) expectations for each endpoint, in ENDPOINTS order.
MATRIX = {
    "named worker": ([OK, OK, OK, OK, OK, OK, OK], [NO] * 7),
    "own team caseload": ([OK, OK, OK, OK, OK, NO, OK], [NO] * 7),
    "care team member": ([OK, OK, OK, OK, OK, NO, OK], [NO] * 7),
    "other team caseload": ([NO] * 7, [NO] * 7),
    "other organisation": ([NO] * 7, [NO] * 7),
    "relationship ended": ([NO] * 7, [NO] * 7),
    "consent withdrawn": ([NO] * 7, [NO] * 7),
    "consent permits my organisation": ([OK, OK, NO, NO, NO, NO, OK], [NO] * 7),
    "break-glass active": ([OK, OK, NO, NO, NO, NO, OK], [NO] * 7),
    "break-glass expired": ([NO] * 7, [NO] * 7),
    "volunteer allocated": ([NO] * 7, [OK, NO, NO, NO, NO, NO, OK]),
    "volunteer allocation ended": ([NO] * 7, [NO] * 7),
    "volunteers denied by consent": ([NO] * 7, [NO] * 7),
}


def build(state, user, team):
    """A person in the given state relative to `user`, who works in `team`."""
    now = timezone.now()
    person = PersonFactory(given_name="Matrix", family_name="Subject")
    rel = RelationshipFactory
    if state == "named worker":
        rel(person=person, user=user, kind="named_worker")
    elif state == "own team caseload":
        rel(person=person, user=None, team=team, kind="team_caseload")
    elif state == "care team member":
        rel(person=person, user=user, kind="care_team")
    elif state == "other team caseload":
        rel(person=person, user=None, team=TeamFactory(organisation=team.organisation), kind="team_caseload")
    elif state == "other organisation":
        rel(person=person, user=None, team=TeamFactory(organisation=OrganisationFactory()), kind="team_caseload")
    elif state == "relationship ended":
        rel(person=person, user=user, kind="named_worker", started_at=now - timedelta(days=60), ended_at=now)
    elif state == "consent withdrawn":
        rel(person=person, user=None, team=team, kind="team_caseload")
        ConsentProvision.objects.create(
            person=person, permit=False, actor_kind="organisation", organisation=team.organisation
        )
    elif state == "consent permits my organisation":
        ConsentProvision.objects.create(
            person=person, permit=True, actor_kind="organisation", organisation=team.organisation
        )
    elif state == "break-glass active":
        BreakGlass.objects.create(
            user=user, person=person, reason_code="emergency", reason_text="x", expires_at=now + timedelta(hours=12)
        )
    elif state == "break-glass expired":
        BreakGlass.objects.create(
            user=user,
            person=person,
            reason_code="emergency",
            reason_text="x",
            started_at=now - timedelta(hours=13),
            expires_at=now - timedelta(hours=1),
        )
    elif state == "volunteer allocated":
        rel(person=person, user=user, kind="volunteer")
    elif state == "volunteer allocation ended":
        rel(person=person, user=user, kind="volunteer", started_at=now - timedelta(days=60), ended_at=now)
    elif state == "volunteers denied by consent":
        rel(person=person, user=user, kind="volunteer")
        ConsentProvision.objects.create(person=person, permit=False, actor_kind="volunteers")
    return person


def request_endpoint(client, endpoint, person):
    if endpoint == "found":
        page = client.get(reverse("people:search"), {"q": "Matrix Subject"}).content.decode()
        return OK if reverse("people:person", args=[person.pk]) in page else NO
    if endpoint in {"amend_entry", "amend_restricted"}:
        entry = EntryFactory(person=person, restricted=endpoint == "amend_restricted")
        return client.get(reverse("people:amend_entry", args=[person.pk, entry.pk])).status_code
    name = {"view": "person"}.get(endpoint, endpoint)
    args = [person.pk, "my_story"] if "story" in endpoint else [person.pk]
    return client.get(reverse(f"people:{name}", args=args)).status_code


def cases():
    for state, (staff, volunteer) in MATRIX.items():
        for role in ROLES:
            expected = volunteer if role == "volunteer" else staff if role in CARE_ROLES else [NO] * 7
            expected = [*expected, expected[ENDPOINTS.index("edit_story")]]  # details are written like the story
            yield pytest.param(state, role, expected, id=f"{state}-{role}")


@pytest.mark.parametrize(("state", "role", "expected"), list(cases()))
def test_person_record_authorisation_matrix(state, role, expected, member, client):
    team = TeamFactory()
    if role == "person":
        user = UserFactory()
        PersonFactory(user=user)
    else:
        user = member(role, team=team)
    client.force_login(user)
    person = build(state, user, team)
    got = [request_endpoint(client, endpoint, person) for endpoint in ENDPOINTS]
    endpoints = [*ENDPOINTS, "edit_details"]
    got.append(request_endpoint(client, "edit_details", person))
    assert dict(zip(endpoints, got, strict=True)) == dict(zip(endpoints, expected, strict=True))


def test_refusals_look_exactly_like_missing_people(member, client):
    user = member("clinician")
    client.force_login(user)
    person = PersonFactory()
    refused = client.get(reverse("people:person", args=[person.pk]))
    missing = client.get(reverse("people:person", args=[10**9]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
