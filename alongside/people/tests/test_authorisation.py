"""The person-record authorisation matrix: every role x every person endpoint x every object state.

One declarative table says what the care model allows; the test builds each state and checks every cell. Staff
roles that give care share one column because the policy treats them alike for person data; administrators, IG
reviewers and a user whose only role is 'person' are refused someone else's record. Whatever their role, the
person themselves and a proxy they chose read the record and write only what is theirs (their story, notes of
their own, how to communicate with them, their family and carers, their sharing choices); they ask for
corrections of what staff wrote, and never act as staff on it. OK is allowed (a page shown, or the change made);
NO is refused (404, identical to missing, or the change not made). Searching is checked too: a refused person is
never found and never counted.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core.tests.factories import OrganisationFactory, PersonFactory, TeamFactory, UserFactory
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES
from alongside.people.models import CareRelationship, CorrectionRequest, Entry
from alongside.people.tests.factories import EntryFactory, RelationshipFactory

ROLES = [r.value for r in Role] + ["person"]
ENDPOINTS = [
    "view",
    "story_history",
    "edit_story",
    "new_entry",
    "amend_entry",
    "amend_restricted",
    "new_own_note",
    "amend_own_note",
    "ask_for_correction",
    "answer_correction",  # of an entry someone else wrote: the named worker's to answer
    "edit_details",
    "edit_communication",
    "new_supporter",
    "add_care_team_member",
    "sharing_choices",
    "found",
    "end_named_worker",  # last: ending the user's own named-worker relationship ends their access
]
OK, NO = True, False
N = len(ENDPOINTS)


def row(**allowed) -> list[bool]:
    assert set(allowed) <= set(ENDPOINTS), set(allowed) - set(ENDPOINTS)
    return [allowed.get(endpoint, NO) for endpoint in ENDPOINTS]


CARING = row(
    view=OK,
    story_history=OK,
    edit_story=OK,
    new_entry=OK,
    amend_entry=OK,
    edit_details=OK,
    edit_communication=OK,
    new_supporter=OK,
    add_care_team_member=OK,
    end_named_worker=OK,
    found=OK,
)
NAMED_WORKER = [
    OK if e in {"amend_restricted", "answer_correction"} else allowed
    for e, allowed in zip(ENDPOINTS, CARING, strict=True)
]
READING = row(view=OK, story_history=OK, found=OK)  # through consent or break-glass: read, never write
THE_PERSON = row(
    view=OK,
    story_history=OK,
    edit_story=OK,
    new_own_note=OK,
    amend_own_note=OK,
    ask_for_correction=OK,
    edit_communication=OK,
    new_supporter=OK,
    sharing_choices=OK,
    found=OK,
)
NOTHING = row()

# state -> (care staff, volunteer) expectations, in ENDPOINTS order.
MATRIX = {
    "named worker": (NAMED_WORKER, NOTHING),
    "own team caseload": (CARING, NOTHING),
    "care team member": (CARING, NOTHING),
    "other team caseload": (NOTHING, NOTHING),
    "other organisation": (NOTHING, NOTHING),
    "relationship ended": (NOTHING, NOTHING),
    "consent withdrawn": (NOTHING, NOTHING),
    "consent permits my organisation": (READING, NOTHING),
    "break-glass active": (READING, NOTHING),
    "break-glass expired": (NOTHING, NOTHING),
    "volunteer allocated": (NOTHING, row(view=OK, found=OK)),
    "volunteer allocation ended": (NOTHING, NOTHING),
    "volunteers denied by consent": (NOTHING, NOTHING),
    # Whatever the user's role: the person's own rights, never a member of staff's.
    "their own record": (THE_PERSON, THE_PERSON),
    "proxy chosen by the person": (THE_PERSON, THE_PERSON),
}
THE_PERSONS_STATES = {"their own record", "proxy chosen by the person"}


def expected(state: str, role: str) -> list[bool]:
    if state in THE_PERSONS_STATES:
        return MATRIX[state][0]
    if role == "volunteer":
        return MATRIX[state][1]
    return MATRIX[state][0] if role in CARE_ROLES else NOTHING


def build(state, user, team):
    """A person in the given state relative to `user`, who works in `team`."""
    now = timezone.now()
    if state == "their own record":
        person = PersonFactory.build(user=user) if not hasattr(user, "person") else user.person
        person.given_name, person.family_name = "Matrix", "Subject"
        person.save()
        return person
    person = PersonFactory(given_name="Matrix", family_name="Subject")
    rel = RelationshipFactory
    if state == "proxy chosen by the person":
        rel(person=person, user=user, kind="proxy")
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


def request_endpoint(client, endpoint, person) -> bool:
    """Try one thing on the person's record: True if the page was shown or the change was made."""
    if endpoint == "found":
        page = client.get(reverse("people:search"), {"q": "Matrix Subject"}).content.decode()
        return reverse("people:person", args=[person.pk]) in page
    if endpoint == "answer_correction":
        entry = EntryFactory(person=person, author=UserFactory())
        correction = CorrectionRequest.objects.create(
            person=person,
            entry=entry,
            what_is_wrong="Wrong day",
            asked_by=UserFactory(),
            answer_due=timezone.localdate(),
        )
        return _shown(client.get(reverse("people:answer_correction", args=[person.pk, correction.pk])))
    if endpoint in {"amend_entry", "amend_restricted", "amend_own_note", "ask_for_correction"}:
        kind = Entry.Kind.OWN_NOTE if endpoint == "amend_own_note" else Entry.Kind.NOTE
        entry = EntryFactory(person=person, kind=kind, restricted=endpoint == "amend_restricted")
        name = "ask_for_correction" if endpoint == "ask_for_correction" else "amend_entry"
        return _shown(client.get(reverse(f"people:{name}", args=[person.pk, entry.pk])))
    if endpoint == "add_care_team_member":
        colleague = UserFactory()
        TeamFactory().memberships.create(user=colleague, role=Role.CLINICIAN)
        client.post(
            reverse("people:new_relationship", args=[person.pk]),
            {"form_key": "3f0e2a5c-0000-4000-8000-000000000001", "kind": "care_team", "username": colleague.username},
        )
        return person.relationships.active().filter(user=colleague, kind="care_team").exists()
    if endpoint == "end_named_worker":
        named = person.relationships.active().filter(kind="named_worker").first()
        named = named or RelationshipFactory(person=person, user=UserFactory(), kind="named_worker")
        client.post(reverse("people:end_relationship", args=[person.pk, named.pk]), {"reason": "Moved away"})
        return CareRelationship.objects.get(pk=named.pk).ended_at is not None
    if endpoint == "sharing_choices":
        return _shown(client.get(reverse("consent:new", args=[person.pk])))
    name = {"view": "person"}.get(endpoint, endpoint)
    args = [person.pk, "my_story"] if "story" in endpoint else [person.pk]
    return _shown(client.get(reverse(f"people:{name}", args=args)))


def _shown(response) -> bool:
    assert response.status_code in (200, 404), response.status_code
    return response.status_code == 200


def cases():
    for state in MATRIX:
        for role in ROLES:
            yield pytest.param(state, role, expected(state, role), id=f"{state}-{role}")


@pytest.mark.parametrize(("state", "role", "wanted"), list(cases()))
def test_person_record_authorisation_matrix(state, role, wanted, member, client):
    team = TeamFactory()
    if role == "person":
        user = UserFactory()
        PersonFactory(user=user)
    else:
        user = member(role, team=team)
    client.force_login(user)
    person = build(state, user, team)
    got = {endpoint: request_endpoint(client, endpoint, person) for endpoint in ENDPOINTS}
    assert got == dict(zip(ENDPOINTS, wanted, strict=True))


def test_refusals_look_exactly_like_missing_people(member, client):
    user = member("clinician")
    client.force_login(user)
    person = PersonFactory()
    refused = client.get(reverse("people:person", args=[person.pk]))
    missing = client.get(reverse("people:person", args=[10**9]))
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content


@pytest.mark.parametrize(
    "path",
    ["/people/{pk}/", "/people/{pk}/story/my_story/", "/people/{pk}/entries/new/", "/api/v1/people/{pk}"],
)
def test_a_refusal_does_the_same_work_as_a_missing_person(path, member, client):
    """Out of scope and missing take one path: the same queries and one audit row each, so neither answer nor
    timing says whether someone exists. A missing id is audited as the object asked for, never as a person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alongside.core.models import AuditEvent

    client.force_login(member("clinician"))
    someone_else = PersonFactory()
    missing = someone_else.pk + 1000
    counts = {}
    for pk in (someone_else.pk, missing):
        before = AuditEvent.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path.format(pk=pk))
        assert response.status_code == 404
        assert AuditEvent.objects.count() == before + 1
        counts[pk] = len(queries)
    assert counts[someone_else.pk] == counts[missing]
    denied = AuditEvent.objects.filter(action__startswith="denied:").order_by("pk")
    assert [(e.person_id, e.object_id) for e in denied] == [
        (someone_else.pk, str(someone_else.pk)),
        (None, str(missing)),
    ]
