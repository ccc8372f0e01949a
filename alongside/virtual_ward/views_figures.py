"""The virtual ward's figures pages (to be built)."""

from django.http import Http404


def figures(request, **kwargs):
    """To be built by the figures part."""
    raise Http404


def figures_csv(request, **kwargs):
    """To be built by the figures part."""
    raise Http404
