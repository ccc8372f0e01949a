"""The team's outcomes page: for the team's leader and members, counting only the team's caseload, first answer in
the period against the latest, with no names, small groups left out with a plain sentence, in a fixed number of
queries however many people."""

import html
import re
from datetime import timedelta

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.outcomes.models import How, Response
from alongside.partners.tests.factories import TeamFactory
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

pytestmark = pytest.mark.django_db
URL = reverse("outcomes:team")


def phq9(total: int) -> dict:
    """Nine answers adding up to `total` (0 to 27)."""
    return {f"phq9-{n}": min(3, max(0, total - 3 * (n - 1))) for n in range(1, 10)}


def measured(person, *totals, instrument="phq-9", days_ago=(60, 10)):
    """The person answered PHQ-9 with these totals, the first `days_ago[0]` days ago and the last `days_ago[1]`."""
    now = timezone.now()
    first, last = days_ago
    step = (first - last) / max(1, len(totals) - 1)
    Response.objects.bulk_create(
        Response(
            person=person,
            instrument=instrument,
            answers=phq9(total),
            total=total,
            completed_at=now - timedelta(days=first - step * i),
            how=How.WITH_STAFF,
        )
        for i, total in enumerate(totals)
    )


def row_of(body: str, instrument: str) -> list[str]:
    """The cells of the table row about `instrument`, as a reader hears them (without the small-screen labels)."""
    row = next(r for r in re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", body, re.S) if instrument in r)
    row = re.sub(r'<span class="nhsuk-table-responsive__heading"[^>]*>.*?</span>', "", row)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]


def on_caseload(team, n, *totals, **kwargs):
    people = []
    for _ in range(n):
        person = PersonFactory(given_name="Casey", family_name="Loadperson")
        RelationshipFactory(person=person, team=team, kind="team_caseload")
        measured(person, *totals, **kwargs)
        people.append(person)
    return people


@pytest.fixture
def team():
    return TeamFactory(name="Riverside community team")


@pytest.fixture
def leader(member, team):
    return member("team_leader", team=team)


def test_the_team_sees_who_improved_got_worse_or_stayed_the_same_without_names(client, leader, team):
    on_caseload(team, 3, 20, 12, 8)  # a fall of 12: reliably better
    on_caseload(team, 2, 10, 12)  # about the same
    on_caseload(team, 1, 5, 15)  # a rise of 10: reliably worse
    on_caseload(team, 4, 20)  # measured once: not counted
    client.force_login(leader)
    page = client.get(URL)
    assert page.status_code == 200
    body = html.unescape(page.content.decode())
    assert "<title>Your team's outcomes" in body
    assert row_of(body, "PHQ-9") == ["Patient Health Questionnaire (PHQ-9)", "6", "50%", "33%", "17%"]
    assert "Casey" not in body and "Loadperson" not in body
    assert "Too few people answered Generalised Anxiety Disorder" in body
    assert "has no published measure of reliable change" in body  # ONS4
    assert AuditEvent.objects.filter(action="team_outcomes_viewed", object_id=str(team.pk)).count() == 1


def test_a_group_under_five_is_not_shown(client, leader, team):
    on_caseload(team, 4, 20, 5)
    client.force_login(leader)
    body = client.get(URL).content.decode()
    assert "Too few people answered Patient Health Questionnaire (PHQ-9)" in body
    assert 'id="outcomes"' not in body and "100%" not in body


def test_only_the_teams_caseload_counts(client, leader, team):
    on_caseload(team, 5, 20, 5)
    on_caseload(TeamFactory(), 5, 5, 20)  # another team's people, who got worse
    client.force_login(leader)
    body = client.get(URL).content.decode()
    assert row_of(body, "PHQ-9")[1:] == ["5", "100%", "0%", "0%"]


def test_the_period_chosen_decides_which_answers_count(client, leader, team):
    on_caseload(team, 5, 20, 5, days_ago=(300, 20))  # first answer ten months ago
    client.force_login(leader)
    assert "Too few people answered Patient Health" in client.get(URL, {"period": "6m"}).content.decode()
    assert "Too few people answered Patient Health" not in client.get(URL, {"period": "12m"}).content.decode()


def test_nonsense_choices_fall_back_to_the_defaults(client, leader, team):
    client.force_login(leader)
    assert client.get(URL, {"period": "forever", "team": "x\x00"}).status_code == 200


def test_a_member_of_the_team_sees_it_too_but_not_another_teams(client, member, team):
    other = TeamFactory(name="Hillside team")
    on_caseload(other, 5, 20, 5)
    clinician = member("clinician", team=team)
    client.force_login(clinician)
    body = client.get(URL, {"team": other.pk}).content.decode()
    assert "Riverside community team" in body and "Hillside team" not in body
    assert "100%" not in body


def test_a_volunteer_or_administrator_may_not_see_it(client, member):
    for role in ("volunteer", "admin"):
        client.force_login(member(role))
        assert client.get(URL).status_code in (403, 404)


def test_a_volunteer_hubs_coordinator_is_not_offered_an_empty_page_for_the_hub(client, member):
    hub = TeamFactory(name="Living Well hub", kind="volunteer_hub")
    client.force_login(member("coordinator", team=hub))
    answer = client.get(URL)
    assert answer.status_code in (403, 404)
    assert "Living Well hub" not in answer.content.decode()


def test_team_leaders_find_it_in_the_header(client, leader, member):
    client.force_login(leader)
    assert URL in client.get(reverse("home")).content.decode()
    client.force_login(member("clinician"))
    assert f'href="{URL}"' not in client.get(reverse("home")).content.decode()


def test_the_page_takes_the_same_number_of_queries_for_5_or_40_people(client, leader, team):
    client.force_login(leader)
    on_caseload(team, 5, 20, 5)
    client.get(URL)  # warm: sessions and the like
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    on_caseload(team, 35, 5, 20)
    with CaptureQueriesContext(connection) as many:
        assert row_of(client.get(URL).content.decode(), "PHQ-9")[1:] == ["40", "13%", "0%", "87%"]
    assert len(many) == len(few) <= 12


def test_stored_answers_read_in_one_batch_score_as_each_response_does(team, monkeypatch):
    from alongside.outcomes import scoring, team_queries
    from alongside.outcomes.instruments import shipped

    phq9 = shipped()["phq-9"]
    people = on_caseload(team, 3, 20, 4)
    elsewhere = PersonFactory()
    Response.objects.create(person=elsewhere, instrument="phq-9", answers={"phq9-1": 3, "phq9-2": 2}, how=How.API)
    Response.objects.create(person=elsewhere, instrument="gad-7", answers={"gad7-1": 3}, how=How.API)
    everyone = team_queries.stored_answers(phq9)
    assert everyone.shape == (7, 9)
    stored = list(Response.objects.filter(instrument="phq-9").order_by("id"))
    expected = [scoring.score(phq9, r.answers).total for r in stored]
    got = scoring.score_totals(phq9, everyone)
    assert [None if np.isnan(v) else v for v in got] == expected
    only_team = team_queries.stored_answers(phq9, team_queries.caseload(team.pk))
    assert only_team.shape == (2 * len(people), 9)
    monkeypatch.setattr(team_queries, "CHUNK", 2)  # read a few at a time: the same matrix
    assert np.array_equal(team_queries.stored_answers(phq9), everyone, equal_nan=True)
    assert team_queries.stored_answers(shipped()["ons4"]).shape == (0, 4)
