"""The administrators' pages and the API: their rows of the authorisation matrix (tests/authorisation). The
pages, every role against every page ("any": the pages are about no team or person); and the API's check and
expand, which any signed-in caller may use (they touch no one's record).

The answers are statuses for the pages: 200 allowed, 403 refused; a visitor not signed in is sent to sign in. For
the API, whether a POST of some text was answered (200), as a signed-in browser sends it.
"""

import json

from django.urls import reverse

from alongside.core.tests.factories import UserFactory
from alongside.language.models import LocalTerm
from alongside.partners.models import Role
from alongside.partners.tests.factories import NeighbourhoodFactory

KINDS = [r.value for r in Role] + ["person"]
USERS: dict = {}  # every kind of user is a role in the team's own team, or someone supported
SIGNED_OUT = "signed out"
SIGN_IN = "sign in"


def _posted(operation: str):
    def post(client, world) -> bool:
        answer = client.post(
            reverse(f"api:{operation}"),
            data=json.dumps({"text": "COPD, non-compliant"}),
            content_type="application/json",
        )
        return answer.status_code == 200

    return post


def _local_term(world):
    """An area's local term: the same one each time the endpoints name it in this state."""
    area = NeighbourhoodFactory(name="Matrix Area")
    found = LocalTerm.objects.filter(neighbourhood=area, abbreviation="MXA").first()
    return found or LocalTerm.objects.create(
        neighbourhood=area, abbreviation="MXA", words="Matrix area team", added_by=UserFactory()
    )


ENDPOINTS = {
    "home": {"url": "language:home"},
    "area": {"url": "language:area", "args": ["{local_term.neighbourhood_id}"]},
    "new_local_term": {"url": "language:new_local_term", "args": ["{local_term.neighbourhood_id}"]},
    "edit_local_term": {"url": "language:edit_local_term", "args": ["{local_term.pk}"]},
    "remove_local_term": {"url": "language:remove_local_term", "args": ["{local_term.pk}"]},
    "hope_list": {"url": "language:hope_list"},
    "term": {"url": "language:term", "args": ["addict"]},
    "new_term": {"url": "language:new_term"},
    "reword": {"url": "language:reword", "args": ["addict"]},
    "switch": {"url": "language:switch", "args": ["addict"]},
}
for endpoint in ENDPOINTS.values():
    endpoint["answer"] = "status"
ENDPOINTS |= {
    "api_check": {"url": "api:check_language", "answer": "changed", "change": _posted("check_language")},
    "api_expand": {"url": "api:expand_language", "answer": "changed", "change": _posted("expand_language")},
}
MAKERS = {"local_term": _local_term}
PAGES = [name for name, endpoint in ENDPOINTS.items() if endpoint["answer"] == "status"]


def expected(user: str) -> dict:
    if user == SIGNED_OUT:
        return {name: SIGN_IN for name in PAGES} | {"api_check": False, "api_expand": False}
    page = 200 if user == Role.ADMIN.value else 403
    return {name: page for name in PAGES} | {"api_check": True, "api_expand": True}


# (what the states are of, state, kind of user, {endpoint: expected})
ROWS = [("team", "any", user, expected(user)) for user in [*KINDS, SIGNED_OUT]]
