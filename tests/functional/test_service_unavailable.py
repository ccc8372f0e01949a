"""Journey: the database goes away while Rosa is signed in, and comes back.

Rosa, a clinician, is signed in on her desktop and her phone when the service's database stops answering. The next
page she asks for (finding someone) is the NHS.UK page "Sorry, the service is unavailable" (status 503), in the
service's layout, with nothing of the failure in it and no menu or name that would need the database. When the
database is back, "Try again" takes her to the page she asked for, still signed in. Each page passes the axe check
at both widths.
"""

from django.db import OperationalError
from playwright.sync_api import expect

from alongside.core.sessions import SessionStore

from .browser import DESKTOP, PHONE, assert_accessible, shot, sign_in
from .test_error_pages import expect_nhs_layout, forget_own_status_error


def database_away(*args, **kwargs):
    raise OperationalError('connection to server on socket "/tmp/.s.PGSQL.5432" failed: No such file or directory')


def test_a_database_outage_shows_the_service_unavailable_page_and_the_service_comes_back(
    new_context, staff, monkeypatch
):
    rosa, secret = staff("clinician", first_name="Rosa", last_name="Diaz")
    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, rosa, secret)  # once: a second sign-in within 30 s would reuse the authenticator's code
    phone = new_context(viewport=PHONE, storage_state=desk.context.storage_state()).new_page()
    pages = {DESKTOP["width"]: desk, PHONE["width"]: phone}

    with monkeypatch.context() as outage:
        outage.setattr(SessionStore, "load", database_away)  # reading anyone's session is the first query
        for width, page in pages.items():
            response = page.goto("/people/")
            assert response.status == 503 and response.headers["retry-after"] == "30"
            expect(page).to_have_title("Sorry, the service is unavailable – Alongside")
            expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, the service is unavailable")
            main = page.get_by_role("main")
            expect(main).to_contain_text("It should be back in a few minutes.")
            expect(main).not_to_contain_text("OperationalError")
            expect(page.get_by_role("link", name="Try again")).to_have_attribute("href", "/people/")
            expect(page.get_by_role("navigation", name="Account")).to_have_count(0)  # it needs the database
            expect_nhs_layout(page)
            forget_own_status_error(page, 503)
            assert_accessible(page)
            shot(page, "service-unavailable", width)

    for width, page in pages.items():
        page.get_by_role("link", name="Try again").click()
        expect(page.get_by_role("navigation", name="Account")).to_contain_text("Rosa Diaz")
        assert page.url.endswith("/people/")
        assert_accessible(page)
        shot(page, "back-again", width)
