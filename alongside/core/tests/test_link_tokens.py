"""A link's token leaves the address on first use (alongside.core.link_tokens), never reaches the logs
(alongside.core.log_filters), and guessing tokens from one address is slow (settings.LINK_RATE_LIMIT).

A made-up link page of this module's own stands in for the apps' (a stakeholder's check, a questionnaire)."""

import io
import json
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import include, path

from alongside.core import link_tokens, log_filters
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
    token_hash = link_tokens.held(request, "test", handle)
    if token_hash is None:
        return link_tokens.timed_out(request)
    return HttpResponse(f"The page of link {token_hash[:8]}")


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
    assert list(client.session[link_tokens.SESSION_KEY]["test"].values()) == [link_tokens.hash_of(SECRET)]


def _stored_sessions() -> str:
    """Every session row as the database keeps it, decoded: what anyone reading the database or a backup sees."""
    return "".join(json.dumps(s.get_decoded()) + s.session_data for s in Session.objects.all())


def test_the_session_in_the_database_keeps_the_tokens_hash_never_the_token(client):
    page = client.get(client.get(f"/test-link/{SECRET}/")["Location"])
    assert page.content.decode() == f"The page of link {link_tokens.hash_of(SECRET)[:8]}"
    stored = _stored_sessions()
    assert link_tokens.hash_of(SECRET) in stored and SECRET not in stored


def test_a_token_an_older_release_kept_in_a_session_still_opens_its_page_and_is_then_kept_as_its_hash(client):
    client.get("/test-link/good-one/")  # a session with a link in it
    session = client.session
    session[link_tokens.SESSION_KEY] = {"test": {"old": SECRET}}
    session.save()
    assert client.get("/test-link/open/old/").content.decode() == f"The page of link {link_tokens.hash_of(SECRET)[:8]}"
    assert SECRET not in _stored_sessions()


def test_a_page_without_its_link_in_the_session_says_it_timed_out_and_an_unknown_link_is_the_missing_page(client):
    url = client.get(f"/test-link/{SECRET}/")["Location"]
    for answer in (Client().get(url), Client().post(url, {"a": "typed"}), client.get("/test-link/open/made-up/")):
        assert answer.status_code == 404  # another browser, or a session that ended (signed out)
        assert _tag(answer, "title").startswith("This page has timed out")
        assert _tag(answer, "h1") == "This page has timed out"
        assert "open the link again from the message or email" in answer.content.decode()
    client.logout()  # what signing out and the idle sign-out do: the session goes
    assert "This page has timed out" in client.post(url, {"a": "typed"}).content.decode()
    unknown = client.get("/test-link/no-such-link/")
    assert unknown.status_code == 404 and _tag(unknown, "h1") == "Page not found"


def _tag(response, name: str) -> str:
    found = re.search(rf"<{name}[^>]*>(.*?)</{name}>", response.content.decode(), re.S)
    return found.group(1).strip() if found else ""


def test_links_in_one_browser_stay_apart_and_only_the_latest_few_are_kept(client):
    urls = [client.get(f"/test-link/good-{n}/")["Location"] for n in range(link_tokens.KEPT_PER_KIND + 2)]
    assert len(set(urls)) == len(urls)
    assert [client.get(url).status_code for url in urls[:2]] == [404, 404]  # the oldest went first
    assert client.get(urls[-1]).content.decode() == f"The page of link {link_tokens.hash_of('good-11')[:8]}"


def test_failed_openings_from_one_address_are_limited_and_past_the_limit_the_page_says_so(client, settings):
    settings.LINK_RATE_LIMIT = "3/10m/ip"
    for n in range(3):
        assert client.get(f"/test-link/guess-{n}/", REMOTE_ADDR="203.0.113.5").status_code == 404
    refused = client.get(f"/test-link/{SECRET}/", REMOTE_ADDR="203.0.113.5")  # past the limit, a good one too
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many attempts" in page and "Wait 10 minutes" in page and SECRET not in page
    assert AuditEvent.objects.filter(action="rate_limited", object_id="a_link").exists()
    assert client.get(f"/test-link/{SECRET}/", REMOTE_ADDR="198.51.100.1").status_code == 302  # another address
    handle_url = client.get(f"/test-link/{SECRET}/", REMOTE_ADDR="198.51.100.1")["Location"]
    for _ in range(5):  # the pages after the link do not count
        assert client.get(handle_url, REMOTE_ADDR="198.51.100.1").status_code == 200


def test_forty_good_openings_from_one_address_are_all_served(client, settings):
    settings.LINK_RATE_LIMIT = "30/10m/ip"
    served = [client.get(f"/test-link/good-{n}/", REMOTE_ADDR="192.0.2.7").status_code for n in range(40)]
    assert served == [302] * 40  # many staff behind one NHS address, each opening their own link
    assert client.get("/test-link/guess/", REMOTE_ADDR="192.0.2.7").status_code == 404  # nothing counted


def test_the_31st_bad_opening_is_refused_and_many_refusals_write_one_audit_row_and_one_warning(
    client, settings, caplog
):
    settings.LINK_RATE_LIMIT = "30/10m/ip"
    caplog.set_level(logging.WARNING, logger="alongside.security")
    answers = [client.get(f"/test-link/guess-{n}/", REMOTE_ADDR="192.0.2.8").status_code for n in range(31)]
    assert answers == [404] * 30 + [429]
    assert {client.get(f"/test-link/guess-{n}/", REMOTE_ADDR="192.0.2.8").status_code for n in range(20)} == {429}
    assert AuditEvent.objects.filter(action="rate_limited").count() == 1
    assert len([r for r in caplog.records if r.name == "alongside.security"]) == 1
    another = [client.get("/test-link/guess/", REMOTE_ADDR="192.0.2.9").status_code for _ in range(31)]
    assert another == [404] * 30 + [429]
    assert AuditEvent.objects.filter(action="rate_limited").count() == 2  # its own first refusal is noted


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


def test_every_handler_of_the_sites_logging_hides_tokens_and_every_logger_reaches_one(settings):
    logging_config = settings.LOGGING
    assert all("hide_link_tokens" in h.get("filters", []) for h in logging_config["handlers"].values())
    assert logging_config["root"]["handlers"] == ["console"]
    assert all(  # a logger with its own handlers does not pass its lines on to the root's unfiltered
        set(logger.get("handlers", [])) <= set(logging_config["handlers"])
        for logger in logging_config["loggers"].values()
    )
    assert "handlers" not in logging_config["loggers"]["django"]  # not Django's own (its emails carry the request)


def test_a_line_from_any_logger_through_the_root_handler_hides_the_token():
    console = next(h for h in logging.getLogger().handlers if any(isinstance(f, HideLinkTokens) for f in h.filters))
    written = io.StringIO()
    old = console.setStream(written)
    try:  # as gunicorn's access log logs, when its lines go through Python's logging to the root
        logging.getLogger("gunicorn.access").warning(
            "%(h)s %(r)s %(s)s", {"h": "192.0.2.1", "r": f"GET /test-link/{SECRET}/ HTTP/1.1", "s": "302"}
        )
    finally:
        console.setStream(old)
    assert SECRET not in written.getvalue() and "GET /test-link/[link]/ HTTP/1.1 302" in written.getvalue()


def test_the_filter_resolves_only_the_first_few_paths_of_a_big_message(monkeypatch):
    resolved = []
    real = log_filters.resolve

    def counting(path):
        resolved.append(path)
        return real(path)

    monkeypatch.setattr(log_filters, "resolve", counting)
    big = f"/test-link/{SECRET}/ " + "/x " * 100_000 + "/" + "y" * 100_000
    hidden = without_tokens(big)
    assert hidden.startswith("/test-link/[link]/ /x ") and len(resolved) == log_filters.MOST_PATHS
    resolved.clear()
    assert without_tokens("/" + "z" * 5000 + "?a=1") == "/" + "z" * 5000 + "?a=1" and resolved == []
