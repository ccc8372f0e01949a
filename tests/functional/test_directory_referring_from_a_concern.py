"""Journey: a volunteer's worry becomes a referral to a community service, and the news comes back to both. Priya,
a volunteer, worried that Ada is lonely. Cath, the hub's coordinator, on a computer, opens the concern, refers Ada
to a lunch club from it (the page says which concern it follows), checks and sends, and is back on the concern. The
lunch club answers through its link, accepting and later giving the outcome. Cath sees each answer on the concern
and in her alerts; Priya, on a phone, sees the news on her home page and on her concern's page, in plain words,
without the club's own words about Ada's care."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.concerns.models import Concern, Kind, RouteKind, Urgency
from alongside.core.models import Message
from alongside.directory.tests.finding_factories import make_service
from alongside.partners.models import Organisation, Team
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .browser import expect_success, sign_in
from .test_directory_referring import look
from .test_small_screen import PHONE

OUTCOME = "Ada came to three lunches and sits with the same friends now"


def test_a_coordinator_refers_from_a_concern_and_the_volunteer_hears_what_became_of_it(new_context, staff):
    hub = TeamFactory(
        kind=Team.Kind.VOLUNTEER_HUB,
        name="Living Well volunteer hub",
        organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY),
        phone="020 7946 0001",
    )
    priya, priya_secret = staff("volunteer", team=hub, first_name="Priya", last_name="Shah")
    cath, cath_secret = staff("coordinator", team=hub, first_name="Cath", last_name="Reid")
    ada = PersonFactory(given_name="Ada", family_name="Lovelace")
    RelationshipFactory(
        person=ada,
        kind=CareRelationship.Kind.VOLUNTEER,
        user=priya,
        started_at=timezone.now() - timedelta(days=90),
    )
    concern = Concern.objects.create(
        person=ada,
        raised_by=priya,
        hub=hub,
        kind=Kind.SOCIAL,
        urgency=Urgency.NEXT_MEETING,
        words="Ada says she has not spoken to anyone but me for a week.",
        route_kind=RouteKind.MONTHLY_MEETING,
        for_team=hub,
        answer_by=timezone.now() + timedelta(days=20),
    )
    make_service("Northvale Lunch Club", "Hot lunches and company on weekdays")

    desk = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, cath, cath_secret)
    desk.goto(f"/concerns/{concern.pk}/answer/")
    desk.get_by_role("link", name="Refer Ada to a community service").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Choose a community service")
    expect(desk.locator("#start")).to_contain_text("This referral follows the concern Priya Shah raised on")
    desk.get_by_label("Search by what would help").fill("lunch")
    desk.get_by_role("button", name="Search").click()
    look(desk, "referring-from-concern-choose")
    desk.get_by_role("link", name="Northvale Lunch Club").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Refer to Northvale Lunch Club")
    desk.get_by_label("What would help", exact=True).fill("Company at lunchtime; Ada is lonely")
    desk.get_by_label("Their name").check()
    desk.get_by_label("Ada agrees to this referral").check()
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check your answers before you send the referral")
    expect(desk.locator("#check")).to_contain_text("The concern Priya Shah raised on")
    look(desk, "referring-from-concern-check")
    desk.get_by_role("button", name="Send the referral").click()
    expect_success(desk, "Referral sent to Northvale Lunch Club")
    expect(desk.locator("#history")).to_contain_text("Referred to Northvale Lunch Club")
    look(desk, "referring-from-concern-sent")

    body = Message.objects.get(reference__startswith="community-referral-").personalisation["body"]
    assert "020 7946 0001" in body  # the hub's phone, for a new link
    link = re.search(r"https?://\S+/directory/answer/\S+/", body).group(0)
    service = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    service.goto(link)
    service.get_by_label("We can help: we accept the referral").check()
    service.get_by_role("button", name="Send your answer").click()
    expect(service.get_by_role("heading", level=1)).to_have_text("Thank you: your answer was sent")
    service.goto(link)
    service.get_by_label("We helped: this is the outcome").check()
    service.get_by_label("What happened").fill(OUTCOME)
    service.get_by_role("button", name="Send your answer").click()
    expect(service.get_by_role("heading", level=1)).to_have_text("Thank you: your answer was sent")

    desk.goto(f"/concerns/{concern.pk}/answer/")
    history = desk.locator("#history")
    expect(history).to_contain_text("Northvale Lunch Club can help, and has accepted the referral.")
    expect(history).to_contain_text("Northvale Lunch Club has told us how it went.")
    look(desk, "referring-from-concern-answered")
    desk.goto("/")
    desk.locator("#community-referrals-made").get_by_role("link", name="Ada Lovelace: Northvale Lunch Club").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Referral to Northvale Lunch Club")
    expect(desk.locator("#referral")).to_contain_text(OUTCOME)  # the referrer hears the service's own words
    look(desk, "referring-from-concern-referral")

    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    sign_in(phone, priya, priya_secret)
    phone.goto("/")
    news = phone.get_by_role("link", name=re.compile("News about the concern you raised on")).first
    expect(news).to_be_visible()
    news.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("What happened to your concern")
    mine = phone.locator("#history")
    expect(mine).to_contain_text("Referred to Northvale Lunch Club.")
    expect(mine).to_contain_text("Northvale Lunch Club has told us how it went.")
    expect(phone.locator("main")).not_to_contain_text(OUTCOME)
    look(phone, "referring-from-concern-volunteer", phone=True)
