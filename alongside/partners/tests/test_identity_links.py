"""Administrators link an account to its NHS Care Identity (the user ID it signs in with), and unlink it.

Only an administrator of every organisation the account has a team in may, never for a superuser or Django
staff; unlinking signs the account out everywhere, and stays possible once its teams have ended. The link is
checked before it is made, a user ID linked elsewhere is refused with the NHS.UK error summary, and each change is
audited once. Where no OpenID provider is set up, none of it is there.
"""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from alongside.config.settings import openid_connect_providers
from alongside.core.models import AuditEvent
from alongside.partners.care_identity_ids import USER_ID
from alongside.partners.identity_links import BAD_USER_ID
from alongside.partners.models import Role
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory


@pytest.fixture(autouse=True)
def provider_set_up(settings):
    """As OIDC_SERVER_URL would: these pages are there only where sign-in through the provider is set up."""
    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers("https://cis2.example.nhs.uk/oauth2", ["AAL3_TEST"])


@pytest.fixture
def colleague(member):
    """Someone with a team in an organisation; its administrator, signed in, is `admin_there`."""
    return member("clinician", first_name="Sam", last_name="Okoro", username="sam.okoro")


@pytest.fixture
def admin_there(client, member, colleague):
    admin = member("admin", team=colleague.memberships.get().team)
    client.force_login(admin)
    return admin


def link_page(account):
    return reverse("partners:care_identity", args=[account.pk])


def test_linking_checks_the_user_id_first_then_links_it_and_audits(client, admin_there, colleague):
    page = client.get(reverse("partners:user_account", args=[colleague.pk])).content.decode()
    assert "Not linked" in page and link_page(colleague) in page

    check = client.post(link_page(colleague), {"uid": " 5550 1234 5678 "})
    assert check.status_code == 200
    assert "<title>Check before you link it" in check.content.decode() and "555012345678" in check.content.decode()
    assert not SocialAccount.objects.exists()

    done = client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"})
    assert done["Location"] == reverse("partners:user_account", args=[colleague.pk])
    identity = SocialAccount.objects.get()
    assert (identity.user, identity.provider, identity.uid) == (colleague, "cis2", "555012345678")
    event = AuditEvent.objects.get(action="oidc_identity_linked")
    assert event.actor == admin_there and event.object_id == "sam.okoro" and event.detail["uid"] == "555012345678"

    # Pressed twice: nothing more is made or audited, and the page now offers unlinking.
    again = client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"})
    assert again.status_code == 302
    assert SocialAccount.objects.count() == 1 and AuditEvent.objects.filter(action="oidc_identity_linked").count() == 1
    page = client.get(reverse("partners:user_account", args=[colleague.pk])).content.decode()
    assert "555012345678" in page and reverse("partners:unlink_care_identity", args=[colleague.pk]) in page


def test_change_on_the_check_page_keeps_what_was_typed(client, admin_there, colleague):
    page = client.post(link_page(colleague), {"uid": "555012345678", "change": "1"}).content.decode()
    assert "<title>Link their NHS Care Identity" in page and 'value="555012345678"' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter their NHS Care Identity user ID"),
        ("555<script>", "letters, numbers and - . _ : @ | only"),
        ("x" * 201, "at most 200 characters"),
    ],
)
def test_a_bad_user_id_is_refused_with_the_error_summary_keeping_what_was_typed(
    client, admin_there, colleague, typed, message
):
    answer = client.post(link_page(colleague), {"uid": typed})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "<title>Error: Link their NHS Care Identity" in page and "There is a problem" in page and message in page
    assert not SocialAccount.objects.exists()


def test_a_user_id_linked_to_someone_else_is_refused(client, admin_there, colleague, member):
    other = member("clinician")
    SocialAccount.objects.create(user=other, provider="cis2", uid="555012345678")
    page = client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"}).content.decode()
    assert "There is a problem" in page and "already linked to another account" in page
    assert other.username not in page  # the other account is not named
    assert SocialAccount.objects.get().user == other
    assert not AuditEvent.objects.filter(action="oidc_identity_linked").exists()


def test_unlinking_asks_first_then_unlinks_and_audits(client, admin_there, colleague):
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    unlink_page = reverse("partners:unlink_care_identity", args=[colleague.pk])
    page = client.get(unlink_page).content.decode()
    assert "<title>Unlink their NHS Care Identity" in page and "555012345678" in page
    assert SocialAccount.objects.exists()

    assert client.post(unlink_page)["Location"] == reverse("partners:user_account", args=[colleague.pk])
    assert not SocialAccount.objects.exists()
    event = AuditEvent.objects.get(action="oidc_identity_unlinked")
    assert event.actor == admin_there and event.detail["uid"] == "555012345678"
    assert client.post(unlink_page).status_code == 302  # again: nothing more happens
    assert AuditEvent.objects.filter(action="oidc_identity_unlinked").count() == 1


def test_an_administrator_of_another_organisation_finds_the_pages_missing(client, member, colleague):
    elsewhere = TeamFactory(organisation=OrganisationFactory())
    client.force_login(member("admin", team=elsewhere))
    page = client.get(reverse("partners:user_account", args=[colleague.pk])).content.decode()
    assert "Only an administrator of every organisation they have a team in can link it" in page
    assert client.get(link_page(colleague)).status_code == 404
    assert client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"}).status_code == 404
    assert not SocialAccount.objects.exists()


def unlink_page(account):
    return reverse("partners:unlink_care_identity", args=[account.pk])


def end_memberships(account):
    for membership in account.memberships.all():
        membership.ended_at = membership.started_at
        membership.save()


def test_an_account_with_no_team_now_cannot_be_linked_but_can_still_be_unlinked(client, admin_there, colleague):
    end_memberships(colleague)
    assert client.get(link_page(colleague)).status_code == 404
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    page = client.get(reverse("partners:user_account", args=[colleague.pk])).content.decode()
    assert unlink_page(colleague) in page
    assert client.post(unlink_page(colleague)).status_code == 302
    assert not SocialAccount.objects.exists()


def test_an_account_whose_teams_ended_elsewhere_is_unlinked_only_by_their_administrators(client, member, colleague):
    end_memberships(colleague)
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    client.force_login(member("admin", team=TeamFactory(organisation=OrganisationFactory())))
    assert client.post(unlink_page(colleague)).status_code == 404
    assert SocialAccount.objects.exists()


@pytest.mark.parametrize("kind", ["is_superuser", "is_staff"])
def test_no_administrator_may_link_or_unlink_a_superuser_or_django_staff(client, admin_there, colleague, kind):
    setattr(colleague, kind, True)
    colleague.save()
    assert client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"}).status_code == 404
    assert not SocialAccount.objects.exists()
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    assert client.post(unlink_page(colleague)).status_code == 404
    assert SocialAccount.objects.exists()
    page = client.get(reverse("partners:user_account", args=[colleague.pk])).content.decode()
    assert unlink_page(colleague) not in page


def test_an_account_in_two_organisations_needs_an_administrator_of_both(client, member, admin_there, colleague):
    other_organisation = TeamFactory(organisation=OrganisationFactory())
    MembershipFactory(user=colleague, team=other_organisation)
    # The administrator of only one of them may neither link nor unlink.
    assert client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"}).status_code == 404
    assert not SocialAccount.objects.exists()
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    assert client.post(unlink_page(colleague)).status_code == 404
    assert SocialAccount.objects.exists()
    # An administrator of both may.
    MembershipFactory(user=admin_there, team=other_organisation, role=Role.ADMIN)
    assert client.post(unlink_page(colleague)).status_code == 302
    assert not SocialAccount.objects.exists()
    assert client.post(link_page(colleague), {"uid": "555012345678", "confirm": "1"}).status_code == 302
    assert SocialAccount.objects.get().user == colleague


def test_unlinking_signs_the_account_out_everywhere(client, admin_there, colleague, member):
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    theirs, someone_elses = Client(), Client()
    theirs.force_login(colleague)
    someone_elses.force_login(member("clinician"))
    assert theirs.get(reverse("partners:my_teams")).status_code == 200
    sessions_before = Session.objects.count()

    assert client.post(unlink_page(colleague)).status_code == 302
    assert theirs.get(reverse("partners:my_teams")).status_code == 302  # sent to sign in
    assert someone_elses.get(reverse("partners:my_teams")).status_code == 200
    assert Session.objects.count() == sessions_before - 1  # the administrator stays signed in too
    assert AuditEvent.objects.get(action="oidc_identity_unlinked").detail["sessions_ended"] == 1


def test_an_administrator_cannot_link_their_own_account(client, admin_there):
    assert client.get(link_page(admin_there)).status_code == 404


def test_a_team_leader_may_not_link(client, member, colleague):
    client.force_login(member(Role.TEAM_LEADER, team=colleague.memberships.get().team))
    assert client.get(link_page(colleague)).status_code == 403
    assert client.post(link_page(colleague), {"uid": "5", "confirm": "1"}).status_code == 403


def test_the_user_account_page_reads_in_a_constant_number_of_queries(
    client, admin_there, colleague, django_assert_max_num_queries
):
    MembershipFactory(user=colleague)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("partners:user_account", args=[colleague.pk])).status_code == 200


def test_where_no_provider_is_set_up_the_section_and_both_pages_are_not_there(client, admin_there, colleague, settings):
    SocialAccount.objects.create(user=colleague, provider="cis2", uid="555012345678")
    account_page = reverse("partners:user_account", args=[colleague.pk])
    assert "NHS Care Identity" in client.get(account_page).content.decode()  # set up (this module's settings)

    settings.SOCIALACCOUNT_PROVIDERS = {}  # OIDC_SERVER_URL unset: the demo and most installs
    answer = client.get(account_page)
    assert answer.status_code == 200 and "NHS Care Identity" not in answer.content.decode()
    for page in (link_page(colleague), unlink_page(colleague)):
        missing = client.get(page)
        assert missing.status_code == 404 and "<title>Page not found" in missing.content.decode()
        assert client.post(page, {"uid": "555012345679", "confirm": "1"}).status_code == 404
    assert SocialAccount.objects.get().uid == "555012345678"  # neither unlinked nor changed
    assert not AuditEvent.objects.filter(action__startswith="oidc_identity").exists()


def test_the_message_for_a_bad_user_id_names_every_mark_a_user_id_may_have():
    marks = re.fullmatch(r"\[A-Za-z0-9(.+)\]\{.*\}", USER_ID.pattern).group(1)
    named = BAD_USER_ID.split("letters, numbers and ")[1].removesuffix(" only").split(" ")
    assert sorted(named) == sorted(marks)
