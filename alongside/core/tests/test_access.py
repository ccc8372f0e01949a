"""The access-policy mechanism: every view declares a policy, and anything undeclared is refused."""

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, include, path

from alongside.core.access import PUBLIC, SIGNED_IN, access, policy_for, roles
from alongside.partners.access import ADMINISTRATION


def walk(patterns, prefix="", namespaces=()):
    """Every URL pattern: (route, view, namespaces it sits in)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback, namespaces


def test_every_url_pattern_has_a_declared_access_policy():
    routes = list(walk(get_resolver().url_patterns))
    undeclared = [route for route, view, namespaces in routes if policy_for(view, namespaces) is None]
    assert len(routes) > 50
    assert undeclared == []


def test_the_walk_sees_product_library_and_api_views():
    routes = {route for route, _, _ in walk(get_resolver().url_patterns)}
    assert {"", "organisations/", "teams/<int:pk>/", "accounts/login/", "api/v1/me"} <= routes


def test_product_views_declare_their_own_policy_rather_than_a_library_one():
    product = {
        route: policy_for(view)
        for route, view, _ in walk(get_resolver().url_patterns)
        if view.__module__.startswith("alongside.")
    }
    assert product["organisations/"] is ADMINISTRATION
    assert product[""] is SIGNED_IN
    assert product["health/"] is PUBLIC


def undeclared_view(request):
    return HttpResponse("secret")


@access(roles("admin"))
def admin_only_view(request):
    return HttpResponse("admin page")


urlpatterns = [
    path("undeclared/", undeclared_view),
    path("admin-only/", admin_only_view),
    path("", include("alongside.config.urls")),
]
handler404 = "alongside.core.views.page_not_found"
handler403 = "alongside.core.views.permission_denied"


@pytest.mark.urls("alongside.core.tests.test_access")
def test_a_view_without_a_policy_is_answered_as_missing(signed_in, client):
    signed_in("admin")
    response = client.get("/undeclared/")
    assert response.status_code == 404
    assert b"secret" not in response.content


@pytest.mark.urls("alongside.core.tests.test_access")
def test_a_role_policy_refuses_other_roles_and_sends_anonymous_users_to_sign_in(signed_in, client):
    assert client.get("/admin-only/").status_code == 302
    signed_in("clinician")
    assert client.get("/admin-only/").status_code == 403


@pytest.mark.urls("alongside.core.tests.test_access")
def test_a_role_policy_allows_its_roles(signed_in, client):
    signed_in("admin")
    assert client.get("/admin-only/").content == b"admin page"


def test_unknown_roles_are_refused_when_a_policy_is_declared():
    with pytest.raises(ValueError, match="Unknown roles"):
        roles("superhero")
