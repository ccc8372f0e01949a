"""An MDT action as the start of a referral to a community service (ADR 27): shown to its owner only while open, the
action's page offers "Refer ... to a community service", and the service's answers reach the owner."""

from django.utils import timezone

from alongside.core import registry
from alongside.core.models import Alert
from alongside.core.registry import ReferralNews
from alongside.core.tests.requests import acting_as

from .follow_world import follow_world


def test_the_owner_may_refer_from_an_open_action_and_nobody_else(db):
    f = follow_world(source="member")
    start = registry.referral_start("mdt_action")
    shown = start.describe(acting_as(f.around.named_worker), str(f.action.pk))
    assert shown is not None and shown.person_id == f.around.person.pk and shown.basis == "MDT member"
    assert "the action agreed at the" in shown.words
    for other in (f.around.coordinator, f.around.volunteer):
        assert start.describe(acting_as(other), str(f.action.pk)) is None
    assert start.describe(acting_as(f.around.named_worker), "not-a-number") is None
    href = registry.referral_page(acting_as(f.around.named_worker), f.around.person.pk, f"mdt_action:{f.action.pk}")
    assert href is not None and "from=mdt_action" in href
    f.action.done_at, f.action.outcome = timezone.now(), "Done"
    f.action.save()
    assert start.describe(acting_as(f.around.named_worker), str(f.action.pk)) is None
    assert start.page(str(f.action.pk)) == f"/mdt/actions/{f.action.pk}/done/"


def test_the_services_answer_reaches_the_owner(db):
    f = follow_world(source="member")
    start = registry.referral_start("mdt_action")
    start.heard(str(f.action.pk), ReferralNews(f.around.person.pk, "Tuesday Lunch Club", "sent"))
    assert not Alert.objects.filter(recipient=f.around.named_worker).exists()
    start.heard(str(f.action.pk), ReferralNews(f.around.person.pk, "Tuesday Lunch Club", "accepted"))
    alert = Alert.objects.get(recipient=f.around.named_worker)
    assert alert.text == "Tuesday Lunch Club accepted the referral for Ada Lovelace"
    start.heard(str(f.action.pk), ReferralNews(f.around.person.pk + 1, "Tuesday Lunch Club", "accepted"))
    assert Alert.objects.filter(recipient=f.around.named_worker).count() == 1  # about someone else: ignored
