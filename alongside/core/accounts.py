"""allauth adapters: no public sign-up, and every failed or locked-out sign-in is logged and audited."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm

from . import audit

security_log = logging.getLogger("alongside.security")


QUIET_MESSAGES = ("account/messages/logged_in.txt", "account/messages/logged_out.txt")


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        # Signing in or out is plain from the page itself; a banner saying so only gets in the way.
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

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


class SignInForm(LoginForm):
    """allauth's sign-in form, with messages that say what to enter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
