"""Journey 8: a volunteer sees only the minimal view of the people they are matched with, on a computer and on
a phone.

While the allocation lasts: the person's name, how to reach them, what they chose to share with volunteers
and the people around them; never their date of birth, NHS number, story or timeline. Once an allocation
has ended, the person is not found and their page answers "Page not found", exactly like a page that does
not exist.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alongside.people.models import CareRelationship, StoryVersion, Supporter
from alongside.people.tests.factories import EntryFactory, PersonFactory, RelationshipFactory, StoryFactory

from .browser import assert_accessible, expect_not_found, sign_in
from .test_small_screen import PHONE, assert_fits

VOLUNTEER = CareRelationship.Kind.VOLUNTEER


@pytest.fixture
def browser_page(new_context, request):
    """A page at the viewport the test is parametrized with: a computer's (Playwright's default) or a phone's."""
    if request.param == "phone":
        return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    return new_context().new_page()


@pytest.mark.parametrize("browser_page", ["computer", "phone"], indirect=True)
def test_a_volunteer_sees_only_their_clients_minimal_view(browser_page, staff):
    page = browser_page
    on_phone = page.viewport_size == PHONE
    priya, secret = staff("volunteer", first_name="Priya", last_name="Shah")
    florence = PersonFactory(
        given_name="Florence",
        family_name="Edwards",
        nhs_number="9990000026",
        birth_date=date(1939, 11, 4),
        address_line="7 Station Road",
        town="Northvale",
        postcode="NV2 5QR",
        phone="07700 900321",
        shared_with_volunteers="I love talking about gardening, and I am hard of hearing on the left.",
    )
    start = timezone.now() - timedelta(days=90)
    RelationshipFactory(person=florence, user=priya, kind=VOLUNTEER, started_at=start)
    Supporter.objects.create(person=florence, name="Tom Edwards", relationship="Son", phone="07700 900789")
    StoryFactory(person=florence, text="I ran the corner shop on Mill Lane for forty years.")
    StoryFactory(person=florence, part=StoryVersion.Part.WHAT_MATTERS, text="Staying in my own home.")
    EntryFactory(person=florence, text="Reviewed her heart failure medicines.")
    harold = PersonFactory(given_name="Harold", family_name="Price", phone="07700 900654", postcode="NV2 5QS")
    RelationshipFactory(
        person=harold,
        user=priya,
        kind=VOLUNTEER,
        started_at=start,
        ended_at=timezone.now() - timedelta(days=7),
        ended_reason="Harold moved away",
    )

    sign_in(page, priya, secret)

    # "Find a person" finds Florence, with how to reach her and nothing about who she is.
    page.goto("/people/")
    search = page.get_by_role("searchbox")
    expect(search).to_be_visible()
    search.fill("florence")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("main").get_by_role("table")
    expect(results.get_by_role("link")).to_have_text(["Florence Edwards", "07700 900321"])  # a tap calls her
    expect(results.get_by_role("link", name="07700 900321")).to_have_attribute("href", "tel:+44-7700-900321")
    expect(results).to_contain_text("7 Station Road, Northvale, NV2 5QR")
    expect(results).not_to_contain_text("4 November 1939")
    expect(results).not_to_contain_text("999 000 0026")
    if on_phone:
        assert_fits(page)
    assert_accessible(page)

    # Her page: name, how to reach her, what she shared with volunteers, and the people around her.
    results.get_by_role("link", name="Florence Edwards").click()
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Florence Edwards")
    about = main.locator("#about .nhsuk-summary-list")
    expect(about.locator(".nhsuk-summary-list__key")).to_have_text(["Address", "Phone"])
    expect(about.locator(".nhsuk-summary-list__value")).to_have_text(
        ["7 Station Road, Northvale, NV2 5QR", "07700 900321"]
    )
    expect(main.get_by_role("heading", name="What Florence chose to share with volunteers")).to_be_visible()
    expect(main).to_contain_text("I love talking about gardening, and I am hard of hearing on the left.")
    expect(main.get_by_role("link", name="Change what volunteers may know")).to_have_count(0)
    expect(main.get_by_role("heading", name="People around Florence")).to_be_visible()
    expect(main.get_by_role("table", name="Workers, teams and volunteers")).to_contain_text("Priya Shah")
    expect(main.locator("li", has_text="Tom Edwards")).to_contain_text("Son: 07700 900789")
    # Never clinical or identity detail.
    for hidden in ["Date of birth", "4 November 1939", "NHS number", "999 000 0026", "corner shop", "own home"]:
        expect(main).not_to_contain_text(hidden)
    for heading in ["My story", "What matters to me", "Timeline", "Sharing choices"]:
        expect(main.get_by_role("heading", name=heading)).to_have_count(0)
    expect(main).not_to_contain_text("heart failure")
    if on_phone:
        assert_fits(page)
    assert_accessible(page)

    # Harold's allocation has ended: he is not found, and his page is missing, like any missing page.
    page.goto("/people/")
    page.get_by_role("searchbox").fill("harold price")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="No one found")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Harold Price")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(f"/people/{harold.pk}/")
    expect_not_found(page, response)
    refused = page.get_by_role("main").inner_text()
    assert "Harold" not in page.content() and "07700 900654" not in page.content()
    if on_phone:
        assert_fits(page)
    assert_accessible(page)
    expect_not_found(page, page.goto("/people/987654321/"))
    assert page.get_by_role("main").inner_text() == refused
