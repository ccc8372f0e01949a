"""Navigation by role: what each user sees in the header."""

from django.urls import reverse

from alongside.breakglass.roles import CARE_ROLES
from alongside.partners.models import PERSON_ROLE, Role


def navigation_for(request) -> list[dict]:
    if not request.user.is_authenticated:
        return []
    path = request.path
    roles = getattr(request, "roles", frozenset())
    memberships = getattr(request, "memberships", [])
    if getattr(request, "second_factor_needed", False):
        return [{"text": "Security", "href": reverse("mfa_index"), "current": path == reverse("mfa_index")}]
    items = [("Home", reverse("home"))]
    if roles & (CARE_ROLES | {Role.VOLUNTEER}):
        items += [("Find a person", reverse("people:search"))]
    if Role.ADMIN in roles:
        items += [
            ("Organisations", reverse("partners:organisations")),
            ("Teams", reverse("partners:teams")),
            ("User accounts", reverse("partners:user_accounts")),
        ]
    elif memberships:
        items += [("My teams", reverse("partners:my_teams"))]
    if roles & CARE_ROLES:
        items += [("Break-glass", reverse("breakglass:start"))]
    if Role.IG_REVIEWER in roles:
        items += [("Break-glass reviews", reverse("breakglass:reviews")), ("Audit", reverse("audit:search"))]
    if PERSON_ROLE in roles:
        items += [
            ("Who has looked at my record", reverse("audit:me")),
            ("Sharing choices", reverse("consent:choices", args=[request.user.person.pk])),
        ]
    items += [("Security", reverse("mfa_index"))] if memberships else []
    return [
        {"text": text, "href": href, "current": path == href, "active": href != "/" and path.startswith(href)}
        for text, href in items
    ]
