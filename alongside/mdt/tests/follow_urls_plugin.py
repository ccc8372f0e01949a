"""A pytest plugin for running the whole-site tests (the authorisation matrix) on this branch with the pages after
the meeting joined to the mdt app's URLs, until mdt/urls.py includes urls_follow.py:
`pytest -p alongside.mdt.tests.follow_urls_plugin tests/authorisation`."""

import pytest


@pytest.fixture(autouse=True)
def _follow_urls(settings):
    settings.ROOT_URLCONF = "alongside.mdt.tests.site_urls"
