"""allauth adapters: no public sign-up, and sign-in limits that log and audit every refusal (sign_in_limits.py)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import LoginForm
from allauth.account.internal import stagekit
from allauth.core import context
from django.core.exceptions import ValidationError

from . import sign_in_limits

QUIET_MESSAGES = ("account/messages/logged_in.txt", "account/messages/logged_out.txt")
TOO_MANY_ATTEMPTS = "Too many failed attempts to sign in. Wait 5 minutes, then try again."


class AccountAdapter(DefaultAccountAdapter):
    error_messages = DefaultAccountAdapter.error_messages | {"too_many_login_attempts": TOO_MANY_ATTEMPTS}

    def is_open_for_signup(self, request):
        return False

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        # Signing in or out is plain from the page itself; a banner saying so only gets in the way.
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def pre_authenticate(self, request, **credentials):
        """Count the attempt (allauth rolls the count back if the password is right), or refuse it."""
        username = sign_in_limits.username_from(credentials)
        try:
            self._login_failed_rl_usage = sign_in_limits.count_attempt(request, username)
        except sign_in_limits.Refused as refusal:
            sign_in_limits.record_refusal(request, username, refusal.limit)
            raise super().validation_error("too_many_login_attempts") from None

    def authentication_failed(self, request, **credentials):
        sign_in_limits.count_failure(request, sign_in_limits.username_from(credentials))

    def validation_error(self, code: str, *args) -> ValidationError:
        if code == "too_many_login_attempts":
            # pre_authenticate raises its own; this one is allauth's limit on wrong second-factor codes.
            request = context.request
            user = request.user if request.user.is_authenticated else signing_in_user(request)
            username = user.username if user else ""
            sign_in_limits.record_refusal(request, username, sign_in_limits.SECOND_FACTOR, actor=user)
        return super().validation_error(code, *args)


def signing_in_user(request):
    """The user part-way through signing in (password given, second factor not yet), if any."""
    login = stagekit.unstash_login(request, peek=True)
    return login.user if login else None


class SignInForm(LoginForm):
    """allauth's sign-in form, with messages that say what to enter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
