"""The home-page panels partners contributes: the user's teams, administration, the teams they lead, alerts."""

from alongside.core.models import Alert

from .models import Membership, Organisation, Role, Team

ALERTS_SHOWN = 10


def teams(request) -> dict | None:
    return {"memberships": request.memberships} if request.memberships else None


def administration(request) -> dict | None:
    if Role.ADMIN not in request.roles:
        return None
    counts = {
        "organisations": Organisation.objects.count(),
        "teams": Team.objects.count(),
        "memberships": Membership.objects.active().count(),
    }
    return {"counts": counts}


def led_teams(request) -> dict | None:
    led_team_ids = [m.team_id for m in request.memberships if m.role == Role.TEAM_LEADER]
    if not led_team_ids:
        return None
    members = (
        Membership.objects.active()
        .filter(team_id__in=led_team_ids)
        .select_related("user", "team")
        .order_by("team__name", "user__last_name", "user__first_name")
    )
    return {"led_members": members}


def unread_alerts(user) -> list[Alert]:
    return list(user.alerts.filter(read_at=None).order_by("-created_at", "-pk")[:ALERTS_SHOWN])


def alerts(request) -> dict | None:
    """Alerts for members of a team; information governance reviewers see theirs in their own panel."""
    if not request.memberships or Role.IG_REVIEWER in request.roles:
        return None
    found = unread_alerts(request.user)
    return {"alerts": found} if found else None
