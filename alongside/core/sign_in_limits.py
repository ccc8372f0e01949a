"""Limits on failed sign-ins: guessing passwords is slow, and nobody can lock a member of staff out from elsewhere.

Failed sign-ins are counted with django-allauth's rate-limit counters, in the cache, under the names in
settings.ACCOUNT_RATE_LIMITS:

- `sign_in_failed_username_address`: one username from one network address. Reaching it refuses that
  username from that address only, so a stranger's guesses from elsewhere cannot lock the real user out.
- `sign_in_failed_address`: any usernames from one address. Reaching it refuses that address.
- `sign_in_failed_username`: one username from any addresses, set much higher. Reaching it refuses nothing
  (that would hand anyone a way to lock the user out); it alerts information governance instead.

An attempt counts before the password is checked, so that many attempts sent at once cannot all get through;
allauth gives the count back when the password is right. Every refusal and every alert is logged to
`alongside.security` and audited.
"""

import hashlib
import logging

from allauth.core.internal import ratelimit
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from . import audit, identity
from .models import Alert

APP = "allauth.account"
USERNAME_AND_ADDRESS = "sign_in_failed_username_address"
ADDRESS = "sign_in_failed_address"
USERNAME = "sign_in_failed_username"
SECOND_FACTOR = "second_factor_code"  # allauth's own limit on wrong codes, per user (ACCOUNT_RATE_LIMITS login_failed)

security_log = logging.getLogger("alongside.security")


class Refused(Exception):
    def __init__(self, limit: str):
        super().__init__(limit)
        self.limit = limit


def username_from(credentials: dict) -> str:
    return str(credentials.get("username", "")).strip().lower()[:150]


def address(request) -> str:
    """The address the limits count: the client's own, behind TRUSTED_PROXY_COUNT proxies."""
    return ratelimit.get_ip(request)


def count_attempt(request, username: str) -> ratelimit.RateLimitUsage:
    """Count a sign-in attempt against the username-and-address and the address limits, or raise Refused."""
    used = []
    for limit, key in ((USERNAME_AND_ADDRESS, f"{username}\n{address(request)}"), (ADDRESS, None)):
        usage = ratelimit.consume(request, app=APP, action=limit, key=key)
        if usage is None:
            for earlier in used:
                earlier.rollback()  # a refused attempt checks no password, so it uses up nothing
            raise Refused(limit)
        used.append(usage)
    return ratelimit.RateLimitUsage(usage=[single for usage in used for single in usage.usage])


def record_refusal(request, username: str, limit: str, actor=None) -> None:
    security_log.warning("Sign-in refused by the %s limit for %r from %s", limit, username, address(request))
    audit.record(
        request, "sign_in_rate_limited", object_type="user", object_id=username, detail={"limit": limit}, actor=actor
    )


def count_failure(request, username: str) -> None:
    """Count a failed sign-in for the username from anywhere; past the limit, alert IG once per period."""
    if ratelimit.consume(request, app=APP, action=USERNAME, key=username) is not None:
        return
    rate = ratelimit.get_rates(app=APP, action=USERNAME)[0]
    once = "alongside:sign-in-alerted:" + hashlib.sha256(username.encode()).hexdigest()
    if cache.add(once, True, timeout=rate.duration):
        alert_information_governance(request, username, rate)


@transaction.atomic
def alert_information_governance(request, username: str, rate) -> None:
    account = get_user_model().objects.filter(username__iexact=username).first()
    recipients = list(identity.security_reviewers(account)) if account else []
    period = describe(rate.duration)
    if recipients:
        text = (
            f"More than {rate.amount} failed sign-ins in {period} for {account.display_name} ({account.username}). "
            "They have not been locked out. Check with them, and whether anyone else has signed in as them."
        )
        url = reverse("audit:search") + f"?username={account.username}"
        Alert.objects.bulk_create(Alert(recipient=r, text=text[:300], url=url) for r in recipients)
    security_log.warning(
        "More than %d failed sign-ins in %s for %r (latest from %s): alerted %d IG reviewer(s)%s",
        rate.amount,
        period,
        username,
        address(request),
        len(recipients),
        "" if account else ": no such account",
    )
    audit.record(
        request,
        "sign_in_failures_alerted",
        object_type="user",
        object_id=username,
        detail={"limit": USERNAME, "recipients": sorted(r.username for r in recipients)},
    )


# Refusals of someone not signed in, noted (logged, and audited where the caller audits) only while they are few: a
# flood of them (returns from the OpenID provider with no state or a wrong one, /metrics without its token) must not
# write to the append-only audit table or the logs without limit. Counted like the limits above, per kind of refusal.
NOTED_PER_ADDRESS = "refusal_noted_address"
NOTED = "refusal_noted"
NOTED_RATES = {
    NOTED_PER_ADDRESS: "5/m/key",  # of one kind from one address
    NOTED: "60/m/key",  # of one kind from every address together
}
UNNOTED_KEY = "alongside:refusals-unnoted:"  # + the kind: set while the line saying so has been written


def worth_noting(request, kind: str) -> bool:
    """Whether this refusal of someone not signed in is among the first few of its kind in the minute (5 from its
    address, 60 from all): only those are logged and audited; the rest get the same answer, unnoted. The first
    one left unnoted in a minute is said in one security line, so a flood is still seen."""
    for limit, key in ((NOTED_PER_ADDRESS, f"{kind}\n{address(request)}"), (NOTED, kind)):
        if ratelimit.consume(request, app=APP, action=limit, key=key, config=NOTED_RATES, limit_get=True) is None:
            rate = ratelimit.get_rates(app=APP, action=limit, config=NOTED_RATES)[0]
            if cache.add(UNNOTED_KEY + kind, True, timeout=rate.duration):
                security_log.warning(
                    "More %s refusals than the %s limit (latest from %s): the rest this minute are not logged",
                    kind,
                    limit,
                    address(request),
                )
            return False
    return True


def describe(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes % 60 == 0:
        return "an hour" if minutes == 60 else f"{minutes // 60} hours"
    return "a minute" if minutes == 1 else f"{minutes} minutes"
