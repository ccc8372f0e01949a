"""The virtual ward's reviews pages (to be built)."""

from django.http import Http404


def reviews(request, **kwargs):
    """To be built by the reviews part."""
    raise Http404


def review_new(request, **kwargs):
    """To be built by the reviews part."""
    raise Http404
