"""The coordinators' reports on community referrals: the figures a coordinator reads for their organisation's
referrals, in a fixed number of queries however many there are; the period chosen; the first answer kept when a
later answer moved the referral on; the spreadsheet, audited as a report export, with nothing
about any person in it."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.tests.requests import acting_as
from alongside.directory import actions_referring, reports_queries
from alongside.directory.models import Phone
from alongside.directory.referring_queries import token_for
from alongside.directory.referring_rules import Status
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory

from .finding_factories import make_service, needs
from .reports_factories import make_referral

pytestmark = pytest.mark.django_db
PAGE = "/directory/reports/"
DOWNLOAD = "/directory/reports/download.csv"


@pytest.fixture
def world(member):
    """Riverside's referrals: befriending accepted and given an outcome within hours, a debt service not able to
    help two weeks later, a walking group that never answered (one waiting 10 days, one sent today); and another
    organisation's referral, which is not in Riverside's figures."""
    now = timezone.now()
    team = TeamFactory(name="Riverside")
    other_team_same_org = TeamFactory(name="Hillside", organisation=team.organisation)
    terms = needs()
    befriending = make_service("Northvale Befriending", terms=[terms["befriending"]])
    debt = make_service("Debt Advice Northvale", terms=[terms["money"]])
    walks = make_service("Walking Group", referral_email="walks@example.org")
    Phone.objects.create(service=walks, number="01632 960 123")
    make_referral(
        befriending,
        team,
        "accepted",
        sent_at=now - timedelta(days=3),
        answered_at=now - timedelta(days=3) + timedelta(hours=2),
    )
    make_referral(
        befriending,
        other_team_same_org,
        "outcome",
        sent_at=now - timedelta(days=20),
        answered_at=now - timedelta(days=20) + timedelta(hours=1),
    )
    make_referral(debt, team, "not_able", sent_at=now - timedelta(days=40), answered_at=now - timedelta(days=26))
    make_referral(walks, team, "sent", sent_at=now - timedelta(days=10))
    make_referral(walks, team, "sent", sent_at=now)
    make_referral(walks, TeamFactory(organisation=OrganisationFactory()), "sent", sent_at=now - timedelta(days=10))
    make_referral(debt, team, "outcome", sent_at=now - timedelta(days=200), answered_at=now - timedelta(days=199))
    coordinator = member("coordinator", team=team)
    return {"team": team, "coordinator": coordinator, "walks": walks, "befriending": befriending}


def _rows(html: str, table: str) -> list[list[str]]:
    """A table's rows as the text of their cells, without the headings shown on a phone."""
    import re

    section = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", section, re.S)[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append(
            [
                " ".join(
                    re.sub(
                        r"<[^>]+>",
                        " ",
                        re.sub(r'<span class="nhsuk-table-responsive__heading".*?</span>', "", c, flags=re.S),
                    ).split()
                )
                for c in cells
            ]
        )
    return rows


def test_a_coordinator_reads_their_organisations_figures_for_the_last_3_months(client, world):
    client.force_login(world["coordinator"])
    html = client.get(PAGE).content.decode()
    assert "Community referral reports: the last 3 months" in html
    assert 'value="3m" checked' in html  # the default, shown plainly
    services = _rows(html, "services-table")
    # most referrals first, then by name; sent, answered, waiting, accepted, not able, not taken up, outcome
    assert services == [
        ["Northvale Befriending (Northvale Befriending Trust)", "2", "2", "0", "1", "0", "0", "1"],
        ["Walking Group (Walking Group Trust)", "2", "0", "2", "0", "0", "0", "0"],
        ["Debt Advice Northvale (Debt Advice Northvale Trust)", "1", "1", "0", "0", "1", "0", "0"],
    ]
    assert _rows(html, "needs-table") == [
        ["Loneliness and company", "2", "2", "0", "1", "0", "0", "1"],
        ["Money and debt", "1", "1", "0", "0", "1", "0", "0"],
        ["No need recorded for the service", "2", "0", "2", "0", "0", "0", "0"],
    ]
    timing = html.split('id="timing"', 1)[1].split("</dl>", 1)[0]
    assert "0 working days" in timing  # the median of 0, 0 and 10
    assert "2 of 3 (67%)" in timing
    assert _rows(html, "outcomes-table") == [
        ["Waiting for an answer", "2", "40%"],
        ["Accepted, no outcome yet", "1", "20%"],
        ["Not able to help", "1", "20%"],
        ["Not taken up", "0", "0%"],
        ["Outcome given", "1", "20%"],
    ]
    silent = _rows(html, "silent-table")
    assert len(silent) == 1 and silent[0][:4] == ["Walking Group (Walking Group Trust) Never answered", "2", "0", "1"]
    assert 'href="tel:01632960123"' in html and 'href="mailto:walks@example.org"' in html
    assert "Company" not in html  # nobody's words


def test_all_time_takes_in_older_referrals_and_a_bad_period_is_the_default(client, world):
    client.force_login(world["coordinator"])
    html = client.get(PAGE, {"period": "all"}).content.decode()
    assert _rows(html, "services-table")[0] == [
        "Debt Advice Northvale (Debt Advice Northvale Trust)",
        "2",
        "2",
        "0",
        "0",
        "1",
        "0",
        "1",
    ]
    assert "at any time" in html
    assert client.get(PAGE, {"period": "'; drop"}).status_code == 200
    assert 'value="3m" checked' in client.get(PAGE, {"period": ["x", "y"]}).content.decode()


def test_the_page_takes_the_same_queries_however_many_referrals(client, world, django_assert_num_queries):
    client.force_login(world["coordinator"])
    client.get(PAGE)
    # the session, the user, their memberships, person record and second factor; whether they take part in an MDT
    # (for the header's link); then the report's seven
    with django_assert_num_queries(12):
        assert client.get(PAGE).status_code == 200
    for n in range(6):
        service = make_service(f"More {n}")
        Phone.objects.create(organisation=service.organisation, number=f"01632 96000{n}")
        for status in ("sent", "accepted", "outcome"):
            make_referral(service, world["team"], status)
    with django_assert_num_queries(12):
        assert client.get(PAGE).status_code == 200


def test_a_later_answer_does_not_hide_when_the_service_first_answered(world, member):
    """The referral keeps its first answer's time as well as its latest."""
    now = timezone.now()
    service = make_service("Quick Answers")
    referral = make_referral(service, world["team"], "sent", sent_at=now - timedelta(days=3))
    answered = actions_referring.answer(acting_as(world["coordinator"]), token_for(referral.form_key), Status.ACCEPTED)
    assert answered is not None
    type(referral).objects.filter(pk=referral.pk).update(
        status="outcome", answered_at=now + timedelta(days=30)
    )  # as if the outcome came long after
    found = reports_queries.figures(frozenset({world["team"].organisation_id}), None)
    mine = [r for r in found.referrals if r.service_id == service.pk]
    assert mine[0].first_answer_at <= timezone.now()


def test_the_spreadsheet_has_the_same_figures_is_audited_and_names_nobody(client, world):
    client.force_login(world["coordinator"])
    response = client.get(DOWNLOAD, {"period": "12m"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Row", "Figure", "Value"]
    assert ["By service", "Walking Group (Walking Group Trust)", "Waiting", "2"] in rows
    assert [
        "Services that have not answered",
        "Walking Group (Walking Group Trust)",
        "Phone",
        world["walks"].phones.order_by("id").first().number,
    ] in rows
    assert ["Time to first answer", "", "Share answered within 5 working days", "75%"] in rows
    assert "Company" not in response.content.decode()
    event = AuditEvent.objects.get(action="directory_report_exported")
    assert event.actor == world["coordinator"] and event.person_id is None
    assert event.detail["period"] == "12m"


def test_a_formula_in_a_service_name_is_not_run_by_a_spreadsheet(client, world):
    make_referral(make_service("=HYPERLINK(1)"), world["team"], "sent")
    client.force_login(world["coordinator"])
    body = client.get(DOWNLOAD).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_no_referrals_says_so(client, member):
    client.force_login(member("team_leader"))
    html = client.get(PAGE).content.decode()
    assert "No referrals were sent in this time." in html
