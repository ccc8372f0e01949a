"""Idempotency keys: one answer per (user, key), replayed exactly; a key bound to its request; success spends it."""

import json
import random

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from ninja.errors import HttpError

from alongside.core import idempotency
from alongside.core.idempotency import Answer, fingerprint, key_from, once
from alongside.core.models import Alert, IdempotentRequest
from alongside.core.tests.factories import UserFactory

SCOPE = "tests.thing"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
json_objects = st.dictionaries(st.text(max_size=8), json_values, max_size=6)


def shuffled(value, rng: random.Random):
    """The same JSON value, every object's keys inserted in another order."""
    if isinstance(value, dict):
        names = list(value)
        rng.shuffle(names)
        return {name: shuffled(value[name], rng) for name in names}
    if isinstance(value, list):
        return [shuffled(v, rng) for v in value]
    return value


@given(json_objects, st.randoms(use_true_random=False))
def test_the_fingerprint_does_not_depend_on_key_order_or_whitespace(body, rng):
    same = shuffled(body, rng)
    assert fingerprint(same, SCOPE) == fingerprint(body, SCOPE)
    assert fingerprint(json.loads(json.dumps(same, indent=3)), SCOPE) == fingerprint(body, SCOPE)


@given(json_objects, json_objects)
def test_different_bodies_have_different_fingerprints(one, other):
    if idempotency.canonical(one) != idempotency.canonical(other):
        assert fingerprint(one, SCOPE) != fingerprint(other, SCOPE)


@given(json_objects)
def test_the_fingerprint_is_bound_to_the_operation(body):
    assert fingerprint(body, "referrals.create") != fingerprint(body, "concerns.create")
    assert len(fingerprint(body, SCOPE)) == 64


def request_with_key(user, key: str | None = "key-1"):
    headers = {idempotency.HEADER: key} if key is not None else {}
    request = RequestFactory().post("/", headers=headers)
    request.user = user
    return request


@pytest.mark.parametrize("key", [None, "", "   "])
def test_a_missing_key_is_a_400_that_says_what_to_send(key):
    with pytest.raises(HttpError) as refused:
        key_from(request_with_key(None, key))
    assert refused.value.status_code == 400 and str(refused.value) == idempotency.KEY_MISSING


def test_a_key_is_at_most_255_characters():
    assert key_from(request_with_key(None, "k" * 255)) == "k" * 255
    with pytest.raises(HttpError) as refused:
        key_from(request_with_key(None, "k" * 256))
    assert refused.value.status_code == 400 and str(refused.value) == idempotency.KEY_TOO_LONG


class Work:
    """Counts its calls; makes an Alert each time, so that what it wrote can be seen to stay or go."""

    def __init__(self, user, status=201, fail=False):
        self.user, self.status, self.fail, self.calls = user, status, fail, 0

    def __call__(self) -> Answer:
        self.calls += 1
        alert = Alert.objects.create(recipient=self.user, text="made")
        if self.fail:
            raise RuntimeError("the work failed")
        return Answer(self.status, {"id": alert.pk, "made_at": alert.created_at, "nested": {"b": 1, "a": [2, 1]}})


@pytest.mark.django_db
def test_the_first_answer_is_stored_and_replayed_exactly_without_doing_the_work_again():
    user = UserFactory()
    work = Work(user)
    first = once(request_with_key(user), "key-1", {"a": 1, "b": 2}, work, scope=SCOPE)
    again = once(request_with_key(user), "key-1", {"b": 2, "a": 1}, work, scope=SCOPE)
    assert work.calls == 1 and Alert.objects.count() == 1
    assert (again.status, again.body, again.replayed) == (first.status, first.body, True)
    assert isinstance(first.body["made_at"], str)  # the answer is stored as JSON renders it
    first_response, replayed_response = first.response(), again.response()
    assert first_response.content == replayed_response.content and replayed_response.status_code == 201
    assert replayed_response["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first_response
    stored = IdempotentRequest.objects.get()
    assert (stored.user, stored.key, stored.status_code) == (user, "key-1", 201)
    assert stored.body_hash == fingerprint({"a": 1, "b": 2}, SCOPE)


@pytest.mark.django_db
def test_the_same_key_with_another_body_or_operation_is_refused_and_does_nothing():
    user = UserFactory()
    work = Work(user)
    once(request_with_key(user), "key-1", {"a": 1}, work, scope=SCOPE)
    other_body = once(request_with_key(user), "key-1", {"a": 2}, work, scope=SCOPE)
    other_operation = once(request_with_key(user), "key-1", {"a": 1}, work, scope="tests.other")
    assert other_body == other_operation == Answer(422, {"detail": idempotency.KEY_REUSED})
    assert work.calls == 1 and Alert.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_user():
    one, two = UserFactory(), UserFactory()
    once(request_with_key(one), "key-1", {}, Work(one), scope=SCOPE)
    once(request_with_key(two), "key-1", {}, Work(two), scope=SCOPE)
    assert IdempotentRequest.objects.count() == 2 and Alert.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("status", [400, 403, 409, 422])
def test_a_refusal_is_not_stored_so_the_key_can_be_used_again(status):
    user = UserFactory()
    refused = once(request_with_key(user), "key-1", {"a": 1}, Work(user, status=status), scope=SCOPE)
    assert refused.status == status and not refused.replayed
    assert not IdempotentRequest.objects.exists() and not Alert.objects.exists()  # rolled back, the key too
    corrected = once(request_with_key(user), "key-1", {"a": 2}, Work(user), scope=SCOPE)
    assert corrected.status == 201 and IdempotentRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_failure_leaves_nothing_behind():
    user = UserFactory()
    with pytest.raises(RuntimeError):
        once(request_with_key(user), "key-1", {"a": 1}, Work(user, fail=True), scope=SCOPE)
    assert not IdempotentRequest.objects.exists() and not Alert.objects.exists()
    assert once(request_with_key(user), "key-1", {"a": 1}, Work(user), scope=SCOPE).status == 201
