"""The virtual ward's episodes pages (to be built)."""

from django.http import Http404


def referrals(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def refer(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def referral(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def admit(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def episode(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def plan_add(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def extend(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404


def end(request, **kwargs):
    """To be built by the episodes part."""
    raise Http404
