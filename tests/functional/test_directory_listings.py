"""Journey: a coordinator keeps the directory of community services, at a desktop and on a phone.

She adds a service to an organisation already listed. She makes mistakes (a closing time before the opening time,
a cost with no amount): the error summary links to each, and what she typed is kept. The cost's amount is asked
only when the service is not free. She corrects them, checks her answers and adds it. Then she changes it while
a directory editor changes it too: her save is refused, their answers shown beside hers, and she saves again.
Last, she retires it: it stays readable and can come back. Every page is checked with axe.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from alongside.core.models import Alert
from alongside.directory import actions_listings as actions
from alongside.directory import listings_queries as queries
from alongside.directory.listings_queries import Place
from alongside.directory.models import Organisation, Service, TaxonomyTerm
from alongside.directory.tests.listings_factories import details, keeper, request_as
from alongside.partners.models import Role, Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory

from .browser import URL, assert_accessible, expect_error_summary, expect_success, sign_in
from .test_small_screen import PHONE, assert_fits

DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots-keeping")  # noqa: S108 (screenshots to look at, as the brief asks)


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_adds_changes_and_retires_a_service(new_context, staff, viewport):
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Living Well hub")
    carol, secret = staff("coordinator", team=hub, first_name="Carol", last_name="Reid")
    larder = Organisation.objects.create(name="Northvale Community Larder", description="Food and company")
    TaxonomyTerm.objects.create(name="Food", description="Help with food")
    TaxonomyTerm.objects.create(name="Loneliness", description="Company")
    page = new_context(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE).new_page()
    sign_in(page, carol, secret)

    page.goto("/directory/keep/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Keep the directory")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "keep")
    page.get_by_role("link", name="Add a service", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")
    page.get_by_label("Organisation that runs it").select_option(label="Northvale Community Larder")
    page.get_by_label("Name of the service").fill("Friday food bank")
    page.get_by_label("What the service does").fill("A bag of food to take home, and a cup of tea.")
    page.get_by_role("checkbox", name="Food").check()
    page.get_by_label("Name of the place").first.fill("Larder hall")
    page.locator("#id_place1_address_1").fill("1 Mill Lane")
    page.locator("#id_place1_city").fill("Northvale")
    page.locator("#id_place1_postal_code").fill("NV3 2AB")
    page.locator("#id_place1_transportation").fill("Bus 12 stops outside")
    page.get_by_label("Friday: opens").fill("10:00")
    page.get_by_label("Friday: closes").fill("9:00")
    amount = page.get_by_label("How much, in pounds")
    expect(amount).to_be_hidden()
    page.get_by_role("radio", name="It costs something").check()
    expect(amount).to_be_visible()
    page.get_by_label("Phone numbers").fill("01632 960555")
    page.get_by_label("Email address for referrals").fill("referrals@larder.example")
    assert_accessible(page)
    shot(page, "add-service")
    page.get_by_role("button", name="Continue").click()

    expect_error_summary(
        page, "The closing time on Friday must be after the opening time", "Enter how much it costs, in pounds"
    )
    expect(page.get_by_label("Name of the service")).to_have_value("Friday food bank")
    expect(page.locator("#id_place1_address_1")).to_have_value("1 Mill Lane")
    expect(amount).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    shot(page, "add-service-errors")
    page.get_by_label("Friday: closes").fill("1pm")
    amount.fill("2.50")
    page.get_by_label("What the cost is for").fill("a bag")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers before adding the service")
    main = page.locator("main")
    for words in ("Friday: 10am to 1pm", "£2.50 (a bag)", "1 Mill Lane", "How to get there: Bus 12", "Food"):
        expect(main).to_contain_text(words)
    assert not Service.objects.exists()
    assert_accessible(page)
    assert_fits(page)
    shot(page, "check-answers")
    # Each answer has its own "Change": it goes back to that question with everything typed kept.
    page.get_by_role("button", name="Change phone numbers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")
    expect(page).to_have_url(URL("/directory/keep/services/new/#id_phones"))
    expect(page.locator("#id_phones:target")).to_have_count(1)
    if viewport == DESKTOP:
        expect(page.get_by_label("Phone numbers")).to_be_in_viewport()
    expect(page.get_by_label("Phone numbers")).to_have_value("01632 960555")
    expect(page.get_by_label("Name of the service")).to_have_value("Friday food bank")
    expect(page.locator("#id_place1_address_1")).to_have_value("1 Mill Lane")
    page.get_by_label("Phone numbers").fill("01632 960555\n01632 960556")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers before adding the service")
    expect(main).to_contain_text("01632 960556")
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")
    expect(page.get_by_label("Friday: closes")).to_have_value("1pm")
    expect(amount).to_have_value("2.50")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers before adding the service")
    page.get_by_role("button", name="Add the service").click()

    expect_success(page, "Friday food bank is added to the directory")
    service = Service.objects.get()
    expect(page).to_have_url(URL(f"/directory/keep/services/{service.pk}/"))
    expect(page.get_by_role("link", name="01632 960555")).to_have_attribute("href", "tel:+44-1632-960555")
    expect(page.locator("#changes")).to_contain_text("Carol Reid")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "service")

    # She changes it while a directory editor changes it too.
    page.get_by_role("link", name="Change it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Friday food bank")
    editor = keeper(Role.DIRECTORY_EDITOR, first_name="Dev", last_name="Patel")
    theirs = queries.details_of(queries.service_for_keepers(service.pk))
    actions.edit_service(
        request_as(editor), service.pk, version=1, details=theirs.__class__(**{**theirs.__dict__, "minimum_age": 18})
    )
    page.get_by_label("Name of the service").fill("Friday larder")
    page.get_by_role("button", name="Save the service").click()
    expect(page.get_by_role("heading", name="Someone else changed this service while you were editing")).to_be_visible()
    conflict = page.locator("#conflict")
    expect(conflict).to_contain_text("Friday larder")
    expect(conflict).to_contain_text("18")
    expect(page.get_by_label("Name of the service")).to_have_value("Friday larder")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "conflict")
    page.get_by_role("button", name="Save the service").click()
    expect_success(page, "Friday larder is saved")
    expect(page.locator("#changes")).to_contain_text("Dev Patel")

    # She retires it: it stays, and can come back.
    page.get_by_role("link", name="Retire it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retire Friday larder")
    assert_accessible(page)
    shot(page, "retire")
    page.get_by_label("Why is it being retired? (optional)").fill("The larder moved to Saturdays")
    page.get_by_role("button", name="Retire it").click()
    expect_success(page, "Friday larder is retired")
    expect(page.locator("#retired")).to_contain_text("It does not show in the directory")
    expect(page.locator("#changes")).to_contain_text("The larder moved to Saturdays")
    assert_accessible(page)
    shot(page, "retired")
    page.goto("/directory/keep/?show=retired")
    expect(page.locator("main")).to_contain_text("Friday larder")
    assert_accessible(page)
    assert larder.services.get().retired_at is not None


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_directory_editor_adds_an_organisation_and_checks_one_from_the_home_page(new_context, staff, viewport):
    team = TeamFactory(kind=Team.Kind.NEIGHBOURHOOD, name="Northvale council")
    dev, secret = staff(Role.DIRECTORY_EDITOR, team=team, first_name="Dev", last_name="Patel")
    hub = TeamFactory(organisation=team.organisation, kind=Team.Kind.VOLUNTEER_HUB, name="Northvale hub")
    MembershipFactory(role=Role.COORDINATOR, team=hub, user__first_name="Carol", user__last_name="Reid")
    MembershipFactory(
        role=Role.DIRECTORY_EDITOR, user__first_name="Olu", user__last_name="Other"
    )  # in another organisation: not offered
    old = Organisation.objects.create(
        name="Millbrook Men's Shed", description="Woodwork and company", added_on=date.today() - timedelta(days=400)
    )
    Service.objects.create(
        organisation=old, name="Tuesday workshop", checked_on=date.today() - timedelta(days=200), editor=dev
    )
    page = new_context(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE).new_page()
    sign_in(page, dev, secret)

    panel = page.locator("main")
    expect(panel).to_contain_text("2 listings need checking")
    shot(page, "home")
    page.get_by_role("link", name="Tuesday workshop").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tuesday workshop")
    expect(page.locator("#needs-checking")).to_contain_text("Last checked on")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "service-needs-checking")
    page.get_by_role("button", name="Mark as checked").click()
    expect_success(page, "Tuesday workshop is marked as checked today")
    expect(page.locator("#needs-checking")).to_have_count(0)

    page.goto("/directory/keep/?show=stale")
    expect(page.locator("main")).to_contain_text("Millbrook Men's Shed")
    expect(page.locator("main")).not_to_contain_text("Tuesday workshop")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "keep-stale")

    page.goto("/directory/keep/")
    page.get_by_role("link", name="Add an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an organisation")
    page.get_by_label("Name of the organisation").fill("Northvale Befrienders")
    page.get_by_label("Phone number (optional)").fill("12")
    page.get_by_role("button", name="Save the organisation").click()
    expect_error_summary(
        page, "Say what the organisation does", "Enter a UK phone number, like 07700 900123 or 01632 960123"
    )
    expect(page.get_by_label("Name of the organisation")).to_have_value("Northvale Befrienders")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "add-organisation-errors")
    page.get_by_label("What the organisation does").fill("Friendly visits and phone calls")
    page.get_by_label("Phone number (optional)").fill("01632 960 777")
    page.get_by_role("button", name="Save the organisation").click()
    expect_success(page, "Northvale Befrienders is added to the directory")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northvale Befrienders")
    expect(page.get_by_role("link", name="01632 960777")).to_have_attribute("href", "tel:+44-1632-960777")
    expect(page.locator("#changes")).to_contain_text("Dev Patel")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "organisation")
    page.get_by_role("link", name="Change it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Northvale Befrienders")
    assert_accessible(page)
    page.get_by_label("Website (optional)").fill("befrienders.example")
    page.get_by_role("button", name="Save the organisation").click()
    expect_success(page, "Northvale Befrienders is saved")
    expect(page.locator("#changes")).to_contain_text("Changed: website")

    # He names a hub coordinator of his own organisation as its keeper: she is told.
    page.get_by_role("link", name="Change who keeps it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who keeps Northvale Befrienders?")
    expect(page.get_by_role("radio", name="Carol Reid")).not_to_be_checked()
    expect(page.get_by_role("radio", name="Olu Other")).to_have_count(0)
    page.get_by_role("button", name="Save who keeps it").click()
    expect_error_summary(page, "Choose who keeps it")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "keeper-errors")
    page.get_by_role("radio", name="Carol Reid").check()
    shot(page, "keeper")
    page.get_by_role("button", name="Save who keeps it").click()
    expect_success(page, "Carol Reid now keeps Northvale Befrienders")
    expect(page.locator("main")).to_contain_text("Kept by")
    expect(page.locator("#changes")).to_contain_text("Changed: who keeps it (now Carol Reid)")
    assert_accessible(page)
    shot(page, "organisation-kept")
    assert Alert.objects.filter(recipient__first_name="Carol", text__contains="Northvale Befrienders").exists()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_changes_a_service_with_five_places_and_none_is_lost(new_context, staff, viewport):
    """A service from a council's feed is offered at five places. She goes from its page straight to the fifth
    place's question, adds a sixth place and renames it: all six places are kept."""
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB, name="Living Well hub")
    carol, secret = staff("coordinator", team=hub, first_name="Carol", last_name="Reid")
    larder = Organisation.objects.create(name="Northvale Community Larder", description="Food and company")
    halls = tuple(Place(f"Hall {n}", f"{n} Mill Lane", "Northvale", f"NV{n} 1AB", "") for n in range(1, 6))
    service = actions.add_service(request_as(carol), larder.pk, details(places=halls))
    page = new_context(viewport=viewport, is_mobile=viewport == PHONE, has_touch=viewport == PHONE).new_page()
    sign_in(page, carol, secret)

    page.goto(f"/directory/keep/services/{service.pk}/")
    expect(page.locator("main")).to_contain_text("Place 5")
    page.get_by_role("link", name="Change place 5").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change Friday food bank")
    expect(page).to_have_url(URL(f"/directory/keep/services/{service.pk}/change/#id_place5_name"))
    for n in range(1, 6):
        expect(page.locator(f"#id_place{n}_address_1")).to_have_value(f"{n} Mill Lane")
    sixth = page.locator("#id_place6_name")
    expect(sixth).to_be_hidden()
    page.get_by_text("Add another place").click()
    expect(sixth).to_be_visible()
    sixth.fill("Hall 6")
    page.locator("#id_place6_address_1").fill("6 Mill Lane")
    page.locator("#id_place6_postal_code").fill("nv6 2cd")
    page.get_by_label("Name of the service").fill("Friday larder")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "change-service-places")
    page.get_by_role("button", name="Save the service").click()

    expect_success(page, "Friday larder is saved")
    main = page.locator("main")
    for n in range(1, 7):
        expect(main).to_contain_text(f"{n} Mill Lane")
    expect(main).to_contain_text("NV6 2CD")
    assert_accessible(page)
    assert_fits(page)
    shot(page, "service-six-places")
    assert len(queries.details_of(queries.service_for_keepers(service.pk)).places) == 6
