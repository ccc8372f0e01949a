"""Community referrals made for the reports' tests, in any state and at any time, straight into the database: the
reports count them and never read the person."""

import uuid
from datetime import timedelta

from django.utils import timezone

from alongside.directory.referring_models import CommunityReferral
from alongside.directory.referring_queries import token_for
from alongside.partners.tests.factories import MembershipFactory
from alongside.people.tests.factories import PersonFactory


def make_referral(service, team, status="sent", sent_at=None, answered_at=None, referrer=None) -> CommunityReferral:
    """A referral to the service by someone in the team, sent at a time (now unless said), standing at `status`,
    answered at a time (for any status but sent; a day after sending unless said)."""
    sent_at = sent_at or timezone.now()
    if status != "sent" and answered_at is None:
        answered_at = sent_at + timedelta(days=1)
    referrer = referrer or MembershipFactory(role="clinician", team=team).user
    form_key = uuid.uuid4()
    return CommunityReferral.objects.create(
        person=PersonFactory(),
        service=service,
        referred_by=referrer,
        team=team,
        what_would_help="Company",
        shared=[],
        agreed_on=sent_at.date(),
        agreement_recorded_by=referrer,
        status=status,
        reason="Full" if status == "not_able" else "",
        outcome="Joined" if status == "outcome" else "",
        sent_at=sent_at,
        answered_at=answered_at if status != "sent" else None,
        first_answered_at=answered_at if status != "sent" else None,
        token_hash=CommunityReferral.hash(token_for(form_key)),
        expires_at=sent_at + timedelta(days=14),
        form_key=form_key,
        site="http://testserver",
    )
