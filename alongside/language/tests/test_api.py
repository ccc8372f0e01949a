"""The language API: any signed-in caller checks text for words that carry hope (with administrators' changes) and
has abbreviations written out (with their area's own terms); bad input gets a 422 with one plain sentence."""

import json

import pytest

from alongside.core.models import ApiToken
from alongside.language import expanding
from alongside.language.api import MAX_TEXT
from alongside.language.models import LocalTerm, WordingChange
from alongside.partners.tests.factories import NeighbourhoodFactory, TeamFactory

pytestmark = pytest.mark.django_db

GLOSSARY = expanding.load({"entries": [{"abbreviation": "COPD", "words": "chronic obstructive pulmonary disease"}]})


@pytest.fixture(autouse=True)
def glossary(monkeypatch):
    """This file's own glossary, whatever the shipped one holds."""
    monkeypatch.setattr(expanding, "shipped", lambda: GLOSSARY)


def send(client, path, body, token=None, raw=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else json.dumps(body)
    return client.post(f"/api/v1/language/{path}", data=data, content_type="application/json", headers=headers)


@pytest.fixture
def token(member):
    return ApiToken.issue(member("volunteer"), "test")[1]


def test_check_answers_each_suggestion_with_its_span(client, token):
    text = "Seen today. He suffers from COPD and is non-compliant."
    answer = send(client, "check", {"text": text}, token)
    assert answer.status_code == 200
    found = answer.json()["suggestions"]
    assert [(s["term"], text[s["start"] : s["end"]]) for s in found] == [
        ("suffers from", "suffers from"),
        ("non-compliant", "non-compliant"),
    ]
    assert set(found[0]) == {"start", "end", "term", "suggestion", "why"}


def test_check_follows_administrators_changes(client, token, member):
    admin = member("admin")
    WordingChange.objects.create(term_id="suffers-from", what="switch_off", by=admin)
    WordingChange.objects.create(term_id="non-compliant", what="reword", suggestion="Say what happened", by=admin)
    found = send(client, "check", {"text": "suffers from, non-compliant"}, token).json()["suggestions"]
    assert [(s["term"], s["suggestion"]) for s in found] == [("non-compliant", "Say what happened")]


def test_expand_writes_out_abbreviations_with_the_callers_area_first(client, member):
    area = NeighbourhoodFactory(name="Riverside")
    user = member("clinician", team=TeamFactory(neighbourhood=area))
    LocalTerm.objects.create(neighbourhood=area, abbreviation="RCT", words="Riverside care team", added_by=user)
    LocalTerm.objects.create(
        neighbourhood=NeighbourhoodFactory(name="Hillcrest"), abbreviation="HX", words="Hill", added_by=user
    )
    token = ApiToken.issue(user, "test")[1]
    answer = send(client, "expand", {"text": "COPD, seen by RCT and HX."}, token)
    assert answer.status_code == 200
    assert answer.json() == {
        "text": "Chronic obstructive pulmonary disease (COPD), seen by Riverside care team (RCT) and HX."
    }


def test_someone_without_a_team_gets_the_glossary_alone(client, token):
    assert (
        send(client, "expand", {"text": "COPD"}, token).json()["text"] == "Chronic obstructive pulmonary disease (COPD)"
    )


@pytest.mark.parametrize("path", ["check", "expand"])
@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({}, 'Send the words in "text"'),
        ({"text": None}, 'Send the words in "text"'),
        ({"text": 12}, 'Send "text" as a string'),
        ({"text": ["a"]}, 'Send "text" as a string'),
        ({"text": "x" * (MAX_TEXT + 1)}, "The text is too long"),
        ({"text": "a\u0000b"}, "Remove the null character"),
    ],
)
def test_bad_input_gets_a_plain_422(client, token, path, body, says):
    answer = send(client, path, body, token)
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith(says)


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '"text"', "NaN"])
def test_a_body_that_is_not_a_json_object_gets_a_400(client, token, raw):
    answer = send(client, "check", None, token, raw=raw)
    assert answer.status_code == 400 and "JSON object" in answer.json()["detail"]


def test_text_at_the_limit_is_checked(client, token):
    assert send(client, "check", {"text": "a" * MAX_TEXT}, token).status_code == 200


def test_someone_signed_out_is_refused(client):
    assert send(client, "check", {"text": "hello"}).status_code == 401


def test_a_signed_in_browser_may_call_them(client, member):
    client.force_login(member("admin"))
    assert send(client, "check", {"text": "addict"}).status_code == 200


def test_the_list_in_force_is_built_once_until_a_change_is_saved(member):
    from alongside.language import rules

    first = rules.in_force()
    assert rules.in_force() is first
    WordingChange.objects.create(term_id="addict", what="switch_off", by=member("admin"))
    changed = rules.in_force()
    assert changed is not first and not changed.rule("addict").on


def test_an_area_is_the_neighbourhood_of_the_first_team_that_has_one(member, rf):
    from alongside.language import rules
    from alongside.partners.models import Membership

    area = NeighbourhoodFactory(name="Meadowbank")
    user = member("clinician", team=TeamFactory(neighbourhood=None))
    member_team = TeamFactory(neighbourhood=area)
    Membership.objects.create(user=user, team=member_team, role="clinician")
    request = rf.get("/")
    request.memberships = list(Membership.objects.filter(user=user).select_related("team"))
    assert rules.area_of(request) == area.pk
    request.memberships = []
    assert rules.area_of(request) is None and rules.local_terms_for(request) == {}
