"""The visitor's own internet address, behind the reverse proxies the settings trust (TRUSTED_PROXY_COUNT)."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def client_address(request) -> str | None:
    """allauth's reading of X-Forwarded-For, the same one its sign-in limits count. None when it cannot be told
    (a request that came past fewer proxies than the settings trust)."""
    try:
        return get_adapter(request).get_client_ip(request) or None
    except PermissionDenied:
        return None
