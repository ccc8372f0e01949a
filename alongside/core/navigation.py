"""Navigation by role: what each user sees in the header."""

from django.urls import reverse

from alongside.partners.models import PERSON_ROLE, Role
from alongside.partners.roles import CARE_ROLES, REFERRER_ROLES, is_triage


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
    if is_triage(request):
        items += [("Referrals", reverse("referrals:queue"))]
    if Role.TEAM_LEADER in roles and not is_triage(request):
        items += [("Referrals for my team", reverse("referrals:team"))]
    if Role.TEAM_LEADER in roles:
        items += [("Continuity", reverse("continuity:dashboard")), ("Booking", reverse("continuity:booking"))]
    if roles & REFERRER_ROLES:
        items += [("Referrals I made", reverse("referrals:mine"))]
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
        {"text": text, "href": href, "current": path == href, "active": _within(path, href, items)}
        for text, href in items
    ]


def _within(path: str, href: str, items: list) -> bool:
    """The page is under this menu item, and under no longer item that also contains it."""
    return (
        href != "/"
        and path.startswith(href)
        and not any(other != href and other.startswith(href) and path.startswith(other) for _, other in items)
    )
