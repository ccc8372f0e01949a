"""Idempotency-Key handling for API writes: a retried request gets the first answer, and never makes a second record.

An API caller that creates something sends a key of its own choosing in the `Idempotency-Key` header (a UUID
is the usual choice), and sends the same key again if it retries, for example after a timeout when it cannot
tell whether the first attempt arrived. `once` does the work for the first request with a key and answers every
later request with that key from what it stored.

The rules, which the API guide repeats for callers:

- The key is required on the writes that use it: missing or blank answers 400, and so does a key longer than
  255 characters or one with a character other than printable ASCII (letters, digits, punctuation, spaces).
  A key belongs to the user who sent it; two users may use the same key without meeting.
- A key is bound to one request: a fingerprint of the operation (the `scope`, say "referrals.create") and the
  body as canonical JSON (keys sorted, no insignificant whitespace), hashed with SHA-256. The same key with
  the same body replays the stored answer, with the same status code and body, plus an `Idempotent-Replayed:
  true` header; nothing is done again. The same key with a different body (or on another operation) answers
  422 and does nothing.
- Only a success (2xx) spends a key. A refusal (4xx, say a referral with a field missing) or a failure (an
  exception, 5xx) is not stored: the transaction that inserted the key is rolled back, so nothing remains and
  the caller can correct the request and send it again under the same key. This differs from Stripe, which
  stores 4xx answers too; we chose it because a refused request created nothing, so there is nothing a replay
  could protect, while storing the refusal would make the caller invent a new key just to fix a typo. Replaying
  a refused body simply gets the same refusal again, worked out afresh.

Concurrency. The key row and the work are done in ONE transaction:

    BEGIN
      get_or_create IdempotentRequest(user, key)      -- INSERT, inside a savepoint
      do the work (create the referral, audit, ...)
      store the status code and body on the key row
    COMMIT

The unique constraint on (user, key) is what serialises racing duplicates, not a check beforehand. When two
requests with the same key arrive together, the first INSERT takes the index entry; PostgreSQL makes the
second INSERT wait on that entry until the first transaction ends. If the first commits, the second INSERT
fails with a unique violation; `get_or_create` rolls back to its savepoint and reads the row again, and under
READ COMMITTED (Django's default) that read sees the committed row, answer included, which is replayed. If the
first rolls back (a refusal, or a crash), the waiting INSERT simply succeeds and that request does the work
itself. Because the answer is written in the same transaction as the key, a committed key row always carries
its answer: no caller ever sees a key "in progress". Killing the process mid-request leaves neither the key
nor the record. (`INSERT ... ON CONFLICT DO NOTHING` would block the same way; `get_or_create` says the same
thing in Django's words.)
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import JsonResponse
from ninja.errors import HttpError

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255  # IdempotentRequest.key
KEY_MISSING = (
    "Send an Idempotency-Key header with a value of your choosing, unique to this request (a UUID, for example), "
    "and send the same key again if you retry it."
)
KEY_TOO_LONG = f"The Idempotency-Key header is too long: use at most {MAX_KEY_LENGTH} characters (a UUID is 36)."
KEY_PATTERN = r"^[ -~]*[!-~][ -~]*$"  # printable ASCII, and more than spaces
KEY_CHARACTERS = (
    "The Idempotency-Key header may hold only letters, digits, punctuation and spaces (printable ASCII), "
    "like a UUID: 3f1c9a6e-7d1b-4f0a-9a51-2c4e8b1d0f77."
)
KEY_REUSED = (
    "This Idempotency-Key was already used with a different request. "
    "Use a new key for a new request, or send exactly the same request to get its answer again."
)


@dataclass(frozen=True)
class Answer:
    """What an API write answers: a status code and a JSON body."""

    status: int
    body: dict
    replayed: bool = False

    @property
    def succeeded(self) -> bool:
        return 200 <= self.status < 300

    def response(self) -> JsonResponse:
        # Keys sorted: PostgreSQL's jsonb keeps its own key order, and a replay must be byte for byte the first answer.
        response = JsonResponse(self.body, status=self.status, safe=False, json_dumps_params={"sort_keys": True})
        if self.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


def openapi_header(unique_to: str) -> dict:
    """The Idempotency-Key header as an operation's OpenAPI parameter: required, and the shape `key_from` accepts.
    `unique_to` names what one key stands for ("this referral")."""
    return {
        "in": "header",
        "name": HEADER,
        "required": True,
        "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH, "pattern": KEY_PATTERN},
        "description": f"Unique to {unique_to}, chosen by the caller (a UUID, say); the same on a retry",
    }


def key_from(request) -> str:
    """The request's Idempotency-Key, or HttpError(400) saying what is wrong with it."""
    key = request.headers.get(HEADER, "")
    if not key.strip():
        raise HttpError(400, KEY_MISSING)
    if len(key) > MAX_KEY_LENGTH:
        raise HttpError(400, KEY_TOO_LONG)
    if not re.fullmatch(KEY_PATTERN, key):
        raise HttpError(400, KEY_CHARACTERS)
    return key


def canonical(body) -> str:
    """The body as canonical JSON: keys sorted, no whitespace between tokens, non-ASCII kept as it is."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def fingerprint(body, scope: str) -> str:
    """SHA-256 of the operation and the body as canonical JSON: equal for equal requests, whatever the key order."""
    return hashlib.sha256(f"{scope}\n{canonical(body)}".encode()).hexdigest()


def once(request, key: str, body, work: Callable[[], Answer], *, scope: str) -> Answer:
    """Do `work` for the first request with this key, and answer a repeat of it from what was stored.

    `body` is the parsed JSON body (what the fingerprint is made of); `work` validates and acts on it and
    returns the Answer. Only a 2xx answer is stored; any other answer, or an exception, rolls back everything,
    the key included (see the module's docstring for why, and for how racing duplicates are kept to one).
    """
    digest = fingerprint(body, scope)
    with transaction.atomic():
        stored, created = IdempotentRequest.objects.get_or_create(
            user=request.user, key=key, defaults={"body_hash": digest}
        )
        if not created:
            if stored.body_hash != digest:
                return Answer(422, {"detail": KEY_REUSED})
            return Answer(stored.status_code, stored.response, replayed=True)
        answer = work()
        # As JSON renders it (dates as ISO text, say), so that the first answer and every replay are the same.
        answer = Answer(answer.status, json.loads(json.dumps(answer.body, cls=DjangoJSONEncoder)))
        if answer.succeeded:
            stored.status_code, stored.response = answer.status, answer.body
            stored.save(update_fields=["status_code", "response"])
        else:
            transaction.set_rollback(True)  # nothing of a refused request stays, its key included
    return answer
