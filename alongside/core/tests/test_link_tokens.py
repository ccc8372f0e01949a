"""A link's token leaves the address on first use (alongside.core.link_tokens), never reaches the logs
(alongside.core.log_filters), and guessing tokens from one address is slow (settings.LINK_RATE_LIMIT).

A made-up link page of this module's own stands in for the apps' (a stakeholder's check, a questionnaire)."""

import io
import logging

import pytest
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import include, path

from alongside.core import link_tokens
from alongside.core.access import PUBLIC, access
from alongside.core.log_filters import HideLinkTokens, without_tokens
from alongside.core.models import AuditEvent

SECRET = "good-Secret-Token-for-this-test"


@access(PUBLIC)
@link_tokens.opens_link
def a_link(request, token):
    if not token.startswith("good"):
        raise Http404
    return link_tokens.swap(request, "test", token, "a_link_page")


@access(PUBLIC)
def a_link_page(request, handle):
    token = link_tokens.held(request, "test", handle)
    if token is None:
        raise Http404
    return HttpResponse(f"The page of link number {len(token)}")


urlpatterns = [
    path("test-link/<str:token>/", a_link, name="a_link"),
    path("test-link/open/<str:handle>/", a_link_page, name="a_link_page"),
    path("", include("alongside.config.urls")),
]
handler404 = "alongside.core.views.page_not_found"

pytestmark = [pytest.mark.urls("alongside.core.tests.test_link_tokens"), pytest.mark.django_db]


def test_the_token_is_swapped_for_the_session_and_the_page_opens_without_it(client):
    first = client.get(f"/test-link/{SECRET}/")
    assert first.status_code == 302 and SECRET not in first["Location"]
    page = client.get(first["Location"])
    assert page.status_code == 200 and SECRET not in page.content.decode()
    assert client.get(f"/test-link/{SECRET}/")["Location"] == first["Location"]  # again: the same handle, kept once
    assert list(client.session[link_tokens.SESSION_KEY]["test"].values()) == [SECRET]


def test_a_page_without_its_link_in_the_session_and_an_unknown_link_are_the_missing_page(client):
    url = client.get(f"/test-link/{SECRET}/")["Location"]
    assert Client().get(url).status_code == 404  # another browser
    assert client.get("/test-link/open/made-up/").status_code == 404
    assert client.get("/test-link/no-such-link/").status_code == 404


def test_links_in_one_browser_stay_apart_and_only_the_latest_few_are_kept(client):
    urls = [client.get(f"/test-link/good-{n}/")["Location"] for n in range(link_tokens.KEPT_PER_KIND + 2)]
    assert len(set(urls)) == len(urls)
    assert [client.get(url).status_code for url in urls[:2]] == [404, 404]  # the oldest went first
    assert client.get(urls[-1]).content == b"The page of link number 7"


def test_opening_links_from_one_address_is_limited_and_past_the_limit_the_page_says_so(client, settings):
    settings.LINK_RATE_LIMIT = "3/10m/ip"
    for n in range(3):
        assert client.get(f"/test-link/guess-{n}/", REMOTE_ADDR="203.0.113.5").status_code == 404
    refused = client.get(f"/test-link/{SECRET}/", REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many attempts" in page and "Wait 10 minutes" in page and SECRET not in page
    assert AuditEvent.objects.filter(action="rate_limited", object_id="a_link").exists()
    assert client.get(f"/test-link/{SECRET}/", REMOTE_ADDR="198.51.100.1").status_code == 302  # another address
    handle_url = client.get(f"/test-link/{SECRET}/", REMOTE_ADDR="198.51.100.1")["Location"]
    for _ in range(5):  # the pages after the link do not count
        assert client.get(handle_url, REMOTE_ADDR="198.51.100.1").status_code == 200


def test_the_access_log_line_and_djangos_not_found_line_hide_the_token(client, caplog):
    server = logging.getLogger("django.server")
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    server.addHandler(handler)
    try:
        server.info('"%s" %s %s', f"GET /test-link/{SECRET}/?a=1 HTTP/1.1", "302", "0")
    finally:
        server.removeHandler(handler)
    assert SECRET not in written.getvalue() and '"GET /test-link/[link]/?a=1 HTTP/1.1" 302 0' in written.getvalue()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/test-link/no-such-secret-link/")
    found = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert found == ["Not Found: /test-link/[link]/"]


def test_only_link_tokens_are_hidden_and_a_filter_never_stops_a_line():
    assert without_tokens(f"at /test-link/{SECRET}/ and /test-link/open/abc/") == (
        "at /test-link/[link]/ and /test-link/open/abc/"
    )
    assert without_tokens("GET /health/ HTTP/1.1 from /tmp/x") == "GET /health/ HTTP/1.1 from /tmp/x"
    odd = logging.LogRecord("django.server", logging.INFO, __file__, 1, "%s %s", (object(), b"/x"), None)
    assert HideLinkTokens().filter(odd) is True
    mapping = logging.LogRecord("x", logging.INFO, __file__, 1, "%(path)s", None, None)
    mapping.args = {"path": f"/test-link/{SECRET}/"}
    assert HideLinkTokens().filter(mapping) and mapping.getMessage() == "/test-link/[link]/"
