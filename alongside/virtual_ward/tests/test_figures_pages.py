"""The virtual ward's figures page and its CSV: the figures with their methods for the ward's team, the period
chosen (and what is wrong with it, kept as typed), a fixed number of queries however many stays, and the
spreadsheet for the team leader: a row a month, audited as an export, safe to open, nobody's name in it."""

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.virtual_ward import measures
from alongside.virtual_ward import report_figures as report
from alongside.virtual_ward.models import DayCapacity

from .factories_figures import at, stay, ward_with_practice

pytestmark = pytest.mark.django_db
PAGE = "/virtual-ward/figures/"
CSV = "/virtual-ward/figures.csv"
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


@pytest.fixture
def ward(member):
    """A 10-bed ward with a baseline of 365 admissions a year, 4 people registered at its practice, 5 beds on
    2 March, and four stays in March 2026: step-up home (3 days), step-up died at home (1 day), step-up to hospital
    (2 days), step-down home (6 days)."""
    ward = ward_with_practice(
        4, beds=10, baseline_admissions_per_year=365, baseline_source="Hospital episode statistics, 2024 to 2025"
    )
    DayCapacity.objects.create(ward=ward, day=date(2026, 3, 2), beds=5, set_by=member("team_leader", team=ward.team))
    stay(ward, at(2026, 3, 2, 10), at(2026, 3, 5, 10), outcome="home")
    stay(ward, at(2026, 3, 10, 10), at(2026, 3, 11, 10), outcome="died_at_home")
    stay(ward, at(2026, 3, 20, 10), at(2026, 3, 22, 10), outcome="hospital")
    stay(ward, at(2026, 3, 24, 10), at(2026, 3, 30, 10), step_up=False, outcome="home")
    return ward


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_ward_team_sees_each_figure_with_its_method(client, member, ward):
    client.force_login(member("clinician", team=ward.team))
    response = client.get(PAGE, MARCH)
    assert response.status_code == 200
    page = text(response)
    assert "<title>Virtual ward figures" in page and '<h1 class="nhsuk-heading-l">Virtual ward figures</h1>' in page
    assert "from 1 March 2026 to 31 March 2026" in page
    assert "10 beds" in page
    assert "250,000.0" in page and "the 4 people registered with the ward&#39;s GP practices in Alongside" in page
    assert "3.9%" in page and "Bed-days used (12.0) divided by bed-days available (305)" in page
    assert "3.0 days (middle value 2.5 days)" in page and "Of the 4 stays that ended in the period" in page
    assert "67% (2 of 3)" in page
    assert "Hospital episode statistics, 2024 to 2025" in page and "365 × 31 ÷ 365" in page
    assert "3.2% (target 17%)" in page
    assert "Between 0.1% and 18.0%" in page and "The range includes the target, so we cannot say" in page
    assert "would not have gone into hospital anyway" in page
    assert "csv-link" not in page  # a nurse does not download; the team leader does
    event = AuditEvent.objects.get(action="virtual_ward_figures_viewed")
    assert (event.object_id, event.detail) == (str(ward.pk), {"first": "2026-03-01", "last": "2026-03-31"})


def test_with_no_baseline_the_share_avoided_cannot_be_given(client, member):
    ward = ward_with_practice(0, beds=10)
    client.force_login(member("team_leader", team=ward.team))
    page = text(client.get(PAGE, MARCH))
    assert "No baseline has been set for this ward." in page
    assert "No one is registered in Alongside with the ward&#39;s GP practices" in page


def test_the_default_is_the_last_12_months(client, member, ward):
    client.force_login(member("clinician", team=ward.team))
    response = client.get(PAGE)
    assert response.status_code == 200
    page = text(response)
    today = timezone.localdate()
    first = today - timedelta(days=364)
    assert f"from {first:%-d %B %Y} to {today:%-d %B %Y}" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {
                "from_day": "1",
                "from_month": "4",
                "from_year": "2026",
                "to_day": "1",
                "to_month": "3",
                "to_year": "2026",
            },
            "The end date must be the same as or after the start date",
        ),
        ({"from_day": "31", "from_month": "2", "from_year": "2026"}, "The start date must be a real date"),
        ({"to_day": "1", "to_month": "1", "to_year": "2099"}, "The end date must be today or in the past"),
        ({"from_day": "", "from_month": "3", "from_year": "2026"}, "The start date must include a day"),
        ({"from": "next tuesday"}, "The start date must"),
    ],
)
def test_a_wrong_period_says_what_is_wrong_and_keeps_what_was_typed(client, member, ward, query, message):
    client.force_login(member("clinician", team=ward.team))
    response = client.get(PAGE, query)
    assert response.status_code == 200
    page = text(response)
    assert message in page and "nhsuk-error-summary" in page and "Put the dates right" in page
    for key, value in query.items():
        if "_" in key and value:
            assert f'name="{key}" type="text" value="{value}"' in page or f'value="{value}"' in page


def test_another_wards_figures_are_not_found(client, member, ward):
    other = ward_with_practice(0)
    client.force_login(member("team_leader", team=other.team))
    assert client.get(PAGE, {"ward": ward.pk}).status_code == 404
    assert client.get(CSV, {"ward": ward.pk}).status_code == 404


def test_someone_in_two_wards_teams_chooses_the_ward(client, member, ward):
    other = ward_with_practice(0, name="Hillside virtual ward")
    nurse = member("clinician", team=ward.team)
    other.team.memberships.create(user=nurse, role="clinician")
    client.force_login(nurse)
    page = text(client.get(PAGE, {**MARCH, "ward": other.pk}))
    assert 'id="id_ward"' in page and "Change the dates or ward" in page
    assert '<span class="nhsuk-caption-l">Hillside virtual ward</span>' in page
    assert "People admitted" in page and "0 (0 step-up, 0 step-down)" in page
    assert "Riverside" in text(client.get(PAGE, {**MARCH, "ward": ""}))  # an empty choice is the first ward


def _queries(client, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE, query).status_code == 200
    return len(captured)


def test_the_registered_population_held_on_the_ward_is_used_with_its_source(client, member, ward):
    ward.registered_population = 60_000
    ward.population_source = "Patients Registered at a GP Practice, April 2026"
    ward.save()
    client.force_login(member("team_leader", team=ward.team))
    page = text(client.get(PAGE, MARCH))
    assert "16.7" in page and "the 60,000 people registered with the ward&#39;s GP practices, times 100,000" in page
    assert "Patients Registered at a GP Practice, April 2026" in page and "in Alongside" not in page
    rows = list(csv.DictReader(io.StringIO(client.get(CSV, {"ward": ward.pk, **MARCH}).content.decode())))
    assert rows[0]["Registered population"] == "60000" and rows[0]["Beds per 100,000 registered population"] == "16.67"


def test_the_back_link_goes_to_the_wards_board(client, member, ward):
    client.force_login(member("clinician", team=ward.team))
    page = text(client.get(PAGE, {**MARCH, "ward": ward.pk}))
    assert f'href="/virtual-ward/?ward={ward.pk}"' in page and "Back to the board" in page
    assert "Back to your home page" not in page
    assert 'href="/virtual-ward/"' in text(client.get(PAGE, {"from": "nonsense"}))


def test_the_number_of_queries_does_not_grow_with_the_stays(client, member, ward, django_assert_num_queries):
    client.force_login(member("clinician", team=ward.team))
    few = _queries(client, MARCH)
    # the session, the user, memberships, the user's own record, second factor; the wards; the stays, the days with
    # their own beds, the people registered; the audit insert; the header's MDT link
    assert few == 11
    for day in range(1, 20):
        stay(ward, at(2026, 3, day, 9), at(2026, 3, day, 20), outcome="home", bed=2)
    with django_assert_num_queries(few):
        client.get(PAGE, MARCH)
    assert text(client.get(PAGE, MARCH)).count("Admissions avoided") >= 1


def test_the_team_leader_downloads_a_row_a_month_audited_and_safe(client, member, ward):
    ward.name = '=HYPERLINK("http://example.org")'
    ward.save()
    client.force_login(member("team_leader", team=ward.team))
    response = client.get(CSV, {"ward": ward.pk, "from": "2026-02-15", "to": "2026-03-31"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="virtual-ward-{ward.pk}-figures-2026-02-15-to-2026-03-31.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["From"], r["To"]) for r in rows] == [("2026-02-15", "2026-02-28"), ("2026-03-01", "2026-03-31")]
    march = rows[1]
    assert march["Ward"].startswith("'=")
    assert march["Beds (usual)"] == "10" and march["Bed-days available"] == "305"
    assert march["Admissions"] == "4" and march["Step-up admissions"] == "3" and march["Step-down admissions"] == "1"
    assert march["Admissions avoided"] == "1" and march["Admissions expected from the baseline"] == "31.0"
    assert march["Deflection %"] == "3.2" and march["Target deflection %"] == "17.0"
    assert (
        march["Snapshot time"].startswith("2026-03-26T08:00") and march["Patients on the ward at the snapshot"] == "1"
    )
    assert march["Beds per 100,000 registered population"] == "250000.00"
    assert rows[0]["Admissions"] == "0" and rows[0]["Average length of stay (days)"] == ""
    event = AuditEvent.objects.get(action="virtual_ward_figures_exported")
    assert event.object_id == str(ward.pk) and event.person_id is None and event.detail["rows"] == 2
    body = response.content.decode().split("\n", 1)[1]  # the rows (a family name such as "Ward" is in the header)
    for episode in ward.episodes.select_related("person"):
        assert episode.person.family_name not in body


def test_a_download_with_wrong_dates_goes_back_to_the_page_to_show_what_is_wrong(client, member, ward):
    client.force_login(member("team_leader", team=ward.team))
    response = client.get(CSV, {"ward": ward.pk, "from": "2026-03-31", "to": "2026-03-01"})
    assert response.status_code == 302 and response["Location"].startswith(PAGE + "?")
    assert "The end date must be the same as or after the start date" in text(client.get(response["Location"]))
    assert not AuditEvent.objects.filter(action="virtual_ward_figures_exported").exists()


def test_a_target_with_a_decimal_place_shows_it_and_a_whole_one_does_not(client, member, ward):
    ward.target_deflection = Decimal("0.175")
    ward.save()
    client.force_login(member("clinician", team=ward.team))
    assert "(target 17.5%)" in text(client.get(PAGE, MARCH))
    assert report.percent_as_needed(0.17) == "17%" and report.percent_as_needed(0.175) == "17.5%"


def test_every_count_has_thousands_separated(client, member, ward, monkeypatch):
    """Counts this large take thousands of stays: the figures are made large after they are worked out."""
    worked_out = report.work_out

    def large(*args):
        found = worked_out(*args)
        return replace(
            found,
            beds=1200,
            admitted=2110,
            step_up_admitted=1514,
            step_down_admitted=1596,
            length_of_stay=replace(found.length_of_stay, count=2099),
            at_home=measures.AtHome(step_up_ended=1514, stayed_home=1200, died_at_home=1032),
            avoided=1200,
        )

    monkeypatch.setattr(report, "work_out", large)
    client.force_login(member("clinician", team=ward.team))
    page = text(client.get(PAGE, MARCH))
    assert "1,200 beds" in page and "2,110 (1,514 step-up, 1,596 step-down)" in page
    assert "Of the 2,099 stays" in page and "(2,232 of 1,514)" in page
    assert "home and was handed to the neighbourhood team (1,200), or died at home as they wished (1,032)" in page
    assert report.count(1232) == "1,232"
