"""Navigation by role: what each user sees in the header."""

from django.urls import reverse

from alongside.partners.models import Role


def navigation_for(request) -> list[dict]:
    if not request.user.is_authenticated:
        return []
    path = request.path
    roles = getattr(request, "roles", frozenset())
    memberships = getattr(request, "memberships", [])
    if getattr(request, "second_factor_needed", False):
        return [{"text": "Security", "href": reverse("mfa_index"), "current": path == reverse("mfa_index")}]
    items = [("Home", reverse("home"))]
    if Role.ADMIN in roles:
        items += [
            ("Organisations", reverse("partners:organisations")),
            ("Teams", reverse("partners:teams")),
            ("User accounts", reverse("partners:user_accounts")),
        ]
    elif memberships:
        items += [("My teams", reverse("partners:my_teams"))]
    items += [("Security", reverse("mfa_index"))] if memberships else []
    return [
        {"text": text, "href": href, "current": path == href, "active": href != "/" and path.startswith(href)}
        for text, href in items
    ]
