"""What the meeting pages add to the platform: the "MDT meetings" link (for core members and anyone invited to an
item), the timeline kind of each item's minutes, and what the authorisation matrix must cover."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, NavigationItem, TimelineKind
from alongside.people.policy import Category

from . import queries_meeting
from .actions_meeting import TIMELINE_KIND

MEETING = Contributions(
    navigation=(
        NavigationItem(
            "MDT meetings",
            38,
            lambda request: reverse("mdt:meetings"),
            lambda request: bool(getattr(request, "memberships", ())) and queries_meeting.takes_part(request),
        ),
    ),
    timeline_kinds=(TimelineKind(TIMELINE_KIND, "MDT meeting minutes", Category.CARE.value),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "mdt:meetings",
            "mdt:meeting",
            "mdt:add",
            "mdt:suggested",
            "mdt:volunteers_first",
            "mdt:run",
            "mdt:finish",
            "mdt:plan",
            "mdt:item",
            "mdt:move",
            "mdt:minutes",
            "mdt:invite",
        ),
        states=("planned", "finished", "visits ended", "care kept from volunteers"),
    ),
)
