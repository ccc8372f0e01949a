"""Administrators add accounts; the new user sets their own password through a one-time link."""

import re
import uuid

from django.urls import reverse

from alongside.core.models import AuditEvent, User
from alongside.core.tests.factories import UserFactory
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory


def test_adding_an_account_then_setting_a_password_through_the_link(admin, client):
    data = {
        "first_name": "Nia",
        "last_name": "Okafor",
        "username": "nia.okafor",
        "email": "",
        "form_key": str(uuid.uuid4()),
    }
    response = client.post(reverse("partners:new_user_account"), data)
    user = User.objects.get(username="nia.okafor")
    assert response["Location"] == reverse("partners:user_account", args=[user.pk])
    assert not user.has_usable_password()
    assert client.post(reverse("partners:new_user_account"), data).status_code == 302
    assert User.objects.filter(username="nia.okafor").count() == 1

    page = client.post(reverse("partners:password_link", args=[user.pk])).content.decode()
    link = re.search(r"http://testserver(/accounts/password/reset/key/[^<\s]+)", page).group(1)
    assert AuditEvent.objects.filter(action="password_link_made", object_id="nia.okafor").exists()

    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a-long-new-password-4821"
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
    )
    user.refresh_from_db()
    assert user.check_password(new_password)
    used = client.get(link, follow=True).content.decode()
    assert "This link no longer works" in used and "Ask your administrator for a new link" in used


def test_bad_usernames_are_explained_and_nothing_typed_is_lost(admin, client):
    UserFactory(username="asha.patel")
    data = {
        "first_name": "Asha",
        "last_name": "",
        "username": "Asha Patel!",
        "email": "not-an-email",
        "form_key": str(uuid.uuid4()),
    }
    content = client.post(reverse("partners:new_user_account"), data).content.decode()
    assert "Enter their last name" in content
    assert "A username has only lower-case letters" in content
    assert "Enter an email address in the correct format" in content
    assert 'value="Asha"' in content and 'value="not-an-email"' in content
    data |= {"last_name": "Patel", "username": "asha.patel", "email": ""}
    assert (
        "The username asha.patel is already taken"
        in client.post(reverse("partners:new_user_account"), data).content.decode()
    )


def test_only_administrators_manage_accounts(signed_in, client):
    signed_in("team_leader")
    assert client.get(reverse("partners:user_accounts")).status_code == 403
    assert client.post(reverse("partners:password_link", args=[UserFactory().pk])).status_code == 403


def test_the_account_list_searches_and_keeps_a_constant_number_of_queries(admin, client, django_assert_max_num_queries):
    UserFactory.create_batch(60)
    UserFactory(first_name="Zofia", last_name="Nowak")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("partners:user_accounts"), {"q": "nowak"})
    assert "1 account matching" in response.content.decode() and "Zofia Nowak" in response.content.decode()
    assert "Next" in client.get(reverse("partners:user_accounts")).content.decode()


def test_a_password_link_is_made_only_by_an_administrator_of_every_organisation_the_account_works_in(client, member):
    """A set-a-password link hands the account to whoever holds it: an administrator elsewhere, or of only one of
    its organisations, gets the site's 404 and no button; nor may anyone make one for a superuser; for someone
    supported or a proxy, only an administrator of an organisation that cares for the person."""
    colleague = member("clinician", username="sam.okoro")
    here = colleague.memberships.get().team
    client.force_login(member("admin", team=here))
    elsewhere = member("clinician", team=TeamFactory(organisation=OrganisationFactory()), username="ali.khan")
    both = member("clinician", team=here, username="jo.reid")
    MembershipFactory(user=both, role="clinician", team=TeamFactory(organisation=OrganisationFactory()))
    superuser = member("clinician", team=here, username="root.user", is_superuser=True)
    new_account = UserFactory(username="new.starter")  # no team yet: any administrator sets them up
    # Someone supported, and a proxy, have no team: a link for them is made where a team cares for the person.
    supported = PersonFactory(user=UserFactory(username="cared.for.elsewhere")).user
    proxy = UserFactory(username="proxy.elsewhere")
    CareRelationship.objects.create(person=supported.person, kind=CareRelationship.Kind.PROXY, user=proxy)
    cared_for_here = PersonFactory(user=UserFactory(username="cared.for.here"))
    CareRelationship.objects.create(person=cared_for_here, kind=CareRelationship.Kind.TEAM_CASELOAD, team=here)
    proxy_here = UserFactory(username="proxy.here")
    CareRelationship.objects.create(person=cared_for_here, kind=CareRelationship.Kind.PROXY, user=proxy_here)

    def link(account):
        return client.post(reverse("partners:password_link", args=[account.pk]))

    def page(account):
        return client.get(reverse("partners:user_account", args=[account.pk])).content.decode()

    assert link(colleague).status_code == 200 and "Make a link to set a password" in page(colleague)
    assert link(new_account).status_code == 200
    assert link(cared_for_here.user).status_code == 200 and link(proxy_here).status_code == 200
    for account in (elsewhere, both, superuser, supported, proxy):
        assert link(account).status_code == 404
        assert "Make a link to set a password" not in page(account)
    assert "Only an administrator of every organisation they have a team in" in page(elsewhere)
    assert "cannot be made for this account here" in page(superuser)
    made = AuditEvent.objects.filter(action="password_link_made").values_list("object_id", flat=True)
    assert sorted(made) == ["cared.for.here", "new.starter", "proxy.here", "sam.okoro"]
