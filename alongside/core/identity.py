"""Who a signed-in user is in the service: the roles there are, the user's memberships and roles, and who reviews
their account's security. Answered by the module settings.ALONGSIDE_IDENTITY names (alongside.partners.identity),
so that core knows no app; see docs/adr/0020-capabilities-plug-in-through-contributions.md."""

from functools import cache
from importlib import import_module

from django.conf import settings


@cache
def _provider():
    return import_module(settings.ALONGSIDE_IDENTITY)


def known_roles() -> frozenset[str]:
    return _provider().ROLES


def attach_roles(request, user) -> None:
    """Set request.memberships (active now) and request.roles for this user."""
    _provider().attach_roles(request, user)


def security_reviewers(account):
    """The users to alert about an account's security: the information governance reviewers who look after it."""
    return _provider().security_reviewers(account)
