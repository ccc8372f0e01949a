"""An administrator sets another directory's feed and imports it: a feed with problems changes nothing and lists
each problem with its place in the feed; a good feed is imported. (The feed is served from a file by a local HTTP
server, as another directory's /api/hsds/services would be.)"""

import json
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from alongside.directory import hsds_in, hsds_out
from alongside.directory import models as m
from alongside.directory.tests.factories_standards import directory

from .browser import assert_accessible, expect_error_summary, expect_success, sign_in

SHOTS = "/tmp/shots-standards"  # noqa: S108 (screenshots to look at, not kept)


@pytest.fixture
def feed_server(tmp_path, settings):
    settings.ALONGSIDE_FEED_FROM_OWN_NETWORK = True  # the feed is served on this machine, for the test only
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def shots(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_administrator_imports_a_feed(page, live_server, staff, feed_server):
    folder, address = feed_server
    directory(3)
    feed = hsds_out.services(hsds_out.published_services())
    m.TaxonomyTerm.objects.update(parent=None)
    for model in reversed(hsds_in.ORDER):  # an empty directory, to import into
        model.objects.all().delete()
    bad = json.loads(json.dumps(feed))
    del bad[1]["phones"][0]["number"]
    (folder / "bad.json").write_text(json.dumps(bad))
    (folder / "good.json").write_text(json.dumps({"contents": feed}))

    admin, secret = staff("admin", first_name="Ada", last_name="Byrne")
    sign_in(page, admin, secret)
    page.goto(live_server.url + "/directory/feed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import services from another directory")
    expect(page.get_by_text("Nothing has been imported yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Save and import now").click()
    expect_error_summary(page, "Enter the address of the feed")
    assert_accessible(page)
    page.get_by_label("Address of the feed").fill("not a web address")
    page.get_by_role("button", name="Save and import now").click()
    expect_error_summary(page, "Enter a web address starting https://, like https://example.org/api/hsds/services")
    expect(page.get_by_label("Address of the feed")).to_have_value("not a web address")

    page.get_by_label("Address of the feed").fill(f"{address}/bad.json")
    page.get_by_role("button", name="Save and import now").click()
    expect(page.get_by_role("main")).to_contain_text("Nothing was imported: the feed has 1 problem")
    expect(page.get_by_role("main")).to_contain_text("services[1].phones[0].number: a number is needed")
    assert not m.Service.objects.exists()
    assert_accessible(page)
    shots(page, "feed-problems")

    page.get_by_label("Address of the feed").fill(f"{address}/good.json")
    page.get_by_role("button", name="Save and import now").click()
    expect_success(page, "The feed was imported")
    expect(page.get_by_role("table")).to_contain_text("Imported: 3 services added, 0 changed")
    assert m.Service.objects.count() == 3
    assert_accessible(page)
    shots(page, "feed-imported")
