"""A real OpenID provider for the sign-in tests (tests/oidc/provider.mjs, node and the oidc-provider package).

Import the fixtures into a test module (`from tests.oidc.fixtures import care_identity, oidc_provider`).
`oidc_provider` starts the provider once, on loopback, after the live server (it needs the callback address);
`care_identity` points Alongside at it for one test and gives `next_login(sub, acr, **claims)`, which says who the
provider signs in next and with which acr. Without node or the package the tests are skipped, except in CI.
"""

import json
import os
import shutil
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from alongside.config.settings import openid_connect_providers, origin_of
from tests.processes import ROOT, free_port, start, wait_for

PROVIDER = ROOT / "tests" / "oidc" / "provider.mjs"
PACKAGE = ROOT / "node_modules" / "oidc-provider"
CLIENT_ID, CLIENT_SECRET = "alongside", "test-secret"  # noqa: S105 (the local test provider's own)
STAFF_ACR = ["AAL2_TEST", "AAL3_TEST"]


@dataclass
class Provider:
    issuer: str

    def next_login(self, sub: str, acr: str | None = None, **claims) -> None:
        body = json.dumps({"sub": sub, "acr": acr, "claims": claims}).encode()
        request = urllib.request.Request(  # noqa: S310 (loopback)
            f"{self.issuer}/test/next-login", data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 (loopback)
            assert answer.status == 204


@pytest.fixture(scope="session")
def oidc_provider(live_server, django_db_setup):  # after the test database is made: start() needs its name
    missing = [str(p) for p in (PACKAGE,) if not Path(p).exists()] + ([] if shutil.which("node") else ["node"])
    if missing:
        message = f"The local OpenID provider needs {', '.join(missing)}: npm install (and a Node.js of 20.19 or later)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (these tests are mandatory in CI)", pytrace=False)
        pytest.skip(message)
    port = free_port()
    started = start(
        [shutil.which("node") or "node", str(PROVIDER)],
        env={
            "PORT": str(port),
            "REDIRECT_URI": f"{live_server.url}/accounts/oidc/cis2/login/callback/",
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
        },
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{issuer}/.well-known/openid-configuration", timeout=30)
    except TimeoutError:
        started.stop()
        pytest.fail("The local OpenID provider did not start:\n" + started.output())
    yield Provider(issuer)
    started.stop()
    started.process.stdout.close()  # what it wrote is not needed once it has started


@pytest.fixture
def care_identity(oidc_provider, settings):
    """Alongside signing in through the local provider for this test (as OIDC_SERVER_URL and the rest would)."""
    settings.OIDC_PROVIDER_ID = "cis2"
    settings.OIDC_STAFF_ACR = STAFF_ACR
    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(
        oidc_provider.issuer, STAFF_ACR, client_id=CLIENT_ID, secret=CLIENT_SECRET
    )
    csp = {name: list(values) for name, values in settings.SECURE_CSP.items()}
    csp["form-action"].append(origin_of(oidc_provider.issuer))
    settings.SECURE_CSP = csp
    return oidc_provider
