"""Every password page allauth leaves in place answers GET and POST without a 500, and none sends email.

The service has no email server, like a real deployment that sends messages only through GOV.UK Notify: the
fixture below points Django's mail at a port where nothing listens, so any attempt to send would fail the page.
"""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse

from alongside.core.tests.factories import PASSWORD, UserFactory

HELP = "If you have forgotten your password"


@pytest.fixture(autouse=True)
def no_mail_server(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 1},
        }
    }


@pytest.fixture
def signed_in_user(client, member):
    user = member("clinician")
    client.force_login(user)
    return user


def set_password_link(user) -> str:
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/password/reset/", "/accounts/password/reset/done/"])
def test_asking_for_a_reset_says_to_ask_the_service_desk(client, path):
    user = UserFactory(email="sam.jones@example.nhs.uk")
    for response in (client.get(path), client.post(path, {"email": user.email})):
        assert response.status_code == 200
        content = response.content.decode()
        assert HELP in content and "IT service desk or your team leader" in content
        assert 'name="email"' not in content


def test_asking_for_a_reset_while_signed_in_says_the_same(client, signed_in_user):
    for response in (client.get("/accounts/password/reset/"), client.post("/accounts/password/reset/", {})):
        assert response.status_code == 200 and HELP in response.content.decode()


@pytest.mark.django_db
def test_the_sign_in_page_links_to_what_to_do_about_a_forgotten_password(client):
    content = client.get(reverse("account_login")).content.decode()
    assert 'href="/accounts/password/reset/">Forgotten your password?</a>' in content


@pytest.mark.django_db
def test_an_administrators_link_still_sets_a_password(client):
    user = UserFactory()
    form = client.get(set_password_link(user), follow=True)
    assert form.status_code == 200 and "Set your password" in form.content.decode()
    new_password = "a-long-new-password-4821"
    done = client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password}, follow=True)
    assert done.status_code == 200 and done.redirect_chain[-1][0] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(new_password)


@pytest.mark.django_db
def test_a_used_or_made_up_link_says_it_no_longer_works(client):
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "made-up"})
    for response in (client.get(path), client.post(path, {"password1": "x", "password2": "x"})):
        assert response.status_code == 200
        assert "This link no longer works" in response.content.decode()


@pytest.mark.django_db
def test_the_page_after_setting_a_password_answers_get_and_post(client):
    path = reverse("account_reset_password_from_key_done")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_change_password", "account_set_password"])
def test_changing_a_password_needs_sign_in(client, name):
    for response in (client.get(reverse(name)), client.post(reverse(name), {})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_signed_in_user_changes_their_password(client, signed_in_user):
    path = reverse("account_change_password")
    assert client.get(path).status_code == 200
    wrong = client.post(path, {"oldpassword": "wrong", "password1": "x", "password2": "x"})
    assert wrong.status_code == 200 and "There is a problem" in wrong.content.decode()
    new_password = "another-long-password-7302"
    changed = client.post(path, {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password})
    assert changed.status_code == 302
    signed_in_user.refresh_from_db()
    assert signed_in_user.check_password(new_password)


def test_setting_a_password_is_for_accounts_without_one(client, signed_in_user):
    path = reverse("account_set_password")
    assert client.get(path)["Location"] == reverse("account_change_password")
    assert client.post(path, {})["Location"] == reverse("account_change_password")
    signed_in_user.set_unusable_password()
    signed_in_user.save()
    client.force_login(signed_in_user)
    assert client.get(path).status_code == 200
    new_password = "a-third-long-password-5519"
    assert client.post(path, {"password1": new_password, "password2": new_password}).status_code == 302
    signed_in_user.refresh_from_db()
    assert signed_in_user.check_password(new_password)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/email/", "/accounts/confirm-email/", "/accounts/confirm-email/abc123/"])
def test_email_address_pages_are_not_part_of_the_service(client, member, path):
    for signed_in in (False, True):
        if signed_in:
            client.force_login(member("clinician"))
        assert client.get(path).status_code == 404
        assert client.post(path, {"email": "someone@example.org", "action_add": ""}).status_code == 404
