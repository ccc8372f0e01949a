"""No input ever produces a 500: every page of the product, asked with hostile query strings and form bodies.

Each URL pattern of the product's own views is filled in with the id of a person, referral or team that the
user may reach, then asked by GET with odd values for every query parameter the pages read, and by POST with
the same values in every field. A NUL character (which PostgreSQL refuses in text), numbers far beyond any
integer column, text that is not a number or a date, and very long text must each get a page (2xx, 3xx or
4xx), never a server error. The JSON API has its own, stricter check (schemathesis, in test_api_conformance).
"""

import re

import pytest
from django.urls import get_resolver
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.core import heartbeat
from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.models import CorrectionRequest, Supporter
from alongside.people.tests.factories import EntryFactory, PersonFactory, RelationshipFactory
from alongside.referrals.tests.factories import ReferralFactory

from .test_access import walk

PARAMETERS = [
    "page", "q", "view", "week", "kind", "organisation", "team", "person", "username", "status", "urgency",
    "date_from", "date_to", "from", "to", "period", "start", "end", "quarter", "practice", "group", "next",
]  # fmt: skip
HOSTILE = ["abc\x00def", "99999999999999999999999999", "31/02/2026", "x" * 5000]
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def product_routes():
    for route, view, namespaces in walk(get_resolver().url_patterns):
        if view.__module__.startswith("alongside.") and "api" not in namespaces:
            yield route


# Which object the route's "pk" means, by where the route lives.
PK_BY_PREFIX = {"referrals/": "referral", "teams/": "team", "organisations/": "organisation", "users/": "user"}


def fill(route: str, ids: dict) -> str:
    pk = next((ids[kind] for prefix, kind in PK_BY_PREFIX.items() if route.startswith(prefix)), ids["person"])

    def value(match):
        converter, name = match.group(1), match.group(2)
        if converter in (None, "str", "slug"):
            return "my_story"
        return str(pk if name == "pk" else ids.get(name, ids["person"]))

    return "/" + ARGUMENT.sub(value, route)


@pytest.fixture
def world(member):
    """A team leader in the single point of access who is named worker for someone with something of everything."""
    team = TeamFactory(kind=Team.Kind.SPA)
    leader = member("team_leader", team=team)
    person = PersonFactory()
    named = RelationshipFactory(person=person, user=leader, kind="named_worker")
    entry = EntryFactory(person=person, author=leader)
    supporter = Supporter.objects.create(person=person, name="Grace", relationship="Daughter")
    provision = ConsentProvision.objects.create(person=person, permit=False, actor_kind="volunteers")
    correction = CorrectionRequest.objects.create(
        person=person, entry=entry, what_is_wrong="x", asked_by=leader, answer_due=timezone.localdate()
    )
    heartbeat.beat("hostile-input-worker", started_at=timezone.now())  # else /readyz rightly answers 503: no worker
    ids = {
        "person": person.pk,
        "person_id": person.pk,
        "entry_id": entry.pk,
        "relationship_id": named.pk,
        "supporter_id": supporter.pk,
        "provision_id": provision.pk,
        "correction_id": correction.pk,
        "referral": ReferralFactory().pk,
        "team": team.pk,
        "organisation": team.organisation_id,
        "user": leader.pk,
        "pk": person.pk,
    }
    return [leader, member("admin", team=team)], ids


@pytest.mark.parametrize("route", sorted(set(product_routes())))
def test_hostile_query_strings_and_forms_never_give_a_server_error(route, world, client):
    users, ids = world
    url = fill(route, ids)
    for user in users:
        client.force_login(user)
        for hostile in HOSTILE:
            query = dict.fromkeys(PARAMETERS, hostile)
            assert client.get(url, query).status_code < 500, (url, hostile)
            if "logout" not in route:
                assert client.post(url, query).status_code < 500, (url, hostile, "POST")


@pytest.mark.parametrize("path", ["/", "/people/", "/api/v1/me"])
def test_a_session_cookie_no_session_could_have_is_no_session(path, client, db):
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}=abcdefgh\x00ijklmnopqrstuvwxyz012345"  # raw, as a request carries it
    assert client.get(path, HTTP_COOKIE=cookie).status_code in (302, 401)
