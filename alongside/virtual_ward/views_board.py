"""The virtual ward's board pages (to be built)."""

from django.http import Http404


def board(request, **kwargs):
    """To be built by the board part."""
    raise Http404


def board_live(request, **kwargs):
    """To be built by the board part."""
    raise Http404


def visits(request, **kwargs):
    """To be built by the board part."""
    raise Http404


def visit_done(request, **kwargs):
    """To be built by the board part."""
    raise Http404


def capacity(request, **kwargs):
    """To be built by the board part."""
    raise Http404
