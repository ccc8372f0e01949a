"""Journey: a team leader reflects with the team on how the people they care for are doing.

Priya leads the Riverside team. From the header she opens the team's outcomes: for PHQ-9, of the people on the
team's caseload who answered it twice or more in the last 12 months, how many are reliably better, about the same
or reliably worse; no names; GAD-7, answered by too few, is left out with a plain sentence. She looks back over
the last 6 months instead, where too few answered PHQ-9 too. At a phone's width the table still reads cell by cell. Each
page passes the axe check at both widths.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from alongside.outcomes.models import How, Response
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

from .browser import assert_accessible, menu_link, sign_in

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def caseload_with_answers(team, totals: list[tuple[int, int]], first_days_ago: int = 200):
    now = timezone.now()
    for before, after in totals:
        person = PersonFactory(given_name="Casey", family_name="Hidden")
        RelationshipFactory(person=person, team=team, kind="team_caseload")
        for days, total in ((first_days_ago, before), (20, after)):
            Response.objects.create(
                person=person,
                instrument="phq-9",
                answers={"phq9-1": 0},
                total=total,
                completed_at=now - timedelta(days=days),
                how=How.WITH_STAFF,
            )


def test_a_team_leader_reflects_on_the_teams_outcomes(page, new_context, staff):
    team = TeamFactory(name="Riverside community team")
    priya, secret = staff("team_leader", team=team, first_name="Priya", last_name="Shah")
    caseload_with_answers(team, [(20, 8)] * 4 + [(12, 13)] * 3 + [(6, 16)])

    desk = new_context(viewport=DESKTOP).new_page()
    sign_in(desk, priya, secret)
    menu_link(desk, "Team outcomes").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Your team's outcomes")
    expect(desk).to_have_title("Your team's outcomes – Alongside")
    table = desk.get_by_role("table")
    expect(table).to_contain_text("Patient Health Questionnaire (PHQ-9)")
    expect(table.get_by_role("row").nth(1)).to_contain_text("8")
    expect(table).to_contain_text("50%")  # 4 of 8 reliably better
    expect(desk.get_by_role("main")).not_to_contain_text("Casey")
    expect(desk.locator("#not-shown")).to_contain_text("Too few people answered Generalised Anxiety Disorder")
    expect(desk.get_by_role("radio", checked=True)).to_have_count(1)  # the period shown is the one chosen
    assert_accessible(desk)

    desk.get_by_label("The last 6 months").check()
    desk.get_by_role("button", name="Show").click()
    expect(desk.get_by_role("heading", name="The last 6 months")).to_be_visible()
    expect(desk.get_by_role("table")).to_have_count(0)
    expect(desk.locator("#not-shown")).to_contain_text("Too few people answered Patient Health Questionnaire (PHQ-9)")
    assert_accessible(desk)

    phone = desk  # the same signed-in session on a phone's width (an authenticator code is used once)
    phone.set_viewport_size(PHONE)
    phone.goto("/outcomes/team/")
    expect(phone.get_by_role("table")).to_contain_text("Reliably worse")
    assert_accessible(phone)
