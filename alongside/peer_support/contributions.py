"""What peer support contributes: the "Peer support" link for a hub's volunteers and coordinators, the home page's
ideas waiting for a coordinator's answer and a volunteer's answers and next session, and the demo hub's year of
sessions and ideas."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, DemoStep, HomePanel, NavigationItem

from . import hubs, panels
from .demo_step import PeerSupportStep

CONTRIBUTIONS = Contributions(
    home_panels=(
        HomePanel("peer_ideas_waiting", 62, "peer_support/home/coordinator.jinja", panels.coordinator),
        HomePanel("peer_support", 63, "peer_support/home/volunteer.jinja", panels.volunteer),
    ),
    navigation=(
        NavigationItem(
            "Peer support", 55, lambda request: reverse("peer_support:index"), lambda request: bool(hubs.hubs(request))
        ),
    ),
    demo_steps=(DemoStep("peer_support", 60, PeerSupportStep),),
    authorisation=AuthorisationCoverage(
        endpoints=(
            "peer_support:index",
            "peer_support:hub",
            "peer_support:new_session",
            "peer_support:session",
            "peer_support:edit_session",
            "peer_support:not_seen",
            "peer_support:ideas",
            "peer_support:new_idea",
            "peer_support:answer_idea",
        ),
        states=("own hub", "other hub"),
    ),
)
