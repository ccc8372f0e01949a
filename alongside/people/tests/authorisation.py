"""The person record's rows of the authorisation matrix (tests/authorisation): every kind of user x every person
endpoint x every state of the person relative to the user.

Staff roles that give care share one column because the policy treats them alike for person data;
administrators, IG reviewers and a user whose only role is 'person' are refused someone else's record. Whatever
their role, the person themselves and a proxy they chose read the record and who has looked at it, and write only
what is theirs (their story, notes of their own, how to communicate with them, their family and carers, what
volunteers may know; their sharing choices are consent's rows); they ask for corrections of what staff wrote,
and never act as staff on it. The JSON API answers as the pages do. OK is allowed (a page shown, or the change
made); NO is refused (404, identical to missing, or the change not made). Searching is checked too: a refused
person is never found and never counted.

Plain data: the matrix's machinery builds each state, makes each kind of user and calls each endpoint.
"""

from alongside.partners.models import Role
from tests.authorisation.parts import person_expected, person_rows

USERS = [r.value for r in Role] + ["person"]
REFUSED = (404,)  # a refused person looks exactly like a missing one

# name -> how to call it, in the order the matrix calls them; "{...}" names something of the state being tested.
ENDPOINTS = {
    "view": {"url": "people:person", "args": ["{person.pk}"]},
    "story_history": {"url": "people:story_history", "args": ["{person.pk}", "my_story"]},
    "edit_story": {"url": "people:edit_story", "args": ["{person.pk}", "my_story"]},
    "new_entry": {"url": "people:new_entry", "args": ["{person.pk}"]},
    "amend_entry": {"url": "people:amend_entry", "args": ["{person.pk}", "{note.pk}"]},
    "amend_restricted": {"url": "people:amend_entry", "args": ["{person.pk}", "{restricted_note.pk}"]},
    "new_own_note": {"url": "people:new_own_note", "args": ["{person.pk}"]},
    "amend_own_note": {"url": "people:amend_entry", "args": ["{person.pk}", "{own_note.pk}"]},
    "ask_for_correction": {"url": "people:ask_for_correction", "args": ["{person.pk}", "{note.pk}"]},
    # of an entry someone else wrote: the named worker's to answer
    "answer_correction": {"url": "people:answer_correction", "args": ["{person.pk}", "{correction.pk}"]},
    "edit_details": {"url": "people:edit_details", "args": ["{person.pk}"]},
    "edit_communication": {"url": "people:edit_communication", "args": ["{person.pk}"]},
    "new_supporter": {"url": "people:new_supporter", "args": ["{person.pk}"]},
    "end_supporter": {"url": "people:end_supporter", "args": ["{person.pk}", "{supporter.pk}"]},
    "edit_shared_with_volunteers": {"url": "people:edit_shared_with_volunteers", "args": ["{person.pk}"]},
    "add_care_team_member": {"url": "people:new_relationship", "answer": "changed", "change": "add a care team member"},
    "found": {"url": "people:search", "query": {"q": "Matrix Subject"}, "answer": "listed"},
    # the API's JSON, as a browser session signed in to the service asks for it
    "api_person": {"url": "api:get_person", "args": ["{person.pk}"], "answer": "api"},
    "api_access_log": {"url": "api:access_log", "args": ["{person.pk}"], "answer": "api"},
    # last: ending the user's own named-worker relationship ends their access
    "end_named_worker": {
        "url": "people:end_relationship",
        "answer": "changed",
        "change": "end the named worker",
        "last": True,
    },
}
OK, NO = True, False


def row(**allowed) -> dict[str, bool]:
    assert set(allowed) <= set(ENDPOINTS), set(allowed) - set(ENDPOINTS)
    return {endpoint: allowed.get(endpoint, NO) for endpoint in ENDPOINTS}


CARING = row(
    view=OK,
    story_history=OK,
    edit_story=OK,
    new_entry=OK,
    amend_entry=OK,
    edit_details=OK,
    edit_communication=OK,
    new_supporter=OK,
    end_supporter=OK,
    edit_shared_with_volunteers=OK,
    add_care_team_member=OK,
    end_named_worker=OK,
    found=OK,
    api_person=OK,
)
NAMED_WORKER = CARING | {"amend_restricted": OK, "answer_correction": OK}
READING = row(view=OK, story_history=OK, found=OK, api_person=OK)  # through consent or break-glass: read, never write
THE_PERSON = row(
    view=OK,
    story_history=OK,
    edit_story=OK,
    new_own_note=OK,
    amend_own_note=OK,
    ask_for_correction=OK,
    edit_communication=OK,
    new_supporter=OK,
    end_supporter=OK,
    edit_shared_with_volunteers=OK,
    found=OK,
    api_person=OK,
    api_access_log=OK,  # their access log is theirs alone: never staff's, not even through break-glass
)
NOTHING = row()

# state -> (care staff, volunteer) expectations.
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
    "volunteer allocated": (NOTHING, row(view=OK, found=OK, api_person=OK)),
    "volunteer allocation ended": (NOTHING, NOTHING),
    "volunteers denied by consent": (NOTHING, NOTHING),
    # The NHS legitimate relationship (ADR 0023): the practice the person is registered with reads their record to
    # care for them, and writes nothing through it; the person's refusal to share with the practice stands.
    "registered with my practice": (READING, NOTHING),
    "registered with my practice, sharing refused": (NOTHING, NOTHING),
    # Whatever the user's role: the person's own rights, never a member of staff's.
    "their own record": (THE_PERSON, THE_PERSON),
    "proxy chosen by the person": (THE_PERSON, THE_PERSON),
}
expected = person_expected(MATRIX, NOTHING)
ROWS = person_rows(MATRIX, USERS, NOTHING)

# Someone else's record and a missing one must answer alike, with the same work (tests/authorisation).
REFUSED_LIKE_MISSING = [
    ("person", "/people/{pk}/"),
    ("person", "/people/{pk}/story/my_story/"),
    ("person", "/people/{pk}/entries/new/"),
    ("person", "/api/v1/people/{pk}"),
]
