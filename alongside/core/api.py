"""The JSON API (django-ninja): bearer-token or session authentication, the same roles as the pages.

Every answer under it is JSON, its errors included (alongside.core.api_errors), and its OpenAPI description lists
every status each operation answers, with the schema of each body.
"""

from django.utils import timezone
from django.utils.module_loading import import_string
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from . import api_errors, registry
from .middleware import attach_roles, second_factor_satisfied
from .models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(token_hash=ApiToken.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        attach_roles(request, found.user)
        if not second_factor_satisfied(found.user, request.memberships):
            return None  # a token is no way round the second factor that staff must enrol
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class BrowserSession(SessionAuth):
    """The session of a browser signed in to Alongside; only then is its CSRF token checked.

    Ninja's own session check asks for a CSRF token first, so a write with no credentials at all was refused 403
    ("CSRF check Failed") instead of 401; here a request without a signed-in session is simply not this caller.
    """

    def _get_key(self, request):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        if not key or not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, api_errors.CSRF_MISSING)
        return request.user


class JsonAPI(NinjaAPI):
    """A NinjaAPI whose refusals are all JSON: a method an address does not take (405) too."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = api_errors.json_refusals(pattern.callback)
        return patterns, app_name, namespace

    def get_openapi_schema(self, *args, **kwargs):
        return api_errors.describe(super().get_openapi_schema(*args, **kwargs))


api = JsonAPI(
    title="Alongside API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    auth=[BearerToken(), BrowserSession()],
)
api_errors.install(api)


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


@api.get(
    "/me",
    response=api_errors.responses({200: MeOut}),
    summary="Who the caller is, and their current roles and teams",
)
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
    """Each app's operations live in the app, which lists its routers in its contributions; they are mounted
    here, under /api/v1/, in the order of INSTALLED_APPS."""
    for router in registry.api_routers():
        api.add_router("", import_string(router))


_register_routers()
