"""The pages for writers: the check of words as they are typed (a part of a page, for htmx), and a team's monthly
counts of suggestions shown and taken, for its leaders."""

import re

from django.shortcuts import render
from django.views.decorators.http import require_POST

from alongside.core.access import SIGNED_IN, access, roles
from alongside.partners.models import Role
from alongside.partners.roles import led_team_ids

from . import counting, writing
from . import rules as wording
from .on_save import FIELD_KEPT

FIELD_NAME = re.compile(r"^[\w-]{1,100}$")
TEAM_LEADERS = roles(Role.TEAM_LEADER)


@require_POST
@access(SIGNED_IN)
def check(request):
    """What the words written so far in one field could say instead, shown under the field. It reads no one's
    record and keeps nothing: it answers with the suggestions, and the keys of all shown so far in this field."""
    field = request.POST.get("field", "")
    field = field if FIELD_NAME.match(field) else "text"
    text = request.POST.get(field, "")
    kept = FIELD_KEPT.format(field)
    too_long = len(text) > writing.LONGEST
    offers = writing.offers(text, wording.in_force(), wording.local_terms_for(request)) if not too_long else []
    shown = writing.shown_after(writing.kept(request.POST.get(kept)), offers)
    return render(
        request,
        "language/check.jinja",
        {"offers": offers, "shown": shown, "kept": kept, "too_long": too_long, "longest": writing.LONGEST},
    )


@access(TEAM_LEADERS)
def team_counts(request):
    """For each team the user leads, per month: suggestions shown while writing, and how many were taken."""
    counts = counting.for_teams(led_team_ids(request))
    teams: dict[int, dict] = {}
    for count in counts:
        teams.setdefault(count.team_id, {"team": count.team, "months": []})["months"].append(count)
    led = {m.team_id: m.team for m in request.memberships if m.role == Role.TEAM_LEADER}
    shown = [teams.get(team_id, {"team": team, "months": []}) for team_id, team in sorted(led.items())]
    return render(request, "language/team_counts.jinja", {"teams": shown})
