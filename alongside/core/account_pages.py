"""Pages that stand in for django-allauth's pages that would send email. Alongside sends no email through allauth.

A forgotten password is reset through the service desk, which asks an administrator for a one-time link to set
a new one (partners/user_accounts.py). Email addresses are set by administrators, not by each user.
"""

from django.http import Http404
from django.shortcuts import render

from .access import PUBLIC, access


@access(PUBLIC)
def forgotten_password(request):
    """What to do about a forgotten password, for a GET and for a POST from an old form alike."""
    return render(request, "core/forgotten_password.jinja")


@access(PUBLIC)
def not_offered(request, **kwargs):
    """allauth's email address pages: not part of this service, so missing."""
    raise Http404("Email addresses are managed by administrators.")
