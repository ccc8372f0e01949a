"""Journey: a story of lived experience, from the telling to its withdrawal.

Sam, a clinician in Riverside, writes down a carer's story with the carer's consent for the partnership: nothing is
chosen for him, a form sent empty says what is missing and keeps what he typed, and he checks the story before
saving it. He gets a withdrawal code to give the carer, and the address without it. He makes the de-identified
version: the check finds a name he left in as the page opens, and a phone number he adds blocks saving whatever he
ticks; he takes them out and adds a theme. He checks a colleague's public story is safe to share, and only then is it
on the public page. He plans a team learning session that shares it. Later the carer, without
signing in, withdraws the story with the code, and it disappears from the session at once; the team's page keeps
only a tombstone. On his phone Sam writes down his own story, which is in "Your stories". Each page passes the axe
check at both widths.
"""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.narratives.models import Story
from alongside.narratives.tests.factories import ready, tell
from alongside.partners.tests.factories import TeamFactory

from .browser import DESKTOP, PHONE, assert_accessible, expect_error_summary, expect_success, sign_in
from .browser import shot as screenshot


def shot(page, name: str, width: int) -> None:
    screenshot(page, f"narratives-{name}", width)


def checked(page, name: str, width: int) -> None:
    assert_accessible(page)
    shot(page, name, width)


def test_a_story_is_told_shared_in_a_session_and_withdrawn_by_its_teller(page, new_context, staff):
    team = TeamFactory(name="Riverside neighbourhood team")
    sam, secret = staff("clinician", team=team, first_name="Sam", last_name="Patel")
    colleague = staff("clinician", team=team)[0]
    theirs = ready(tell(colleague, team, level="public")[0], colleague, title="Why I stayed", themes=("Hope",))

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, sam, secret)
    desk.goto(f"/teams/{team.pk}/")
    expect(desk.get_by_role("heading", name="Stories of lived experience")).to_be_visible()
    desk.get_by_role("link", name="The team's stories").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Stories of lived experience")
    checked(desk, "team", 1280)

    desk.get_by_role("link", name="Write down a story").click()
    expect(desk.get_by_role("radio", checked=True)).to_have_count(0)  # nothing chosen for him
    expect(desk.get_by_role("checkbox", checked=True)).to_have_count(0)
    checked(desk, "record", 1280)
    words = "My worker Priya rang me back when she said she would. For the first time I felt someone was with us."
    desk.get_by_label("The story, in the teller's own words").fill(words)
    desk.get_by_role("button", name="Continue").click()
    expect_error_summary(
        desk,
        "Say whether someone told you this story or it is your own",
        "Choose how the teller agreed the story may be used",
        "Tick to say the teller agreed, or do not write the story down",
    )
    expect(desk.get_by_label("The story, in the teller's own words")).to_have_value(words)
    checked(desk, "record-errors", 1280)
    expect(desk.get_by_label("A carer")).to_be_hidden()  # asked only when someone told it
    desk.get_by_label("Someone told it to me").check()
    desk.get_by_label("A carer").check()
    desk.get_by_label("The partnership").check()
    desk.get_by_label("The teller agreed that their story is shared in this way").check()
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Check the story before saving it")
    expect(desk.get_by_role("button", name="Back to Write down a story")).to_be_visible()
    checked(desk, "check", 1280)
    desk.get_by_role("button", name="Save the story").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("The story is saved")
    code = desk.locator("#withdrawal-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    assert "?code=" not in desk.content()
    checked(desk, "saved", 1280)

    desk.get_by_role("link", name="Take out names and add themes").click()
    expect(desk.locator("#identifiers")).to_contain_text('"Priya": this may be a name')  # on first view
    desk.get_by_label("A short title").fill("Someone rang back")
    plain = desk.get_by_label("The story without names or details that say who anyone is")
    plain.fill(plain.input_value() + " Her number was 07700 900123.")
    desk.get_by_label("I have checked these names and dates: they do not say who anyone is").check()
    desk.get_by_role("button", name="Save").click()
    expect(desk.locator("#identifiers-blocking")).to_contain_text('"07700 900123": this may be a phone number')
    expect_error_summary(
        desk,
        'Take out a phone number ("07700 900123"). These always say who someone is, so the story cannot be saved '
        "with them",
        "Tick at least one theme, or add one of your own",
    )
    checked(desk, "prepare-warning", 1280)
    plain.fill(plain.input_value().replace(" Priya", "").replace(" Her number was 07700 900123.", ""))
    desk.get_by_label("Add a theme of your own").fill("Being listened to")
    desk.get_by_role("button", name="Save").click()
    expect_success(desk, "The story without names, and its themes, are saved.")
    expect(desk.get_by_role("main")).to_contain_text("Being listened to")
    checked(desk, "story", 1280)

    desk.get_by_role("link", name="Back to the team's stories").click()
    desk.get_by_role("link", name="Plan a learning session for the team").click()
    desk.get_by_label("What is the session called?").fill("What helps families")
    desk.get_by_label("Date", exact=True).fill((timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y"))
    desk.get_by_label("Someone rang back").check()
    checked(desk, "session-new", 1280)
    desk.get_by_role("button", name="Plan the session").click()
    expect_success(desk, "The learning session is planned.")
    session_url = desk.url
    expect(desk.get_by_role("main")).to_contain_text("rang me back when she said she would")
    expect(desk.get_by_role("main")).to_contain_text("Being listened to")
    checked(desk, "session", 1280)

    # A colleague's public story goes beyond the team only once Sam, a second member, checks it.
    desk.goto("/stories/shared/")
    expect(desk.get_by_role("main")).not_to_contain_text("Why I stayed")
    desk.goto(f"/stories/{theirs.pk}/")
    expect(desk.locator("#check-status")).to_contain_text("Shared in the team only for now")
    desk.get_by_role("link", name="Check it is safe to share").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Check it is safe to share")
    desk.get_by_role("button", name="Share it as the teller agreed").click()
    expect_error_summary(desk, "Tick to say you have read it and it does not say who anyone is")
    checked(desk, "check-safe", 1280)
    desk.get_by_label(
        "I have read it: it does not say who anyone is, and it may be shared as the teller agreed"
    ).check()
    desk.get_by_role("button", name="Share it as the teller agreed").click()
    expect_success(desk, "Checked. The story may now be shared as agreed: Public.")
    desk.goto("/stories/shared/")
    expect(desk.get_by_role("main")).to_contain_text("Why I stayed")
    checked(desk, "public", 1280)

    # The carer, with no account, withdraws the story with the code.
    carer = new_context(viewport=PHONE).new_page()
    carer.goto("/stories/shared/")
    expect(carer.get_by_role("main")).not_to_contain_text("rang me back")  # agreed for the partnership only
    checked(carer, "public", 375)
    carer.goto("/stories/withdraw/")  # the address has no code: they type it in
    carer.get_by_label("Your withdrawal code").fill(code)
    checked(carer, "withdraw-by-code", 375)
    carer.get_by_role("button", name="Withdraw my story").click()
    expect(carer.get_by_role("heading", level=1)).to_have_text("Your story is withdrawn")
    checked(carer, "withdrawn", 375)
    story = Story.objects.get(recorded_by=sam)
    assert story.words == "" and story.deidentified == "" and story.withdrawn_at

    desk.goto(session_url)
    expect(desk.get_by_role("main")).not_to_contain_text("rang me back")
    expect(desk.get_by_role("main")).to_contain_text("withdrawn by their tellers")
    desk.goto(f"/stories/teams/{team.pk}/")
    expect(desk.get_by_role("main")).to_contain_text("Withdrawn by the teller on")
    checked(desk, "team-after", 1280)

    # On his phone, Sam writes down his own story; it is in "Your stories", where he could withdraw it.
    phone = desk
    phone.set_viewport_size(PHONE)
    phone.goto(f"/stories/teams/{team.pk}/")
    checked(phone, "team", 375)
    phone.get_by_role("link", name="Write down a story").click()
    checked(phone, "record", 375)
    phone.get_by_label("It is my own story").check()  # told by a member of staff: not asked
    phone.get_by_label("The story, in the teller's own words").fill("I nearly left last winter. The team kept me.")
    phone.get_by_label("Team learning only").check()
    phone.get_by_label("The teller agreed that their story is shared in this way").check()
    phone.get_by_role("button", name="Continue").click()
    checked(phone, "check", 375)
    phone.get_by_role("button", name="Save the story").click()
    expect(phone.get_by_role("main")).to_contain_text("You can withdraw your story at any time")
    checked(phone, "saved", 375)
    phone.get_by_role("link", name="Take out names and add themes").click()
    checked(phone, "prepare", 375)
    phone.goto("/stories/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your stories")
    checked(phone, "yours", 375)
    phone.get_by_role("link", name="Your story").click()
    phone.get_by_role("link", name="Withdraw this story").click()
    checked(phone, "withdraw", 375)
    phone.get_by_role("button", name="Withdraw the story").click()
    expect_success(phone, "The story is withdrawn.")
    checked(phone, "story-withdrawn", 375)
    phone.goto(session_url)
    checked(phone, "session", 375)
