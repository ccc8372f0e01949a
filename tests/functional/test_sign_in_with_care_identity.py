"""Signing in with NHS Care Identity (OpenID Connect), end to end against a real OpenID provider on loopback.

The provider is tests/oidc/provider.mjs (the oidc-provider package): it finishes each sign-in at once as the
identity and acr the test chose. Only the provider's own loopback origin is let through, and only in these tests.
"""

import os
from pathlib import Path

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import Page, expect

from alongside.core.models import AuditEvent
from tests.oidc import fixtures

from .browser import URL, assert_accessible, expect_error_summary, expect_home, expect_success, sign_in

# The local provider's fixtures, used here by name.
oidc_provider, care_identity = fixtures.oidc_provider, fixtures.care_identity
SHOTS = os.environ.get("ALONGSIDE_SHOTS", "")  # a folder to keep each page's screenshot in, to look at them
WIDTHS = [1280, 375]
REFUSED_STATUS = "the server responded with a status of 403"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def care_page(request, new_context, care_identity):
    context = new_context(allowed_origins=(care_identity.issuer,), viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.width = request.param
    return page


def shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"care-identity-{name}-{page.width}.png"), full_page=True)


def sign_in_with_care_identity(page: Page):
    """From the sign-in page, through the provider and back; the answer to the provider's return."""
    page.goto("/accounts/login/")
    button = page.get_by_role("button", name="Sign in with NHS Care Identity")
    expect(button).to_be_visible()
    assert_accessible(page)
    shot(page, "sign-in")
    with page.expect_response(lambda answer: "/accounts/oidc/cis2/login/callback/" in answer.url) as returned:
        button.click()
    return returned.value


def expect_refused(page: Page, answer, heading: str) -> None:
    assert answer.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page).to_have_title(f"{heading} – Alongside")
    page.alongside_errors[:] = [error for error in page.alongside_errors if REFUSED_STATUS not in error]
    assert_accessible(page)


def expect_not_signed_in(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_url(URL("/accounts/login/?next=/"))


def test_a_linked_clinician_with_a_second_step_at_the_provider_signs_in(care_page, care_identity, member):
    clinician = member("clinician", second_factor=False, first_name="Asha")  # no authenticator app in Alongside
    SocialAccount.objects.create(user=clinician, provider="cis2", uid="cis2-0001")
    care_identity.next_login("cis2-0001", acr="AAL3_TEST", email="asha@example.nhs.uk", email_verified=True)

    answer = sign_in_with_care_identity(care_page)

    assert answer.status == 302
    expect_home(care_page)  # not the page to set up a second way to sign in
    assert_accessible(care_page)
    shot(care_page, "home")
    assert AuditEvent.objects.filter(action="signed_in", actor=clinician).exists()


def test_without_a_second_step_staff_are_refused_and_not_signed_in(care_page, care_identity, member):
    clinician = member("clinician")
    SocialAccount.objects.create(user=clinician, provider="cis2", uid="cis2-0001")
    care_identity.next_login("cis2-0001", acr=None)

    answer = sign_in_with_care_identity(care_page)

    expect_refused(care_page, answer, "Sign in again with a second step")
    expect(care_page.get_by_text("Sign in again with your smartcard")).to_be_visible()
    shot(care_page, "refused-second-step")
    expect_not_signed_in(care_page)
    refusal = AuditEvent.objects.get(action="oidc_sign_in_refused")
    assert refusal.detail["reason"] == "acr" and refusal.actor == clinician


def test_an_identity_is_never_linked_by_a_matching_email(care_page, care_identity, member):
    member("clinician", email="sam.okoro@example.nhs.uk")
    care_identity.next_login("cis2-0042", acr="AAL3_TEST", email="sam.okoro@example.nhs.uk", email_verified=True)

    answer = sign_in_with_care_identity(care_page)

    expect_refused(care_page, answer, "Your NHS Care Identity is not linked to an account")
    expect(care_page.get_by_text("Ask an administrator")).to_be_visible()
    shot(care_page, "refused-not-linked")
    expect_not_signed_in(care_page)
    assert not SocialAccount.objects.exists()


def test_an_administrator_links_an_identity_which_then_signs_in_and_can_be_unlinked(
    care_page,
    care_identity,
    new_context,
    staff,
    member,
):
    clinician = member("clinician", second_factor=False, first_name="Asha", last_name="Patel")
    admin, secret = staff("admin", team=clinician.memberships.get().team)
    SocialAccount.objects.create(user=member("clinician"), provider="cis2", uid="cis2-0099")  # someone else's
    page = new_context(viewport={"width": care_page.width, "height": 900}).new_page()
    page.width = care_page.width
    sign_in(page, admin, secret)

    page.goto(f"/users/{clinician.pk}/")
    expect(page.get_by_text("Not linked: they cannot sign in with NHS Care Identity.")).to_be_visible()
    page.get_by_role("link", name="Link their NHS Care Identity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Link their NHS Care Identity")
    assert_accessible(page)
    shot(page, "link")

    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Enter their NHS Care Identity user ID")
    assert_accessible(page)
    shot(page, "link-error")

    page.get_by_label("Their NHS Care Identity user ID").fill("cis2-0099")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check before you link it")
    assert_accessible(page)
    shot(page, "link-check")
    page.get_by_role("button", name="Link NHS Care Identity").click()
    expect_error_summary(page, "This user ID is already linked to another account. Unlink it there first")
    expect(page.get_by_label("Their NHS Care Identity user ID")).to_have_value("cis2-0099")

    page.get_by_label("Their NHS Care Identity user ID").fill("cis2-0007")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Link NHS Care Identity").click()
    expect(page).to_have_url(URL(f"/users/{clinician.pk}/"))
    expect_success(page, "NHS Care Identity linked")
    assert_accessible(page)
    shot(page, "linked")

    care_identity.next_login("cis2-0007", acr="AAL2_TEST")
    assert sign_in_with_care_identity(care_page).status == 302
    expect_home(care_page)

    page.get_by_role("link", name="Unlink their NHS Care Identity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Unlink their NHS Care Identity")
    assert_accessible(page)
    shot(page, "unlink")
    page.get_by_role("button", name="Unlink NHS Care Identity").click()
    expect_success(page, "NHS Care Identity unlinked")
    assert not SocialAccount.objects.filter(user=clinician).exists()
    care_page.goto("/")  # unlinking signed out whoever had signed in with it
    expect(care_page).to_have_url(URL("/accounts/login/?next=/"))
    assert AuditEvent.objects.filter(action="oidc_identity_unlinked", actor=admin).count() == 1


def test_someone_sent_to_sign_in_from_a_deep_link_lands_on_that_page(care_page, care_identity, member):
    clinician = member("clinician", second_factor=False)
    SocialAccount.objects.create(user=clinician, provider="cis2", uid="cis2-0001")
    care_identity.next_login("cis2-0001", acr="AAL3_TEST")

    care_page.goto("/teams/mine/")
    expect(care_page).to_have_url(URL("/accounts/login/?next=/teams/mine/"))
    with care_page.expect_response(lambda answer: "/accounts/oidc/cis2/login/callback/" in answer.url):
        care_page.get_by_role("button", name="Sign in with NHS Care Identity").click()

    expect(care_page).to_have_url(URL("/teams/mine/"))  # not the home page
    assert_accessible(care_page)
