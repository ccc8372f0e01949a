"""The demo borough's referrals as built: what the referrals' demo step writes, and what each demo login that deals
with referrals finds."""

import re

import pytest
from django.db.models import F

from alongside.core.models import Alert, Message
from alongside.demo import borough as plan
from alongside.demo.models import DemoLogin
from alongside.partners.models import Membership, Neighbourhood
from alongside.people.models import CareRelationship, Person
from alongside.referrals import demo as demo_referrals
from alongside.referrals.models import Referral


@pytest.fixture
def borough(demo_borough):
    """The demo command builds as the owner of the tables, on a connection of its own that commits: the test's
    transaction would not undo it, so these tests empty the database afterwards instead."""
    demo_borough(seed=5, people=300)


def login(client, role: str):
    user = DemoLogin.objects.get(user__username=role).user
    client.force_login(user)
    return user


def api(role: str, client, path: str, **params):
    token = DemoLogin.objects.get(user__username=role).api_token
    response = client.get(f"/api/v1{path}", params, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, (role, path, response.content)
    return response.json()


def test_the_build_loads_the_referrals_the_generator_draws_and_neighbourhoods_know_their_postcodes(borough):
    assert dict(Neighbourhood.objects.values_list("name", "postcode_districts")) == {
        name: f"NV{index + 1}" for index, name in enumerate(plan.NEIGHBOURHOODS)
    }
    assert Referral.objects.count() == demo_referrals.referral_count(300) == 60
    assert set(Referral.objects.values_list("status", flat=True)) == set(demo_referrals.STATUSES)
    assert set(Referral.objects.values_list("source", flat=True)) == set(demo_referrals.SOURCES)
    assert set(Referral.objects.values_list("channel", flat=True)) == set(demo_referrals.CHANNELS)
    for referral in Referral.objects.prefetch_related("transitions"):
        moves = list(referral.transitions.all())
        assert moves and moves[-1].to_status == referral.status and referral.version >= len(moves)
    matched = Referral.objects.exclude(person=None)
    assert not matched.exclude(neighbourhood=F("person__neighbourhood")).exists()
    assert not matched.filter(status="draft").exists()


def test_allocated_referrals_are_the_named_worker_relationships_the_people_have(borough):
    allocated = Referral.objects.filter(named_worker__isnull=False)
    assert allocated.exists()
    for referral in allocated:
        current = CareRelationship.objects.active().get(person=referral.person, kind="named_worker")
        assert current.user_id == referral.named_worker_id
        assert Membership.objects.filter(user=current.user, team=referral.team, role="clinician").exists()
        assert referral.team.neighbourhood_id == referral.person.neighbourhood_id


def test_the_gp_login_sees_its_drafts_and_the_outcomes(borough, client):
    gp = login(client, "gp")
    made = Referral.objects.filter(referrer_user=gp)
    assert made.count() == 12 and made.filter(status="draft").count() == 2
    page = client.get("/referrals/mine/").content.decode()
    assert page.count("Not sent yet") == 2
    assert "has been accepted" in page and "named worker" in page and "best place to help" in page
    alerts = Alert.objects.filter(recipient=gp)
    assert alerts.count() >= 6 and all(a.text.startswith("Your referral R") for a in alerts)
    assert alerts.filter(read_at=None).exists() and alerts.exclude(read_at=None).exists()
    draft = made.filter(status="draft").first()
    assert client.get(f"/referrals/{draft.pk}/edit/").status_code == 200


def test_the_spa_triage_login_s_queue_has_urgent_and_overdue_referrals_and_this_week_s_figures(borough, client):
    login(client, "spa_triage")
    page = client.get("/referrals/").content.decode()
    assert len(re.findall(r">\s*Overdue\s*<", page)) >= 3
    counts = page[page.index('id="queue-count"') :]
    assert " 0 urgent" not in counts[: counts.index("</p>")]
    figures = page[page.index('id="week-figures"') :]
    assert "None decided yet" not in figures[: figures.index("Urgent") + 400]
    assert not Referral.objects.filter(status="draft", referrer_user__isnull=True).exists()
    # Some are a slip of the pen away from someone known, whom matching offers with its reasons.
    unmatched = Referral.objects.filter(status="received", person=None)
    pages = [client.get(f"/referrals/{r.pk}/person/").content.decode() for r in unmatched]
    assert any("Similar first name" in p or "Similar family name" in p for p in pages)


def test_the_team_leader_login_has_accepted_referrals_to_allocate(borough, client):
    login(client, "team_leader")
    accepted = Referral.objects.filter(status="accepted", team__name="Riverside neighbourhood team")
    assert accepted.count() >= 2
    found = api("team_leader", client, "/referrals", status="accepted")
    assert found["count"] >= 2 and {i["team"] for i in found["items"]} == {"Riverside neighbourhood team"}
    assert client.get(f"/referrals/{accepted.first().pk}/allocate/").status_code == 200


def test_people_who_used_the_public_form_were_thanked_and_told_each_outcome(borough):
    public = Referral.objects.filter(channel="public")
    assert public.exists()
    for referral in public:
        sent = Message.objects.filter(reference__startswith=f"referral-{referral.pk}-")
        assert sent.filter(reference=f"referral-{referral.pk}-received", state="sent").exists()
        if referral.decided_at:
            assert sent.count() >= 2
        assert {m.to for m in sent} == {referral.referrer_email or referral.referrer_phone}
    assert not Message.objects.filter(reference__startswith="referral-", state="pending").exists()


def test_the_person_and_clinician_logins_see_what_a_referrer_said_offered_into_the_story(borough, client):
    person = Person.objects.get(user__username="person")
    client.force_login(person.user)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert page.count('id="story-offer-') == 1 and "Add it to my story" in page
    clinician = login(client, "clinician")
    offered = Referral.objects.filter(named_worker=clinician, story_offer="offered").first()
    page = client.get(f"/people/{offered.person_id}/").content.decode()
    assert f'id="story-offer-{offered.pk}"' in page
