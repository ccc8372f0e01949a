"""Sign-in through OpenID Connect: only a linked identity signs in, and staff only with a second factor shown.

These build allauth's SocialLogin by hand, as its callback would after the provider answered, and call the adapter
where allauth does (pre_social_login, after its own lookup). The whole journey against a real provider is in
tests/functional/test_sign_in_with_care_identity.py.
"""

import pytest
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialLogin, SocialToken
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from alongside.core.middleware import ASSURED_BY
from alongside.core.models import AuditEvent, User
from alongside.core.social_accounts import SocialAccountAdapter, acr_of
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.requests import acting_as
from alongside.core.tests.test_settings import run
from alongside.people.tests.factories import PersonFactory

STAFF_ACR = ["AAL2_TEST", "AAL3_TEST"]


@pytest.fixture(autouse=True)
def oidc_settings(settings):
    settings.OIDC_PROVIDER_ID = "cis2"
    settings.OIDC_STAFF_ACR = STAFF_ACR


def provider_answer(
    uid: str,
    acr: str | None = None,
    email: str = "",
    process: str = "login",
    userinfo_acr: str | None = None,
    userinfo_sub: str | None = None,
) -> SocialLogin:
    """What allauth builds from the provider's answer: an unsaved account with the decoded ID token and userinfo.

    `userinfo_acr` puts an acr in userinfo alone; `userinfo_sub` gives userinfo a `sub` of its own (allauth takes
    the uid from userinfo, so the account is looked up by it)."""
    id_token = {"sub": uid, "iss": "http://127.0.0.1:1", "aud": "alongside"} | ({"acr": acr} if acr else {})
    userinfo = {"sub": userinfo_sub or uid} | ({"email": email, "email_verified": True} if email else {})
    if userinfo_acr:
        userinfo["acr"] = userinfo_acr
    uid = userinfo["sub"]
    account = SocialAccount(provider="cis2", uid=uid, extra_data={"id_token": id_token, "userinfo": userinfo})
    login = SocialLogin(user=User(email=email), account=account)
    login.state = {"process": process}
    return login


def signing_in(sociallogin: SocialLogin):
    """allauth's lookup and then our adapter, for an anonymous browser; the refusal page if refused, else None."""
    request = acting_as(AnonymousUser(), path="/accounts/oidc/cis2/login/callback/")
    with context.request_context(request):
        sociallogin.lookup()
        try:
            SocialAccountAdapter(request).pre_social_login(request, sociallogin)
        except ImmediateHttpResponse as refusal:
            return refusal.response
    return None


def link(user, uid: str = "cis2-0001") -> SocialAccount:
    return SocialAccount.objects.create(user=user, provider="cis2", uid=uid, extra_data={})


def refusal_reasons() -> list[str]:
    return [e.detail["reason"] for e in AuditEvent.objects.filter(action="oidc_sign_in_refused").order_by("pk")]


def test_a_linked_clinician_with_a_staff_acr_may_sign_in(member):
    clinician = member("clinician", second_factor=False)
    link(clinician)
    login = provider_answer("cis2-0001", acr="AAL3_TEST")
    assert signing_in(login) is None
    assert login.user == clinician
    assert refusal_reasons() == []


@pytest.mark.parametrize("acr", [None, "AAL1_TEST", "", "aal3_test"])
def test_staff_without_a_staff_acr_are_refused_even_with_a_factor_here(member, acr):
    clinician = member("clinician")  # an authenticator app in Alongside does not stand in for the provider's step
    link(clinician)
    page = signing_in(provider_answer("cis2-0001", acr=acr))
    assert page.status_code == 403
    text = page.content.decode()
    assert "<title>Sign in again with a second step" in text and "smartcard" in text
    assert refusal_reasons() == ["acr"]
    event = AuditEvent.objects.get(action="oidc_sign_in_refused")
    assert event.actor == clinician and event.object_id == "cis2-0001"
    assert set(event.detail) == {"reason", "provider"}  # no claims kept


def test_a_superuser_without_a_staff_acr_is_refused(db):
    link(UserFactory(is_superuser=True))
    assert signing_in(provider_answer("cis2-0001")).status_code == 403
    assert refusal_reasons() == ["acr"]


def test_someone_supported_needs_no_staff_acr(db):
    user = UserFactory()
    PersonFactory(user=user)
    link(user)
    login = provider_answer("cis2-0001", acr=None)
    assert signing_in(login) is None
    assert login.user == user


def test_an_identity_whose_email_matches_an_account_is_not_linked_to_it(member):
    clinician = member("clinician", email="sam.okoro@example.nhs.uk")
    page = signing_in(provider_answer("cis2-0002", acr="AAL3_TEST", email="sam.okoro@example.nhs.uk"))
    assert page.status_code == 403
    assert "is not linked to an account" in page.content.decode()
    assert refusal_reasons() == ["not_linked"]
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.get(action="oidc_sign_in_refused").actor is None
    clinician.refresh_from_db()
    assert clinician.has_usable_password()  # allauth's email path would have wiped it


def test_an_identity_linked_to_someone_else_signs_in_only_as_them(member):
    first, second = member("clinician"), member("clinician")
    link(first, "cis2-0001")
    link(second, "cis2-0002")
    login = provider_answer("cis2-0002", acr="AAL3_TEST", email=first.email)
    assert signing_in(login) is None
    assert login.user == second


def test_connecting_an_identity_yourself_is_refused(member):
    clinician = member("clinician")
    link(clinician)
    page = signing_in(provider_answer("cis2-0001", acr="AAL3_TEST", process="connect"))
    assert page.status_code == 403
    assert "Only an administrator can link" in page.content.decode()
    assert refusal_reasons() == ["connect"]


def test_a_closed_account_is_refused(member):
    clinician = member("clinician", is_active=False)
    link(clinician)
    assert signing_in(provider_answer("cis2-0001", acr="AAL3_TEST")).status_code == 403
    assert refusal_reasons() == ["inactive"]


def test_identities_and_providers_are_not_edited_in_djangos_admin():
    from django.contrib import admin

    from alongside.config import urls  # noqa: F401 (it takes them out of the admin)

    assert not {SocialAccount, SocialApp} & set(admin.site._registry)


def test_no_apps_come_from_the_database(db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    SocialApp.objects.create(provider="openid_connect", provider_id="cis2", name="Sneaked in", client_id="x")
    assert SocialAccountAdapter().list_apps(None) == []


# --- the second factor the provider asked for, in SecondFactorMiddleware ------------------------------------------


def test_staff_whose_provider_showed_a_second_factor_reach_their_pages(client, member):
    clinician = member("clinician", second_factor=False)
    client.force_login(clinician)
    assert client.get(reverse("home")).url == reverse("second_factor_setup")
    session = client.session
    session[ASSURED_BY] = {"provider": "cis2", "acr": "AAL3_TEST"}
    session.save()
    assert client.get(reverse("home")).status_code == 200


def test_a_password_sign_in_forgets_the_providers_second_factor(client, member):
    clinician = member("clinician", second_factor=False)
    client.force_login(clinician)
    session = client.session
    session[ASSURED_BY] = {"provider": "cis2", "acr": "AAL3_TEST"}
    session.save()
    client.force_login(clinician)  # Django keeps the session's data when the same user signs in again
    assert ASSURED_BY not in client.session
    assert client.get(reverse("home")).url == reverse("second_factor_setup")


def test_the_api_still_needs_a_factor_set_up_here(client, member):
    clinician = member("clinician", second_factor=False)
    client.force_login(clinician)
    session = client.session
    session[ASSURED_BY] = {"provider": "cis2", "acr": "AAL3_TEST"}
    session.save()
    assert client.get("/api/v1/people/").status_code in {401, 403}


def test_the_sign_in_page_offers_the_provider_only_when_configured(client, settings):
    from alongside.config.settings import openid_connect_providers

    assert "Sign in with NHS Care Identity" not in client.get(reverse("account_login")).content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers("https://cis2.example.nhs.uk/openam/oauth2", STAFF_ACR)
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with NHS Care Identity" in page
    assert 'action="/accounts/oidc/cis2/login/?process=login"' in page


def test_the_pages_to_connect_an_identity_yourself_are_not_there(client, member):
    client.force_login(member("clinician"))
    paths = ["/accounts/3rdparty/", "/accounts/3rdparty/signup/", "/accounts/3rdparty/login/error/"]
    for path in [*paths, "/accounts/social/connections/", "/accounts/social/signup/"]:
        assert client.get(path).status_code == 404


# --- production refuses an unsafe provider ------------------------------------------------------------------------

GOOD_OIDC = {
    "OIDC_SERVER_URL": "https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc",
    "OIDC_CLIENT_ID": "alongside",
    "OIDC_CLIENT_SECRET": "a-secret-from-onboarding",
    "OIDC_STAFF_ACR": "AAL3_ANY",
}


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"OIDC_SERVER_URL": "http://cis2.example.nhs.uk"}, "OIDC_SERVER_URL must start with https://"),
        ({"OIDC_CLIENT_SECRET": ""}, "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must both be set"),
        ({"OIDC_STAFF_ACR": ""}, "OIDC_STAFF_ACR must name the acr values"),
    ],
)
def test_production_refuses_an_unsafe_provider(overrides, refusal):
    result = run(GOOD_OIDC | overrides, "check")
    assert result.returncode != 0
    assert "Production settings refused" in result.stderr and refusal in result.stderr


def test_production_accepts_a_provider_set_up_safely():
    result = run(GOOD_OIDC, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("acr", "remembered"), [("AAL3_TEST", True), ("AAL1_TEST", False), (None, False)])
def test_only_a_staff_acr_is_remembered_as_a_second_factor(db, acr, remembered):
    from allauth.account.signals import user_logged_in

    user = UserFactory()
    request = acting_as(user)
    user_logged_in.send(sender=User, request=request, response=None, user=user, sociallogin=provider_answer("x", acr))
    assert (ASSURED_BY in request.session) is remembered


def test_someone_who_signed_in_without_a_second_step_and_then_joins_a_team_must_set_one_up(client, db):
    from alongside.partners.tests.factories import MembershipFactory

    user = UserFactory()
    PersonFactory(user=user)
    client.force_login(user)  # as a sign-in through the provider without a staff acr leaves it: nothing remembered
    assert client.get(reverse("home")).status_code == 200
    MembershipFactory(user=user, role="clinician")
    assert client.get(reverse("home")).url == reverse("second_factor_setup")


@pytest.mark.parametrize("query", ["?error=access_denied&state=nothing-we-sent", "?code=abc&state=nothing-we-sent", ""])
def test_a_return_from_the_provider_that_does_not_check_out_is_our_own_page(client, db, settings, query):
    from alongside.config.settings import openid_connect_providers

    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers("https://cis2.example.nhs.uk/oauth2", STAFF_ACR)
    answer = client.get("/accounts/oidc/cis2/login/callback/" + query)
    page = answer.content.decode()
    assert answer.status_code == 403
    assert "<title>You could not sign in with NHS Care Identity" in page
    assert "nothing-we-sent" not in page and "Traceback" not in page
    assert refusal_reasons() == ["provider_error"]


# --- a provider that does not answer (review 21, finding 3) ---------------------------------------------------------

CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens there: the connection is refused at once


def assert_the_provider_is_not_answering(answer):
    page = answer.content.decode()
    assert answer.status_code == 503
    assert "<title>NHS Care Identity is not answering" in page and "Traceback" not in page
    assert "Try again in a few minutes, or sign in with your password and second step" in page


def test_a_provider_that_does_not_answer_at_sign_in_gives_our_page_not_a_500(client, db, settings):
    from alongside.config.settings import openid_connect_providers

    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(CLOSED_PORT, STAFF_ACR)
    assert_the_provider_is_not_answering(client.post("/accounts/oidc/cis2/login/"))


@pytest.mark.parametrize("down_from", ["discovery", "token"])
def test_a_provider_that_stops_answering_before_the_return_gives_our_page_not_a_500(client, db, settings, down_from):
    from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

    from alongside.config.settings import openid_connect_providers

    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(CLOSED_PORT, STAFF_ACR)
    discovered = {"authorization_endpoint": CLOSED_PORT + "/auth", "token_endpoint": CLOSED_PORT + "/token"}
    with pytest.MonkeyPatch.context() as patch:  # the provider answers discovery for the sign-in, then goes down
        patch.setattr(OpenIDConnectOAuth2Adapter, "openid_config", discovered)
        to_provider = client.post("/accounts/oidc/cis2/login/")
        if down_from == "discovery":
            patch.undo()
        assert to_provider.status_code == 302 and to_provider["Location"].startswith(CLOSED_PORT + "/auth")
        state = to_provider["Location"].split("state=")[1].split("&")[0]
        back = client.get(f"/accounts/oidc/cis2/login/callback/?code=abc&state={state}")
    assert_the_provider_is_not_answering(back)
    assert refusal_reasons() == []  # no one was refused: nothing is audited


# --- nothing the provider sent is kept (review 21, finding 4) -------------------------------------------------------


@pytest.mark.parametrize(("acr", "refused"), [(None, True), ("AAL3_TEST", False)])
def test_nothing_the_provider_sent_is_kept_in_the_database(member, acr, refused):
    clinician = member("clinician", second_factor=False)
    link(clinician)
    login = provider_answer("cis2-0001", acr=acr, email="someone.else@example.nhs.uk")
    login.account.extra_data["id_token"]["name"] = "Someone Else"
    assert (signing_in(login) is not None) is refused
    kept = SocialAccount.objects.get()
    assert (kept.user, kept.uid, kept.extra_data) == (clinician, "cis2-0001", {})
    assert not SocialToken.objects.exists()
    assert User.objects.get(pk=clinician.pk).email != "someone.else@example.nhs.uk"
    for event in AuditEvent.objects.all():
        assert "someone.else" not in str(event.detail) and "Someone Else" not in str(event.detail)
    if not refused:  # the acr is still read from this request's answer, in memory
        assert acr_of(login) == "AAL3_TEST"


# --- only the ID token speaks for the sign-in (review 21, finding 6) ------------------------------------------------


def test_an_acr_in_userinfo_alone_is_not_a_second_factor(member):
    clinician = member("clinician", second_factor=False)
    link(clinician)
    login = provider_answer("cis2-0001", acr=None, userinfo_acr="AAL3_TEST")
    assert acr_of(login) == ""
    page = signing_in(login)
    assert page.status_code == 403 and "<title>Sign in again with a second step" in page.content.decode()
    assert refusal_reasons() == ["acr"]


def test_an_acr_in_userinfo_alone_is_not_remembered_as_a_second_factor(db):
    from allauth.account.signals import user_logged_in

    user = UserFactory()
    request = acting_as(user)
    login = provider_answer("cis2-0001", acr="AAL1_TEST", userinfo_acr="AAL3_TEST")
    user_logged_in.send(sender=User, request=request, response=None, user=user, sociallogin=login)
    assert ASSURED_BY not in request.session


@pytest.mark.parametrize("userinfo_is_about", ["someone linked", "no one linked"])
def test_userinfo_about_someone_other_than_the_id_token_is_refused(member, userinfo_is_about):
    """OpenID Connect Core 1.0, 5.3.2: userinfo's sub must match the ID token's, or none of it may be used."""
    signed_in, other = member("clinician"), member("clinician")
    link(signed_in, "cis2-0001")
    if userinfo_is_about == "someone linked":
        link(other, "cis2-0002")
    login = provider_answer("cis2-0001", acr="AAL3_TEST", userinfo_sub="cis2-0002")
    page = signing_in(login)
    assert page.status_code == 403 and "<title>You could not sign in with NHS Care Identity" in page.content.decode()
    assert refusal_reasons() == ["provider_error"]
    event = AuditEvent.objects.get(action="oidc_sign_in_refused")
    assert event.actor is None and event.object_id == "cis2-0001"  # the ID token's sub, not userinfo's
    assert all(account.extra_data == {} for account in SocialAccount.objects.all())


def test_a_userinfo_with_the_same_sub_signs_in(member):
    clinician = member("clinician", second_factor=False)
    link(clinician)
    login = provider_answer("cis2-0001", acr="AAL3_TEST", userinfo_sub="cis2-0001")
    assert signing_in(login) is None and login.user == clinician


# --- a flood of bad returns writes only a few rows (review 21, finding 8) -------------------------------------------


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "alongside.security"]


@pytest.fixture
def provider_set_up(settings):
    from alongside.config.settings import openid_connect_providers

    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(CLOSED_PORT, STAFF_ACR)


def test_a_burst_of_returns_without_our_state_from_one_address_is_noted_only_a_few_times(
    client, db, provider_set_up, caplog
):
    for n in range(50):
        query = "" if n % 2 else f"?code=abc&state=guess-{n}"
        answer = client.get("/accounts/oidc/cis2/login/callback/" + query, REMOTE_ADDR="203.0.113.7")
        assert answer.status_code == 403  # every one still gets the refusal page
        assert "<title>You could not sign in with NHS Care Identity" in answer.content.decode()
    assert refusal_reasons() == ["provider_error"] * 5
    lines = security_lines(caplog)
    assert len([line for line in lines if "refused (provider_error)" in line]) == 5
    assert len(lines) == 5 * 2 + 1  # each noted refusal's two lines, and one saying the rest are not logged
    assert "oidc_state refusals" in lines[-1] and "not logged" in lines[-1]
    assert not [r for r in caplog.records if r.name == "django.request"]  # nor is each 403 logged by Django
    # Another address is still noted.
    client.get("/accounts/oidc/cis2/login/callback/", REMOTE_ADDR="198.51.100.9")
    assert len(refusal_reasons()) == 6


def test_returns_without_our_state_from_many_addresses_are_noted_at_most_sixty_times_a_minute(
    client, db, provider_set_up, caplog
):
    for n in range(70):
        client.get("/accounts/oidc/cis2/login/callback/", REMOTE_ADDR=f"10.0.{n // 250}.{n % 250}")
    assert len(refusal_reasons()) == 60
    assert len(security_lines(caplog)) == 60 * 2 + 1


def test_errors_the_provider_returns_with_our_state_are_noted_the_first_few_a_minute(client, db, provider_set_up):
    """A return with the state this browser was given needs only an anonymous POST first, so it can be repeated
    at will: the first 5 a minute from an address are audited, and the rest get the same page, unnoted."""
    from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

    discovered = {"authorization_endpoint": CLOSED_PORT + "/auth", "token_endpoint": CLOSED_PORT + "/token"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(OpenIDConnectOAuth2Adapter, "openid_config", discovered)
        for _ in range(8):
            state = client.post("/accounts/oidc/cis2/login/")["Location"].split("state=")[1].split("&")[0]
            back = client.get(f"/accounts/oidc/cis2/login/callback/?error=access_denied&state={state}")
            assert back.status_code == 403
    assert refusal_reasons() == ["provider_error"] * 5


# --- the button keeps where someone was going, if it is on this site (review 21, finding 10) -----------------------


@pytest.mark.parametrize(
    ("next_url", "action"),
    [
        ("/people/?q=Okafor", "/accounts/oidc/cis2/login/?process=login&amp;next=%2Fpeople%2F%3Fq%3DOkafor"),
        ("https://elsewhere.example/", "/accounts/oidc/cis2/login/?process=login"),
        ("//elsewhere.example/people/", "/accounts/oidc/cis2/login/?process=login"),
        ("", "/accounts/oidc/cis2/login/?process=login"),
    ],
)
def test_the_care_identity_button_keeps_a_next_address_only_on_this_site(client, db, provider_set_up, next_url, action):
    page = client.get(reverse("account_login"), {"next": next_url} if next_url else {}).content.decode()
    assert f'<form method="post" action="{action}">' in page


def test_the_next_address_is_where_the_sign_in_goes_after_the_provider(client, db, provider_set_up):
    from allauth.socialaccount.internal.statekit import STATES_SESSION_KEY
    from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

    discovered = {"authorization_endpoint": CLOSED_PORT + "/auth", "token_endpoint": CLOSED_PORT + "/token"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(OpenIDConnectOAuth2Adapter, "openid_config", discovered)
        assert client.post("/accounts/oidc/cis2/login/?process=login&next=%2Fpeople%2F").status_code == 302
    [(state, _, _)] = client.session[STATES_SESSION_KEY].values()
    assert state["next"] == "/people/"
