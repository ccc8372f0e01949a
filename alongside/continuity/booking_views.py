"""Continuity-aware booking pages (being written)."""

from django.http import Http404

from alongside.core.access import PERSON_RECORD, access, roles

TEAM_LEADERS = roles("team_leader")


@access(TEAM_LEADERS)
def week(request):
    raise Http404


@access(TEAM_LEADERS)
def book_week(request):
    raise Http404


@access(PERSON_RECORD)
def new_session(request):
    raise Http404


@access(PERSON_RECORD)
def new_appointment(request, pk):
    raise Http404


@access(PERSON_RECORD)
def cancel_appointment(request, appointment_id):
    raise Http404
