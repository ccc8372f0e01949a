"""For the sign-in page (account/login.html): the `next` address to carry to the "Sign in with" buttons.

allauth's `provider_login_url` copies the request's `next` as it stands, checked only later, when the provider's
sign-in starts. This gives it only a same-site address (allauth's own is_safe_url), and "" otherwise, so the
button's form never carries an address elsewhere (review 21, finding 10).
"""

from allauth.account.utils import get_next_redirect_url
from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def safe_next(context) -> str:
    request = context.get("request")
    return (get_next_redirect_url(request) or "") if request is not None else ""
