"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

pytest-playwright gives the `page`, `context` and `new_context` fixtures; this file points it at
/usr/bin/chromium and keeps Playwright running only while these tests run (see `playwright` below).
Every test here gets the `browser` marker. Without /usr/bin/chromium the journeys are skipped, except in CI
(CI=true), where they are mandatory and the run fails.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from alongside.core.tests.factories import UserFactory, enrol_totp
from alongside.people.tests.factories import PersonFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo), for Debian's Chromium."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (browser tests are mandatory in CI)", pytrace=False)
        pytest.skip(message)
    return {"headless": True, **browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="package")
def playwright(browser_type_launch_args, _pw_api_request_contexts):
    """Playwright, for this package only (pytest-playwright keeps it for the whole session).

    Its sync API leaves an event loop running in this thread, and beside a running loop Django refuses
    database access unless DJANGO_ALLOW_ASYNC_UNSAFE is set. Stopping Playwright after the journeys lets the
    rest of a run go on without that switch, which must not leak further: `manage.py check --deploy` run by
    another test reports it as an error.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        driver = sync_playwright().start()
        if _pw_api_request_contexts:
            _pw_api_request_contexts.instrument(driver)
        yield driver
        driver.stop()


@pytest.fixture(scope="package")
def browser(playwright, browser_type_launch_args):
    browser = playwright.chromium.launch(**browser_type_launch_args)
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_context_args(base_url):
    return {"base_url": base_url}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Pages are opened by path (page.goto("/")) against the live server."""
    return live_server.url


@pytest.fixture
def new_context(new_context, base_url):
    """pytest-playwright's contexts, kept to the live server, with every page watched for browser errors."""

    def make(allowed_origins: tuple[str, ...] = (), **kwargs):
        """`allowed_origins`: other loopback origins a test itself starts (the local OpenID provider), let through."""
        context = new_context(**kwargs)
        elsewhere: list[str] = []

        def refuse(route):
            elsewhere.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith((base_url, *allowed_origins)), refuse)
        context.on("page", lambda page: watch(page, base_url, elsewhere))
        return context

    return make


def watch(page, origin: str, elsewhere: list[str]) -> None:
    """Keep what the browser reports as an error on the page, for `assert_accessible` to fail on.

    No page may ask anything of another host (a font, a script, an image): a service that stalls when a third
    party cannot be reached fails its users, and tells that party who is reading what. Each such request is
    refused, and kept in `alongside_elsewhere` for `assert_accessible` to fail on.
    """
    page.alongside_errors = []
    page.alongside_elsewhere = elsewhere

    def on_console(message):
        url = message.location.get("url", "")  # empty for a Content Security Policy refusal
        if message.type == "error" and (not url or url.startswith(origin)):
            page.alongside_errors.append(f"console: {message.text} ({url or page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.alongside_errors.append(f"page error: {error}"))


@pytest.fixture
def staff(member):
    """A member of staff in a role, with an authenticator app: returns (user, TOTP secret)."""

    def make(role: str = "clinician", **kwargs):
        user = member(role, second_factor=False, **kwargs)
        return user, enrol_totp(user)

    return make


@pytest.fixture
def person_user(db):
    """Someone supported, who signs in to see their own details (no team role, so no second factor)."""
    user = UserFactory(first_name="Mabel", last_name="Okafor")
    PersonFactory(user=user, given_name="Mabel", family_name="Okafor")
    return user
