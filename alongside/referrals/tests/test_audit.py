"""Every look at a referral is in the audit trail, once; so is every refusal, and every candidate shown."""

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.partners.models import Team
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory
from alongside.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

PAGES = {
    "referral_viewed": "/referrals/{pk}/",
    "referral_decision_viewed": "/referrals/{pk}/decision/",
    "referral_matching_viewed": "/referrals/{pk}/person/",
}


@pytest.mark.parametrize(("action", "path"), list(PAGES.items()))
def test_each_page_of_a_referral_is_one_audit_event_with_its_basis(client, member, action, path):
    person = PersonFactory()
    referral = ReferralFactory(person=person)
    officer = member("spa_triage", team=TeamFactory(kind=Team.Kind.SPA))
    client.force_login(officer)
    assert client.get(path.format(pk=referral.pk)).status_code == 200
    events = AuditEvent.objects.filter(actor=officer, object_type="referral", object_id=str(referral.pk))
    assert list(events.values_list("action", "basis", "person_id")) == [(action, "single point of access", person.pk)]


def test_a_refused_look_is_audited_and_answers_like_a_missing_page(client, member):
    referral = ReferralFactory(status="accepted", team=TeamFactory(), person=PersonFactory(), decided_at=timezone.now())
    nosy = member("clinician")
    client.force_login(nosy)
    refused = client.get(f"/referrals/{referral.pk}/")
    missing = client.get("/referrals/999999/")
    assert refused.status_code == missing.status_code == 404
    assert (
        AuditEvent.objects.filter(actor=nosy, action="denied:referral_viewed", object_id=str(referral.pk)).count() == 1
    )


def test_the_referrer_s_own_list_is_audited_row_by_row(client, member):
    gp = member("gp")
    ReferralFactory.create_batch(3, referrer_user=gp)
    client.force_login(gp)
    client.get("/referrals/mine/")
    listed = AuditEvent.objects.filter(actor=gp, action="referral_listed_by_referrer")
    assert listed.count() == 3 and set(listed.values_list("basis", flat=True)) == {"referrer"}
