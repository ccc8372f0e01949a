"""The demo borough's MDTs: one for each GP practice, the `gp` login chairing one and the `clinician` login a member,
past meetings with minutes on timelines and actions (some done, some overdue), the next meeting's agenda from the
sources, and the `volunteer` login invited to exactly one item, about their own client, who agreed."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from alongside.demo.borough import PRACTICE_NAMES
from alongside.mdt.models import Action, CoreMember, Invitation, Item, Mdt, Meeting
from alongside.people.models import CareRelationship, Entry


@pytest.fixture
def built(demo_borough):
    demo_borough(seed=5, people=300)


def test_the_demo_mdts(built):
    mdts = list(Mdt.objects.select_related("practice"))
    assert sorted(m.practice.name for m in mdts) == sorted(PRACTICE_NAMES)
    chair = CoreMember.objects.get(user__username="gp", part=CoreMember.Part.GP_CHAIR, end__isnull=True)
    assert CoreMember.objects.filter(user__username="clinician", end__isnull=True).exists()
    for mdt in mdts:
        meetings = list(mdt.meetings.order_by("starts_at"))
        assert [m.status for m in meetings] == ["finished"] * 3 + ["planned"]
        assert 6 <= meetings[-1].items.count() <= 10
    # minutes of each past item on that person's timeline, and nowhere else
    finished = Item.objects.filter(meeting__status=Meeting.Status.FINISHED)
    assert Entry.objects.filter(kind="mdt_minutes").count() == finished.count()
    today = timezone.localdate()
    actions = Action.objects.all()
    assert actions.filter(done_at__isnull=False).exists()
    assert actions.filter(done_at__isnull=True, due__lt=today).exists()
    assert actions.filter(owner__username__in=("gp", "clinician"), done_at__isnull=True).exists()
    # the chair's next agenda draws on the sources
    next_items = Item.objects.filter(meeting__status="planned")
    assert next_items.exclude(source="member").exists()
    assert chair.mdt.meetings.filter(status="planned").exists()


def test_the_volunteer_login_is_invited_to_exactly_one_item_about_their_own_client(built):
    invitation = Invitation.objects.select_related("item").get(user__username="volunteer")
    assert invitation.person_agreed and invitation.withdrawn_at is None
    assert (
        CareRelationship.objects.active()
        .filter(person=invitation.item.person, user=invitation.user, kind="volunteer")
        .exists()
    )
    assert invitation.item.meeting.status == "planned"


def test_the_volunteer_logins_worry_waits_on_the_clinician_logins_open_action(built):
    """Sign in as `clinician`, complete the action from the home page with words for the volunteer; sign in as
    `volunteer` and read them: the concern was raised before the meeting that took it, and is not suggested again."""
    concern_model = apps.get_model("concerns", "Concern")  # capabilities never import each other

    concern = concern_model.objects.get(raised_by__username="volunteer", route_kind="mdt", status="open")
    item = Item.objects.select_related("meeting").get(source=f"concern:{concern.pk}")
    assert item.meeting.status == Meeting.Status.FINISHED and item.person_id == concern.person_id
    assert concern.created_at < item.meeting.starts_at
    action = item.actions.get()
    assert action.owner.username == "clinician" and action.done_at is None
    assert timezone.localdate() <= action.due <= timezone.localdate() + timedelta(days=7)
    assert CareRelationship.objects.active().filter(person=item.person, user__username="volunteer").exists()
    assert not Item.objects.filter(source=item.source, meeting__status="planned").exists()
    # every concern on a past item was raised before that meeting
    for past in Item.objects.filter(meeting__status="finished", source__startswith="concern:").select_related(
        "meeting"
    ):
        raised = concern_model.objects.get(pk=int(past.source.removeprefix("concern:"))).created_at
        assert raised < past.meeting.starts_at


def test_the_clinician_login_completes_it_from_home_and_the_volunteer_login_hears(built, client):
    users = get_user_model().objects
    action = Action.objects.get(owner__username="clinician", done_at__isnull=True, item__source__startswith="concern:")
    page = f"/mdt/actions/{action.pk}/done/"
    client.force_login(users.get(username="clinician"))
    assert f'href="{page}"' in client.get("/").content.decode()  # home: "Actions from MDT meetings"
    words = {
        "form_key": "0b6f2f7e-3c1d-4a5e-9b8f-2d7c6e5a4f31",
        "version": action.version,
        "outcome": "Visited. Seen by the GP; a bed is coming downstairs.",
        "told_volunteer": "The district nurse visited and things are in hand. Thank you for telling us.",
    }
    assert client.post(page, {**words, "confirm": "1"}).status_code == 302
    client.force_login(users.get(username="volunteer"))
    assert words["told_volunteer"] in client.get("/").content.decode()
