import logging
import time

from allauth.mfa.signals import authentication_failed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit
from .middleware import LAST_SEEN

security_log = logging.getLogger("alongside.security")


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    security_log.warning(
        "Failed sign-in for %r from %s", username, request.META.get("REMOTE_ADDR") if request else None
    )
    audit.record(request, "sign_in_failed", object_type="user", object_id=username)


@receiver(authentication_failed)
def log_failed_second_factor(sender, request, user, **kwargs):
    security_log.warning("Failed second-factor code for %r", user.username)
    audit.record(request, "second_factor_failed", object_type="user", object_id=user.username, actor=user)


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    audit.record(request, "signed_in", object_type="user", object_id=user.username, actor=user)


@receiver(user_logged_in)
def start_idle_clock(sender, request, user, **kwargs):
    """IdleSignOutMiddleware counts idle time from here, without writing the session on the next request."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        idle = getattr(request, "signed_out_idle", False)
        audit.record(
            request,
            "signed_out",
            object_type="user",
            object_id=user.username,
            actor=user,
            detail={"reason": "idle"} if idle else None,
        )
