"""Continuity dashboard pages (being written)."""

from django.http import Http404

from alongside.core.access import PERSON_RECORD, access, roles

TEAM_LEADERS = roles("team_leader")


@access(TEAM_LEADERS)
def dashboard(request):
    raise Http404


@access(PERSON_RECORD)
def person_measures(request, pk):
    raise Http404


@access(TEAM_LEADERS)
def review_named_worker(request, pk):
    raise Http404
