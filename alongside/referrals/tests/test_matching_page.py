"""The matching page ("Who is this referral about?") shows how each possible match compares with the referral,
never the match's own details, and is never used by the person who wrote the referral (ADR 0016)."""

import re
from datetime import date

import pytest

from alongside.consent.models import ConsentProvision
from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import OrganisationFactory
from alongside.people.models import Person
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

# What the referral says: shown on the page, as the officer compares with it.
SAID = {
    "given_name": "Ada",
    "family_name": "Okafor",
    "birth_date": date(1941, 3, 12),
    "postcode": "NV1 2AB",
    "nhs_number": "9992748168",
}


@pytest.fixture
def officer(member, spa_team):
    return member("spa_triage", team=spa_team, first_name="Tom", last_name="Ade")


@pytest.fixture
def colleague(member, spa_team):
    return member("spa_triage", team=spa_team, first_name="Una", last_name="Colleague")


@pytest.fixture
def strangers():
    """Two people the referral might be about, each with details that cannot appear on the page by chance.

    The first has the referral's NHS number and nothing else of it, and asked that their identity is not shared
    with the single point of access's organisation; the second has the referral's date of birth only.
    """
    practice = OrganisationFactory(name="Marshwiggle Surgery", kind=Organisation.Kind.GP_PRACTICE)
    first = PersonFactory(
        given_name="Philomena",
        family_name="Quaxley",
        birth_date=date(1917, 11, 23),
        postcode="ZE3 9QX",
        nhs_number=SAID["nhs_number"],
        gp_practice=practice,
    )
    second = PersonFactory(
        given_name="Ermintrude",
        family_name="Okafer",
        birth_date=SAID["birth_date"],
        postcode="KW17 2YZ",
        nhs_number="9996183076",
        gp_practice=OrganisationFactory(name="Puddleglum Health Centre", kind=Organisation.Kind.GP_PRACTICE),
    )
    return first, second


def withhold_identity(person, organisation):
    ConsentProvision.objects.create(
        person=person, permit=False, actor_kind="organisation", organisation=organisation, categories=["identity"]
    )


def test_the_page_shows_how_each_match_compares_but_never_their_own_details(client, officer, spa_team, strangers):
    first, second = strangers
    withhold_identity(first, spa_team.organisation)
    referral = ReferralFactory(**SAID)
    client.force_login(officer)
    response = client.get(f"/referrals/{referral.pk}/person/")
    assert response.status_code == 200
    html, page = response.content.decode(), texts(response)
    born = first.birth_date  # the second shares the referral's date of birth, and the first its NHS number
    never = [born.isoformat(), f"{born.day} {born:%B %Y}", f"{born:%d/%m/%Y}", str(born.year), "9996183076"]
    never += ["999 618 3076", "KW17", "ZE3"]
    for person in strangers:
        never += [person.given_name, person.family_name, person.postcode, person.gp_practice.name]
    assert not [value for value in never if value in html or value in page]
    # What the referral says is shown, to compare with.
    assert "Okafor" in page and "12 March 1941" in page and "999 274 8168" in page and "NV1 2AB" in page
    # Each match is labelled plainly, with one line for each detail.
    assert "Possible match 1" in page and "Possible match 2" in page
    assert "NHS number matches Date of birth differs Family name differs First name differs Postcode differs" in page
    assert "NHS number differs Same date of birth Similar family name First name differs Postcode differs" in page


def test_a_detail_missing_from_the_referral_or_the_record_is_not_known(client, officer):
    PersonFactory(given_name="Ada", family_name="Okafor", birth_date=SAID["birth_date"], postcode="", nhs_number=None)
    referral = ReferralFactory(**(SAID | {"nhs_number": ""}))
    client.force_login(officer)
    page = texts(client.get(f"/referrals/{referral.pk}/person/"))
    assert "NHS number not known Same date of birth Same family name Same first name Postcode not known" in page


def test_matching_is_audited_as_a_read_about_each_match_with_its_basis(client, officer, strangers):
    referral = ReferralFactory(**SAID)
    client.force_login(officer)
    client.get(f"/referrals/{referral.pk}/person/")
    shown = AuditEvent.objects.filter(actor=officer, action="referral_candidate_shown").order_by("pk")
    assert [(e.person_id, e.basis, e.detail) for e in shown] == [
        (strangers[1].pk, "referral matching", {"referral": referral.pk, "rank": 1}),  # date of birth, family name
        (strangers[0].pk, "referral matching", {"referral": referral.pk, "rank": 2}),  # NHS number alone
    ]


def test_the_writer_of_a_referral_cannot_see_its_matches(client, officer, strangers):
    referral = ReferralFactory(**SAID, referrer_user=officer)
    client.force_login(officer)
    response = client.get(f"/referrals/{referral.pk}/person/")
    assert response.status_code == 403
    page = texts(response)
    assert "A colleague will confirm who this is" in page
    assert "Another person in the single point of access team will do it" in page
    assert "stays in the queue for them" in page
    assert "Possible match" not in page and "NHS number matches" not in page
    assert not AuditEvent.objects.filter(action="referral_candidate_shown").exists()
    refused = AuditEvent.objects.get(actor=officer, action="denied:referral_matching")
    assert (refused.object_id, refused.basis) == (str(referral.pk), "referrer")


@pytest.mark.parametrize("chosen", ["first", "new"])
def test_the_writer_of_a_referral_cannot_confirm_who_it_is_about(client, officer, strangers, chosen):
    referral = ReferralFactory(**(SAID | {"nhs_number": ""}), referrer_user=officer)
    people = Person.objects.count()
    client.force_login(officer)
    person = strangers[0].pk if chosen == "first" else "new"
    response = client.post(f"/referrals/{referral.pk}/person/", {"person": person, "version": referral.version})
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "received" and referral.person is None and Person.objects.count() == people
    assert AuditEvent.objects.filter(actor=officer, action="denied:referral_matching").count() == 1
    assert not AuditEvent.objects.filter(action__in=["referral_candidate_shown", "referral_confirm_person"]).exists()


def test_the_actions_themselves_refuse_the_writer_whatever_calls_them(rf, officer, strangers):
    """Defence in depth: the page refuses first, and so do the actions any other caller would use."""
    from django.core.exceptions import PermissionDenied

    from alongside.core.middleware import attach_roles
    from alongside.referrals import actions

    referral = ReferralFactory(**(SAID | {"nhs_number": ""}), referrer_user=officer)
    request = rf.post("/")
    request.user = officer
    attach_roles(request, officer)
    with pytest.raises(PermissionDenied):
        actions.confirm_person(request, referral.pk, strangers[0].pk, referral.version)
    with pytest.raises(PermissionDenied):
        actions.create_person(request, referral.pk, referral.version)
    referral.refresh_from_db()
    assert referral.person is None


def test_a_colleague_confirms_who_the_referral_is_about(client, officer, colleague, strangers):
    referral = ReferralFactory(**SAID, referrer_user=officer)
    client.force_login(colleague)
    assert "Possible match 1" in texts(client.get(f"/referrals/{referral.pk}/person/"))
    response = client.post(
        f"/referrals/{referral.pk}/person/", {"person": strangers[0].pk, "version": referral.version}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.person == strangers[0] and referral.status == "triaged"
    assert AuditEvent.objects.filter(actor=colleague, action="referral_confirm_person").count() == 1


def test_the_queue_and_the_referral_tell_the_writer_a_colleague_confirms_who_it_is(client, officer, colleague):
    referral = ReferralFactory(**SAID, referrer_user=officer)
    client.force_login(officer)
    queue = texts(client.get("/referrals/"))
    assert "You wrote it: a colleague confirms who it is about" in queue
    shown = texts(client.get(f"/referrals/{referral.pk}/"))
    assert "You wrote this referral, so a colleague in the single point of access team confirms who" in shown
    assert "It stays in the queue for them" in shown and "Confirm who this is" not in shown
    client.force_login(colleague)
    assert "You wrote it" not in texts(client.get("/referrals/"))
    shown = texts(client.get(f"/referrals/{referral.pk}/"))
    assert "Confirm who this is" in shown and "You wrote this referral" not in shown


def test_a_referral_matched_on_arrival_does_not_name_the_person_before_it_is_confirmed(client, officer, strangers):
    referral = ReferralFactory(**SAID, person=strangers[0], matched_by="nhs_number")
    client.force_login(officer)
    shown = texts(client.get(f"/referrals/{referral.pk}/"))
    assert "The NHS number matches someone we know" in shown and "Philomena" not in shown
    page = texts(client.get(f"/referrals/{referral.pk}/person/"))
    assert "Matched when the referral arrived" in page and "Philomena" not in page


def test_a_new_record_for_a_known_nhs_number_is_refused_with_the_error_summary(client, officer, strangers):
    referral = ReferralFactory(**SAID)
    client.force_login(officer)
    response = client.post(f"/referrals/{referral.pk}/person/", {"person": "new", "version": referral.version})
    page = texts(response)
    assert response.status_code == 200
    assert re.search(r"<title>Error: Who is this referral about\? ", response.content.decode())
    assert "There is a problem" in page and "Someone already known has this NHS number" in page
    assert Referral.objects.get(pk=referral.pk).person is None


def test_nothing_is_chosen_for_the_officer_and_a_page_left_open_changes_nothing(client, officer, colleague, strangers):
    referral = ReferralFactory(**SAID)
    client.force_login(officer)
    assert not re.search(r"<input[^>]* checked", client.get(f"/referrals/{referral.pk}/person/").content.decode())
    client.force_login(colleague)
    client.post(f"/referrals/{referral.pk}/person/", {"person": strangers[1].pk, "version": referral.version})
    client.force_login(officer)
    stale = client.post(
        f"/referrals/{referral.pk}/person/", {"person": strangers[0].pk, "version": referral.version}, follow=True
    )
    assert Referral.objects.get(pk=referral.pk).person == strangers[1]
    assert "can only be confirmed while it is waiting for triage" in texts(stale)


def test_a_page_older_than_the_referral_is_refused_and_changes_nothing(client, officer, strangers):
    referral = ReferralFactory(**SAID, version=3)
    client.force_login(officer)
    stale = client.post(f"/referrals/{referral.pk}/person/", {"person": strangers[0].pk, "version": 2}, follow=True)
    assert "Someone else changed this referral while you were looking at it" in texts(stale)
    assert Referral.objects.get(pk=referral.pk).person is None
