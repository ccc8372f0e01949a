"""A request as a signed-in user's browser would bring it, for tests that build state through the apps' actions.

Actions take the request first: it carries who is acting (their memberships and roles, as the middleware attaches
them), and the audit reads who and from where. So a test that sets up what a user would have done on a page calls
the page's action with `acting_as(that_user)`, and the permission check, audit and transaction all happen as they
would in the service.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from alongside.core.middleware import attach_roles


def acting_as(user, method: str = "post", path: str = "/"):
    """A request from this user, as the middleware would leave it: memberships and roles, a session and messages."""
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    attach_roles(request, user)
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request._messages = FallbackStorage(request)
    return request
