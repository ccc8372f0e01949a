"""A referral to a community service made from a volunteer's concern: the one who answers the concern refers from
its page, the service answers through its link, and the volunteer who raised the concern hears what became of it,
in plain words and within what the person shares with volunteers. It crosses two capabilities, the concerns loop and
the directory, which meet only through the registry (core.registry.ReferralStart)."""

import re
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.concerns.models import ConcernEvent
from alongside.concerns.tests.factories_loop import around, concern
from alongside.consent.models import ConsentProvision
from alongside.core.models import Alert, AuditEvent, Message
from alongside.directory.referring_models import CommunityReferral
from alongside.directory.tests.finding_factories import make_service
from alongside.volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

OUTCOME = "She came to three lunches and has a new friend."


@pytest.fixture
def world(db):
    return around()


def _refer(client, world, c, service, came_from=None):
    came_from = came_from or f"concern:{c.pk}"
    return client.post(
        f"/directory/refer/{world.person.pk}/{service.pk}/?from={came_from}",
        {"what_would_help": "Company at lunch", "agreed": "on", "form_key": str(uuid.uuid4()), "confirm": "1"},
    )


def _answer(client, outcome=OUTCOME):
    message = Message.objects.get(reference__endswith="-sent")
    link = re.search(r"(/directory/answer/[^/\s]+/)", message.personalisation["body"]).group(1)
    client.logout()
    client.post(link, {"answer": "accepted"})
    client.post(link, {"answer": "outcome", "outcome": outcome})


def test_the_one_who_answers_a_concern_is_offered_a_referral_from_it(client, world):
    c = concern(world)
    client.force_login(world.named_worker)
    page = client.get(f"/concerns/{c.pk}/answer/").content.decode()
    assert "Refer Ada to a community service" in page
    chooser = client.get(f"/directory/refer/{world.person.pk}/?from=concern:{c.pk}").content.decode()
    assert "This referral follows the concern Priya Shah raised on" in chooser


def test_the_volunteer_is_never_offered_a_referral(client, world):
    c = concern(world)
    client.force_login(world.volunteer)
    assert client.get(f"/directory/refer/{world.person.pk}/?from=concern:{c.pk}").status_code == 404


@pytest.mark.parametrize("came_from", ["concern:999999", "concern:abc", "nothing:1", "concern:"])
def test_a_start_the_user_may_not_act_on_is_left_out(client, world, came_from):
    c = concern(world)
    service = make_service("Lunch Club", "Hot lunches and company")
    client.force_login(world.named_worker)
    chooser = client.get(f"/directory/refer/{world.person.pk}/?from={came_from}").content.decode()
    assert "This referral follows" not in chooser
    assert _refer(client, world, c, service, came_from=came_from).status_code == 302
    assert CommunityReferral.objects.get().came_from == ""
    assert not ConcernEvent.objects.filter(what="referred").exists()


def test_someone_elses_concern_is_not_a_start(client, world):
    other = around(given_name="Bea", family_name="Other")
    theirs = concern(other)
    service = make_service("Lunch Club", "Hot lunches and company")
    client.force_login(world.named_worker)
    _refer(client, world, concern(world), service, came_from=f"concern:{theirs.pk}")
    assert CommunityReferral.objects.get().came_from == ""
    assert not ConcernEvent.objects.filter(concern=theirs).exclude(what="raised").exists()


def test_the_volunteer_hears_each_answer_in_plain_words_without_the_services_own(client, world):
    c = concern(world)
    service = make_service("Lunch Club", "Hot lunches and company")
    client.force_login(world.named_worker)
    assert _refer(client, world, c, service).status_code == 302
    assert CommunityReferral.objects.get().came_from == f"concern:{c.pk}"
    assert ConcernEvent.objects.get(concern=c, what="referred").words == "Referred to Lunch Club."
    assert not Alert.objects.filter(recipient=world.volunteer).exists()  # sending is not news yet
    _answer(client)
    told = list(ConcernEvent.objects.filter(concern=c, what="service_answered").values_list("words", flat=True))
    assert told == ["Lunch Club can help, and has accepted the referral.", "Lunch Club has told us how it went."]
    alerts = Alert.objects.filter(recipient=world.volunteer)
    assert alerts.count() == 2 and all("News about the concern you raised on" in a.text for a in alerts)
    assert not any("Ada" in a.text or OUTCOME in a.text for a in alerts)
    client.force_login(world.volunteer)
    page = client.get(f"/concerns/{c.pk}/what-happened/").content.decode()
    assert "Lunch Club has told us how it went." in page and OUTCOME not in page


def test_the_services_words_are_care_details_which_volunteers_never_read_whatever_is_shared(client, world):
    ConsentProvision.objects.create(
        person=world.person, permit=True, actor_kind="volunteers", categories=["care", "story"]
    )
    c = concern(world)
    client.force_login(world.named_worker)
    _refer(client, world, c, make_service("Lunch Club", "Hot lunches and company"))
    _answer(client)
    assert not ConcernEvent.objects.filter(concern=c, words__contains=OUTCOME).exists()
    assert OUTCOME not in " ".join(Message.objects.filter(channel="sms").values_list("personalisation", flat=True))


def test_a_volunteer_who_no_longer_visits_is_not_told(client, world):
    c = concern(world)
    client.force_login(world.named_worker)
    _refer(client, world, c, make_service("Lunch Club", "Hot lunches and company"))
    world.person.relationships.filter(user=world.volunteer).update(ended_at=timezone.now() - timedelta(days=1))
    _answer(client)
    assert ConcernEvent.objects.filter(concern=c, what="service_answered").count() == 2  # the concern keeps it
    assert not Alert.objects.filter(recipient=world.volunteer).exists()


def test_the_volunteer_is_texted_when_they_chose_texts_without_the_persons_name(client, world):
    Volunteer.objects.create(user=world.volunteer, phone="07700 900456", by_text=True)
    c = concern(world)
    client.force_login(world.named_worker)
    _refer(client, world, c, make_service("Lunch Club", "Hot lunches and company"))
    _answer(client)
    texts = Message.objects.filter(channel="sms", to__contains="900456")
    assert texts.count() == 2
    assert all("Ada" not in t.personalisation["body"] for t in texts)


def test_the_hub_coordinator_answering_a_social_worry_may_refer(client, world):
    c = concern(world, health=False)
    client.force_login(world.coordinator)
    page = client.get(f"/concerns/{c.pk}/answer/").content.decode()
    assert "Refer Ada to a community service" in page
    sent = _refer(client, world, c, make_service("Lunch Club", "Hot lunches and company"))
    assert sent.status_code == 302 and sent["Location"] == f"/concerns/{c.pk}/answer/"
    referral = CommunityReferral.objects.get()
    assert referral.came_from == f"concern:{c.pk}" and referral.referred_by == world.coordinator
    audited = AuditEvent.objects.get(action="community_referral_sent")
    assert audited.person_id == world.person.pk and audited.basis == "volunteer hub"


def test_the_hub_coordinator_may_not_refer_without_a_concern_they_answer(client, world):
    c = concern(world, health=False)
    other_hub = around(given_name="Bea", family_name="Other")
    client.force_login(other_hub.coordinator)
    assert client.get(f"/directory/refer/{world.person.pk}/").status_code == 404
    assert client.get(f"/directory/refer/{world.person.pk}/?from=concern:{c.pk}").status_code == 404
    client.force_login(world.coordinator)
    assert client.get(f"/directory/refer/{world.person.pk}/").status_code == 404  # the record is not theirs


def test_the_coordinator_hears_the_answer_on_the_referral_they_made_and_the_concern(client, world):
    c = concern(world, health=False)
    client.force_login(world.coordinator)
    _refer(client, world, c, make_service("Lunch Club", "Hot lunches and company"))
    _answer(client)
    heard = Alert.objects.filter(recipient=world.coordinator)
    referral = CommunityReferral.objects.get()
    assert heard.count() == 2 and {a.url for a in heard} == {f"/directory/referrals/{referral.pk}/"}
    client.force_login(world.coordinator)
    own = client.get(f"/directory/referrals/{referral.pk}/").content.decode()
    assert "Outcome given" in own and OUTCOME in own and f'href="/concerns/{c.pk}/answer/"' in own
    client.force_login(world.coordinator)
    page = client.get(f"/concerns/{c.pk}/answer/").content.decode()
    assert "Lunch Club has told us how it went." in page
