"""What break-glass contributes: the information governance home panel, and the header links to break-glass
and its reviews."""

from django.urls import reverse

from alongside.core.registry import AuthorisationCoverage, Contributions, HomePanel, NavigationItem
from alongside.partners.models import Role
from alongside.partners.roles import CARE_ROLES

from . import panels

CONTRIBUTIONS = Contributions(
    home_panels=(HomePanel("governance", 80, "breakglass/home/governance.jinja", panels.governance),),
    navigation=(
        NavigationItem(
            "Break-glass",
            60,
            lambda request: reverse("breakglass:start"),
            lambda request: bool(request.roles & CARE_ROLES),
        ),
        NavigationItem(
            "Break-glass reviews",
            70,
            lambda request: reverse("breakglass:reviews"),
            lambda request: Role.IG_REVIEWER in request.roles,
        ),
    ),
    authorisation=AuthorisationCoverage(endpoints=("breakglass:start", "breakglass:reviews", "breakglass:review")),
)
