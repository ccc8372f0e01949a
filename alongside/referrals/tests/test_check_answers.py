"""The staff referral form ends with a check-your-answers page; a referral started from a person's record begins
with what the record says, so that nothing is typed twice."""

import re
from datetime import date

import pytest

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.people.tests.factories import PersonFactory, RelationshipFactory
from alongside.referrals.models import Referral
from alongside.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

TYPED = {
    "source": "gp",
    "given_name": "Ada",
    "family_name": "Okafor",
    "birth_date_day": "12",
    "birth_date_month": "3",
    "birth_date_year": "1941",
    "postcode": "NV1 2AB",
    "reason": "Three falls this month.\nLives alone.",
    "urgency": "soon",
    "person_agrees": "yes",
    "action": "send",
}


def form_key(client, url="/referrals/new/"):
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_the_answers_are_shown_back_with_change_links_that_keep_everything_typed(client, member):
    client.force_login(member("gp"))
    check = client.post("/referrals/new/", TYPED | {"form_key": form_key(client)})
    page = client.get(check["Location"])
    shown = texts(page)
    assert "Check your answers before sending the referral" in shown
    for answer in ("Ada", "Okafor", "12 March 1941", "NV1 2AB", "Three falls this month. Lives alone.", "Soon"):
        assert answer in shown
    assert "Change last name" in shown and "Change date of birth" in shown
    change = re.search(r'href="([^"]+#id_family_name)"', page.content.decode()).group(1).replace("&amp;", "&")
    assert change.startswith("/referrals/new/?answers=")
    again = client.get(change).content.decode()
    assert 'value="Okafor"' in again and 'value="NV1 2AB"' in again and "Three falls this month." in again
    assert "There is a problem" not in texts(client.get(change))
    anchors = set(re.findall(r'href="/referrals/new/\?answers=\w+#([\w-]+)"', page.content.decode()))
    assert len(anchors) == 18
    for anchor in anchors:  # every Change link goes back to its own question
        assert f'id="{anchor}"' in again, anchor
    assert not Referral.objects.exists()
    client.post(check["Location"])
    assert Referral.objects.get().reason == "Three falls this month.\nLives alone."


def test_an_incomplete_referral_never_reaches_the_check_page(client, member):
    client.force_login(member("gp"))
    response = client.post("/referrals/new/", TYPED | {"reason": "", "form_key": form_key(client)})
    assert response.status_code == 200 and "Enter why you are making this referral" in texts(response)


def test_an_unknown_or_used_check_page_says_so_without_an_error(client, member):
    client.force_login(member("gp"))
    response = client.get("/referrals/new/check/not-a-key/")
    assert response.status_code == 302 and response["Location"] == "/referrals/mine/"


def test_a_finished_draft_is_checked_before_it_is_sent(client, member):
    gp = member("gp")
    client.force_login(gp)
    draft = ReferralFactory(status="draft", received_at=None, referrer_user=gp, given_name="Ada")
    check = client.post(f"/referrals/{draft.pk}/edit/", TYPED | {"version": draft.version})
    assert "/referrals/new/check/" in check["Location"]
    assert f"/referrals/{draft.pk}/edit/?answers=" in client.get(check["Location"]).content.decode()
    client.post(check["Location"])
    draft.refresh_from_db()
    assert draft.status == "received" and draft.family_name == "Okafor"


def test_refer_from_a_record_the_gp_can_see_fills_in_what_the_record_says(client, member):
    gp = member("gp")
    person = PersonFactory(
        given_name="Ada",
        family_name="Okafor",
        birth_date=date(1941, 3, 12),
        nhs_number="9991234519",
        address_line="3 Mill Lane",
        postcode="NV1 2AB",
    )
    RelationshipFactory(person=person, user=gp, kind="care_team")
    client.force_login(gp)
    page = client.get(f"/referrals/new/?person={person.pk}").content.decode()
    for value in ('value="Ada"', 'value="Okafor"', 'value="9991234519"', 'value="3 Mill Lane"', 'value="NV1 2AB"'):
        assert value in page
    assert 'value="1941"' in page
    assert AuditEvent.objects.filter(action="referral_started_from_record", person_id=person.pk).exists()


def test_refer_from_a_record_the_user_may_not_see_is_refused_like_a_missing_one(client, member):
    client.force_login(member("gp"))
    stranger = PersonFactory(given_name="Zed")
    for person in (str(stranger.pk), "2147483647", "nonsense"):
        assert client.get(f"/referrals/new/?person={person}").status_code == 404
    assert AuditEvent.objects.filter(action="denied:referral_started_from_record", person_id=stranger.pk).exists()
