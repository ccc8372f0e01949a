"""Navigation by role: what each user sees in the header, gathered from what each app contributes."""

from django.urls import reverse

from . import registry


def navigation_for(request) -> list[dict]:
    if not request.user.is_authenticated:
        return []
    path = request.path
    if getattr(request, "second_factor_needed", False):
        return [{"text": "Security", "href": reverse("mfa_index"), "current": path == reverse("mfa_index")}]
    items = [("Home", reverse("home"))]
    items += [(item.text, item.href(request)) for item in registry.navigation() if item.shows(request)]
    items += [("Security", reverse("mfa_index"))] if getattr(request, "memberships", []) else []
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
