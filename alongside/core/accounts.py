"""allauth adapters: no public sign-up, and every failed or locked-out sign-in is logged and audited."""

import logging

from allauth.account.adapter import DefaultAccountAdapter

from . import audit

security_log = logging.getLogger("alongside.security")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        try:
            return super().pre_authenticate(request, **credentials)
        except Exception:
            username = str(credentials.get("username", ""))[:150]
            security_log.warning(
                "Sign-in locked out by rate limit for %r from %s", username, request.META.get("REMOTE_ADDR")
            )
            audit.record(request, "sign_in_rate_limited", object_type="user", object_id=username)
            raise
