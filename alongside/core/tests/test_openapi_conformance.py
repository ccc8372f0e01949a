"""The whole JSON API against its own OpenAPI description, with schemathesis.

Schemathesis reads /api/v1/openapi.json and, for every operation, sends requests generated from it: its examples,
the edges of each parameter (coverage), generated valid and invalid data (fuzzing), and then chains of calls that
follow the links between operations (stateful: a referral sent by POST /referrals, then read by GET
/referrals/{id}). It calls the Django app in this process through its WSGI interface, inside the test's database
transaction, with the real API token of a referrer (a GP), of a clinician who is someone's named worker, or of a person
supported (who alone may read who has looked at their record).

Every answer must keep to the description: no 5xx, only documented status codes, bodies that match the schema of
their status, and no success without credentials where the description requires them (schemathesis sends each
successful request again with no token and with a wrong one). The run is repeatable: a fixed seed, derandomised
generation and no example database; and bounded, at MAX_EXAMPLES generated requests per operation and phase.

Formats the description names beyond JSON Schema's own (nhs-number, uk-postcode, uk-phone) are generated here as
valid values, so that valid referrals get through and the stateful phase has referrals to read.
"""

import re
import string
import uuid
from datetime import date

import nhs_number
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from localflavor.gb.forms import GBPostcodeField

from alongside.core import idempotency
from alongside.core.models import ApiToken
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25  # generated requests per operation in the fuzzing phase; coverage adds its own, fewer
STATEFUL_STEPS = 6
SEED = 20250106

APP = get_wsgi_application()


# ----------------------------------------------------------------------------------------------- formats


@st.composite
def nhs_numbers(draw) -> str:
    """Ten digits that pass the check digit (the check digit 10 never does; such a stem is drawn again)."""
    stem = draw(st.text(string.digits, min_size=9, max_size=9).filter(lambda s: nhs_number.calculate_checksum(s) < 10))
    digits = stem + str(nhs_number.calculate_checksum(stem))
    return draw(st.sampled_from([digits, f"{digits[:3]} {digits[3:6]} {digits[6:]}"]))


def uk_postcodes() -> st.SearchStrategy[str]:
    return st.from_regex(GBPostcodeField.postcode_regex, fullmatch=True)


def uk_phones() -> st.SearchStrategy[str]:
    mobile = st.integers(0, 999).map(lambda n: f"07700 900{n:03d}")  # Ofcom's numbers for drama
    landline = st.integers(0, 999).map(lambda n: f"01632 960{n:03d}")
    return st.one_of(mobile, landline)


def birth_dates() -> st.SearchStrategy[str]:
    """The only date the API takes is a date of birth: in the past, and in 1890 or after (fixed ends: repeatable)."""
    return st.dates(date(1890, 1, 1), date(2024, 12, 31)).map(date.isoformat)


schemathesis.openapi.format("nhs-number", nhs_numbers())
schemathesis.openapi.format("uk-postcode", uk_postcodes())
schemathesis.openapi.format("uk-phone", uk_phones())
schemathesis.openapi.format("date", birth_dates())


# ----------------------------------------------------------------------------------------------- the callers


def referrer(member) -> str:
    user = member("gp")
    ReferralFactory(referrer_user=user, person=PersonFactory())  # someone the GP may not see, known to the service
    return ApiToken.issue(user, "schemathesis")[1]


def clinician(member) -> str:
    user = member("clinician", team=TeamFactory())
    RelationshipFactory(person=PersonFactory(), user=user, kind="named_worker")
    ReferralFactory(referrer_user=user)
    return ApiToken.issue(user, "schemathesis")[1]


def person(member) -> str:
    """Someone supported, who reads their own record and who has looked at it."""
    user = UserFactory()
    PersonFactory(user=user)
    return ApiToken.issue(user, "schemathesis")[1]


CALLERS = {"referrer": referrer, "clinician": clinician, "person": person}


@pytest.fixture
def in_this_transaction():
    """Django's app closes the database connection after each request; the test's transaction must outlive it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=sorted(CALLERS))
def token(request, member, in_this_transaction) -> str:
    return CALLERS[request.param](member)


def signed(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def new_key_for_each_request(case) -> None:
    """A well-formed Idempotency-Key becomes one unique to this request, as a client makes one per new request.

    Otherwise two different referrals drawn with the same key would get the documented 422 for a reused key, which
    tells nothing; a malformed key is left as drawn, to be refused.
    """
    key = (case.headers or {}).get(idempotency.HEADER)
    if isinstance(key, str) and len(key) <= idempotency.MAX_KEY_LENGTH and re.fullmatch(idempotency.KEY_PATTERN, key):
        case.headers[idempotency.HEADER] = str(uuid.uuid4())


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        "phases": {
            "stateful": {
                "enabled": True,
                "max-steps": STATEFUL_STEPS,
                # Only the links the description states, and any a Location header shows. Schemathesis can also
                # guess links by parameter name (a referral's person_id into /volunteers/matches); a guessed link
                # from a referral not yet matched to anyone (person_id null) sends the call with no person_id at
                # all and then counts the documented 422 as a failure, which depends on the data drawn, not on
                # the API. The guessed chains are not part of the description, so they are left out.
                "inference": {"algorithms": ["location-headers"]},
            }
        },
        "operations": [
            {
                # A referral's rules go beyond what JSON Schema can state: an NHS number's check digit, a real
                # postcode, a contact that is an email address or a UK phone number, a date of birth in the past.
                # The description says them in words, and the API refuses a referral that breaks one with the
                # documented 422; so here, and only here, a valid-by-schema body may be refused.
                "include-path": "/api/v1/referrals",
                "include-method": "POST",
                "checks": {"positive_data_acceptance": {"enabled": False}},
            }
        ],
    }
)
# Read at collection: the description is public, and reading it touches no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP, config=CONFIG)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # one caller and their data for all examples
def test_every_operation_keeps_to_the_description(case, token):
    new_key_for_each_request(case)
    case.call_and_validate(headers=signed(token))


def test_operations_chained_by_their_links_keep_to_the_description(token):
    class Calls(schema.as_state_machine()):
        def before_call(self, case):
            new_key_for_each_request(case)

        def get_call_kwargs(self, case):
            return {"headers": signed(token)}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # Naming the token as the caller's own, so that its checks try the call again without it.
            case.validate_response(
                response, additional_checks=additional_checks, headers=signed(token), transport_kwargs=kwargs
            )

    Calls.run(settings=schema.config.get_hypothesis_settings(phase="stateful"))


# ----------------------------------------------------------------------------------------- nothing left out


def routed_operations() -> set[tuple[str, str]]:
    """Every operation the API answers, as (method, path) from its routers, with `{int:id}` written `{id}`."""
    from alongside.core.api import api

    found = set()
    for prefix, router in api._routers:  # a router mounted at a prefix answers under it
        mounted = "/api/v1" + (f"/{prefix.strip('/')}" if prefix.strip("/") else "")
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    found.add((method.upper(), mounted + re.sub(r"\{(?:\w+:)?(\w+)\}", r"{\1}", path)))
    return found


def test_every_operation_the_api_answers_is_described_and_so_is_tested_above():
    """An operation left out of the description (include_in_schema=False) or one the description cannot state
    would escape the checks above; each must be described, readable, and behind a credential."""
    described = {}
    for result in schema.get_all_operations():
        operation = result.ok()  # an operation the description cannot state fails here, named
        described[(operation.method.upper(), operation.path)] = operation
    assert set(described) == routed_operations()
    assert len(described) >= 28  # the API as it stands; a router lost from the registry would shrink it
    for key, operation in described.items():
        assert operation.definition.raw.get("security"), f"{key} is described as needing no credential"
