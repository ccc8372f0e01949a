"""The JSON API (django-ninja): bearer-token or session authentication, the same roles as the pages."""

from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer, django_auth

from .middleware import attach_roles, second_factor_satisfied
from .models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(token_hash=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        attach_roles(request, found.user)
        if not second_factor_satisfied(found.user, request.roles):
            return None  # a token is no way round the second factor that staff must enrol
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="Alongside API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    auth=[BearerToken(), django_auth],
)


class TeamOut(Schema):
    id: int
    name: str
    organisation: str
    role: str


class MeOut(Schema):
    username: str
    name: str
    roles: list[str]
    teams: list[TeamOut]


@api.get("/me", response=MeOut, summary="Who the caller is, and their current roles and teams")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "name": user.display_name,
        "roles": sorted(request.roles),
        "teams": [
            {"id": m.team_id, "name": m.team.name, "organisation": m.team.organisation.name, "role": m.role}
            for m in request.memberships
        ],
    }


def _register_routers() -> None:
    """Each capability's operations live in its own app; they are mounted here, under /api/v1/."""
    from alongside.people.api import router as people
    from alongside.referrals.api import router as referrals

    api.add_router("", people)
    api.add_router("", referrals)


_register_routers()
