"""The training pages as staff use them: recording a course (your own, or for a member of your team), checked
before saving, saved once; a team's coverage in a fixed number of queries; courses an administrator adds."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.core.registry import TeamShare, team_figure, team_panel
from alongside.core.tests.pages import texts
from alongside.partners.models import Membership, Organisation
from alongside.partners.tests.factories import OrganisationFactory, TeamFactory
from alongside.training.expiry import expires_on
from alongside.training.forms import SAME_DAY, CorrectForm
from alongside.training.models import Course, Record
from alongside.training.queries import shares

pytestmark = pytest.mark.django_db


def form_key(client, url) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def course(key="recovery_approach") -> Course:
    return Course.objects.get(key=key)


def done(user, key="recovery_approach", days_ago=100, by=None, organisation=None) -> Record:
    """A record of `user`'s, made in `organisation` (else the organisation of their first team)."""
    c = course(key)
    completed = timezone.localdate() - timedelta(days=days_ago)
    first_team = Membership.objects.filter(user=user).order_by("pk").values_list("team__organisation", flat=True)
    return Record.objects.create(
        user=user,
        course=c,
        completed_on=completed,
        expires_on=expires_on(completed, c.valid_months),
        recorded_by=by or user,
        organisation=organisation or Organisation.objects.filter(pk__in=first_team[:1]).first(),
    )


@pytest.fixture
def team():
    return TeamFactory(name="Riverside")


@pytest.fixture
def leader(member, team):
    return member("team_leader", team=team, first_name="Lee", last_name="Hart")


@pytest.fixture
def sam(member, team):
    return member("clinician", team=team, first_name="Sam", last_name="Patel")


def answers(key, c, day, member=None):
    data = {
        "form_key": key,
        "course": c.pk,
        "completed_day": day.day,
        "completed_month": day.month,
        "completed_year": day.year,
    }
    if member is not None:
        data["member"] = member.pk
    return data


def test_the_shipped_courses_come_from_the_data_file():
    shipped = dict(Course.objects.filter(organisation=None).values_list("key", "valid_months"))
    assert set(shipped) == {
        "recovery_approach",
        "peer_support",
        "volunteer_risk_awareness",
        "safeguarding_adults",
        "safeguarding_children",
    }
    assert shipped["recovery_approach"] == 36 and shipped["peer_support"] is None


def test_a_leader_records_training_for_a_member_checked_first_and_saved_once(client, leader, sam, team):
    client.force_login(leader)
    url = f"/training/teams/{team.pk}/record/"
    day = timezone.localdate() - timedelta(days=10)
    data = answers(form_key(client, url), course(), day, member=sam)
    check = client.post(url, data)
    assert "Check your answers before saving" in texts(check) and "Sam Patel" in texts(check)
    assert not Record.objects.exists()
    changed = client.post(url, {**data, "change": "yes"})
    assert 'value="Sam Patel"' not in changed.content.decode() and f'value="{day.year}"' in changed.content.decode()
    first = client.post(url, {**data, "confirm": "yes"})
    again = client.post(url, {**data, "confirm": "yes"})
    assert first.status_code == again.status_code == 302 and first["Location"] == f"/training/teams/{team.pk}/"
    record = Record.objects.get()
    assert (record.user, record.recorded_by, record.completed_on) == (sam, leader, day)
    assert record.expires_on == expires_on(day, 36) and not record.by_themselves
    assert AuditEvent.objects.filter(action="training_recorded").count() == 1
    # the same course on the same day again, from a new form, is refused with its own message
    second = client.post(url, {**answers(form_key(client, url), course(), day, member=sam)})
    assert "Sam Patel has already got this course recorded as finished on that day" in texts(second)
    assert Record.objects.count() == 1


def test_someone_records_their_own_training_marked_as_by_themselves(client, sam):
    client.force_login(sam)
    url = "/training/record/"
    day = timezone.localdate() - timedelta(days=3)
    client.post(url, {**answers(form_key(client, url), course("peer_support"), day), "confirm": "yes"})
    record = Record.objects.get()
    assert record.by_themselves and record.expires_on is None
    page = texts(client.get("/training/"))
    assert "Recorded by yourself" in page and "never expires" in page


def test_the_audit_rows_name_the_teams_organisation(client, leader, sam, team):
    day = timezone.localdate() - timedelta(days=3)
    for user, url, member in ((sam, "/training/record/", None), (leader, f"/training/teams/{team.pk}/record/", sam)):
        client.force_login(user)
        client.post(url, {**answers(form_key(client, url), course("peer_support"), day, member), "confirm": "yes"})
        day -= timedelta(days=1)
    events = AuditEvent.objects.filter(action="training_recorded")
    assert [e.organisation_id for e in events] == [team.organisation_id] * 2


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date the course was finished"),
        ("3", "", "2025", "must include a month"),
        ("31", "2", "2025", "must be a real date"),
        ("1_0", "1", "2025", "must be a real date"),  # int() reads "1_0" as 10: the boxes take the digits 0 to 9
        ("+3", "1", "2025", "must be a real date"),
        ("1", "1", "1989", "must be in 1990 or later"),
        ("1", "1", "25", "must have a year with 4 numbers, for example 2025"),
        ("1", "1", str(date.today().year + 2), "must be today or in the past"),
    ],
)
def test_a_bad_date_gets_its_own_message_and_keeps_what_was_typed(client, sam, day, month, year, message):
    client.force_login(sam)
    url = "/training/record/"
    page = client.post(
        url,
        {
            "form_key": form_key(client, url),
            "course": course().pk,
            "completed_day": day,
            "completed_month": month,
            "completed_year": year,
        },
    )
    assert message in texts(page) and "There is a problem" in texts(page)
    assert f'value="{year}"' in page.content.decode()
    assert not Record.objects.exists()


def test_a_member_sees_counts_and_their_own_standing_but_no_names(client, sam, leader, team, member):
    done(leader)
    client.force_login(sam)
    page = texts(client.get(f"/training/teams/{team.pk}/"))
    assert "1 of 2 staff (50%) have done recovery approach training in date" in page
    assert "Lee Hart" not in page and "Record training for someone" not in page
    assert client.get(f"/training/teams/{team.pk}/record/").status_code == 404


def test_the_leader_sees_names_and_expired_and_due_soon(client, sam, leader, team):
    done(sam, days_ago=36 * 31)  # expired
    done(leader, days_ago=36 * 30 - 20)  # due soon
    client.force_login(leader)
    page = texts(client.get(f"/training/teams/{team.pk}/"))
    ran_out = expires_on(timezone.localdate() - timedelta(days=36 * 31), 36)
    assert f"Sam Patel: Expired ran out on {ran_out.day} " in page and "Expired until" not in page
    assert "Lee Hart: Due soon until" in page
    assert "1 of 2 staff (50%)" in page
    assert "1 of them needs to do it again soon" in page


def test_each_row_adds_up_and_the_headline_counts_due_soon_as_in_date(client, sam, leader, team, member):
    done(sam, key="safeguarding_adults")  # in date
    done(leader, key="safeguarding_adults", days_ago=36 * 30 - 20)  # due soon
    done(sam)
    done(leader, days_ago=36 * 30 - 20)
    ravi = member("clinician", team=team, first_name="Ravi", last_name="Shah")
    done(ravi, days_ago=36 * 30 - 10)
    client.force_login(leader)
    response = client.get(f"/training/teams/{team.pk}/")
    html = response.content.decode()
    row = re.search(r"Safeguarding adults</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">(\d+)</td>", row) == ["1", "1", "0", "1"]  # in date, due soon, expired, not done: 3 staff
    page = texts(response)
    assert "3 of 3 staff (100%) have done recovery approach training in date" in page
    assert "including anyone due soon" in page and "2 of them need to do it again soon" in page
    # who needs to do what lists only those with something to do
    to_do = page.split("Who needs to do what")[1]
    assert "Sam Patel: In date" not in to_do and "Lee Hart: Due soon" in to_do
    assert "Peer support: 3 to do" in to_do
    done(sam, key="peer_support")
    done(leader, key="peer_support")
    done(ravi, key="peer_support")
    again = texts(client.get(f"/training/teams/{team.pk}/")).split("Who needs to do what")[1]
    assert "Peer support: 0 to do Nobody. Everyone is in date." in again


def test_volunteer_risk_awareness_counts_only_coordinators(client, sam, leader, team, member):
    coordinator = member("coordinator", team=team, first_name="Cat", last_name="Moss")
    client.force_login(leader)
    html = client.get(f"/training/teams/{team.pk}/").content.decode()
    row = re.search(r"Volunteer risk awareness(.*?)</tr>", html, re.S).group(1)
    assert "Only for: Community coordinator (1 here)" in row
    assert re.findall(r">(\d+)</td>", row) == ["0", "0", "0", "1"]
    page = texts(client.get(f"/training/teams/{team.pk}/")).split("Who needs to do what")[1]
    assert "Volunteer risk awareness: 1 to do" in page and "Cat Moss: Not done" in page
    client.force_login(sam)
    assert "Volunteer risk awareness" not in texts(client.get("/training/"))
    client.force_login(coordinator)
    assert "Volunteer risk awareness" in texts(client.get("/training/"))
    done(coordinator, key="volunteer_risk_awareness")
    assert shares("volunteer_risk_awareness", [team.pk])[team.pk] == TeamShare(1, 1)


def test_an_administrator_sees_their_organisations_teams_not_others(client, member, team, sam):
    admin = member("admin", team=TeamFactory(organisation=team.organisation))
    client.force_login(admin)
    assert "Sam Patel" in texts(client.get(f"/training/teams/{team.pk}/"))
    other = TeamFactory(organisation=OrganisationFactory())
    assert client.get(f"/training/teams/{other.pk}/").status_code == 404
    assert client.get("/training/teams/2147483647/").status_code == 404


def test_the_team_page_reads_a_fixed_number_of_queries(client, leader, team, member):
    def staff(n):
        for i in range(n):
            done(member("clinician", team=team), days_ago=100 + i)

    client.force_login(leader)
    staff(2)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/training/teams/{team.pk}/")
    staff(12)
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"/training/teams/{team.pk}/")
    assert len(few) == len(many)
    assert "14 of 15 staff" in texts(page)


def test_figures_give_shares_for_many_teams_in_three_queries(member, django_assert_num_queries):
    teams = [TeamFactory() for _ in range(5)]
    for n, t in enumerate(teams):
        for i in range(n):
            user = member("clinician", team=t)
            if i % 2 == 0:
                done(user)
                done(user, key="safeguarding_adults", days_ago=5000)  # expired
    with django_assert_num_queries(3):
        got = team_figure("training:recovery_approach").shares([t.pk for t in teams])
    assert got[teams[3].pk] == TeamShare(2, 3) and teams[0].pk not in got
    assert shares("safeguarding_adults", [teams[4].pk])[teams[4].pk] == TeamShare(0, 4)


def test_the_team_panel_shows_the_share_to_the_team_only(rf, leader, sam, team, member):
    done(sam)
    panel = team_panel("training")
    request = rf.get("/")
    request.user, request.memberships = leader, list(leader.memberships.select_related("team"))
    assert panel.context(request, team)["share"] == TeamShare(1, 2)
    stranger = member("clinician")
    request.user, request.memberships = stranger, list(stranger.memberships.select_related("team"))
    assert panel.context(request, team) is None


def test_home_shows_what_is_due(client, sam):
    done(sam, days_ago=36 * 31)
    client.force_login(sam)
    page = texts(client.get("/"))
    assert "Your training" in page and "1 course expired" in page
    own = texts(client.get("/training/"))
    assert "ran out on" in own and "runs out" not in own.split("The recovery approach")[1][:80]


def test_an_administrator_adds_a_course_of_their_own_once(client, member, sam, team):
    admin = member("admin", team=TeamFactory(organisation=team.organisation))
    client.force_login(admin)
    url = "/training/courses/new/"
    bad = client.post(
        url,
        {
            "form_key": form_key(client, url),
            "name": "The recovery approach",
            "covers": "x",
            "expires": "yes",
            "months": "0",
        },
    )
    assert "There is already a course with this name" in texts(bad) and "from 1 to 120" in texts(bad)
    odd = client.post(
        url, {"form_key": form_key(client, url), "name": "X", "covers": "x", "expires": "yes", "months": "²"}
    )
    assert odd.status_code == 200 and "from 1 to 120" in texts(odd)  # a digit to str.isdigit, not to int()
    data = {
        "form_key": form_key(client, url),
        "name": "Suicide prevention",
        "covers": "Asking directly",
        "expires": "yes",
        "months": "12",
    }
    check = texts(client.post(url, data))
    assert "Check the course before adding it" in check and "Every 12 months" in check
    assert "Every member of staff in your organisation will see this course as one to do" in check
    assert not Course.objects.filter(name="Suicide prevention").exists()
    changed = client.post(url, {**data, "change": "yes"})
    assert 'value="Suicide prevention"' in changed.content.decode() and "There is a problem" not in texts(changed)
    client.post(url, {**data, "confirm": "yes"})
    client.post(url, {**data, "confirm": "yes"})
    added = Course.objects.get(name="Suicide prevention")
    assert added.organisation == team.organisation and added.valid_months == 12
    client.force_login(sam)
    assert "Suicide prevention" in texts(client.get("/training/courses/"))
    assert client.get(url).status_code in (403, 404)


def test_an_administrator_retires_a_shipped_course_for_their_organisation_only(client, member, sam, team):
    from alongside.training import shipped

    admin = member("admin", team=TeamFactory(organisation=team.organisation))
    elsewhere = member("clinician", team=TeamFactory(name="Elsewhere"))
    done(sam, days_ago=100)  # in date: it still counts
    client.force_login(admin)
    url = f"/training/courses/{course().pk}/retire/"
    assert "Retire" in texts(client.get("/training/courses/"))
    check = texts(client.get(url))
    assert "Retire The recovery approach?" in check and "Records already made are kept" in check
    assert not course().retirements.exists()  # nothing happens before the button
    first, again = client.post(url), client.post(url)
    assert first.status_code == again.status_code == 302
    assert course().retirements.count() == 1
    assert AuditEvent.objects.filter(action="training_course_retired").get().organisation_id == team.organisation_id
    assert "Courses your organisation has retired" in texts(client.get("/training/courses/"))
    shipped.ensure()  # what runs after every migrate and flush: it never un-retires a course
    assert course().retirements.count() == 1
    client.force_login(sam)
    assert "The recovery approach" not in texts(client.get("/training/record/"))  # no longer offered
    assert "The recovery approach" in texts(client.get("/training/"))  # Sam's record stays on his page
    assert "The recovery approach" not in texts(client.get(f"/training/teams/{team.pk}/"))  # not to do any more
    assert client.get(url).status_code in (403, 404)  # only administrators retire a course
    client.force_login(elsewhere)
    assert "The recovery approach" in texts(client.get("/training/record/"))  # another organisation still offers it


def test_an_administrator_cannot_retire_another_organisations_course(client, member, team):
    other = OrganisationFactory()
    theirs = Course.objects.create(organisation=other, name="Their own", covers="x", valid_months=12)
    client.force_login(member("admin", team=team))
    assert client.get(f"/training/courses/{theirs.pk}/retire/").status_code == 404
    assert client.post(f"/training/courses/{theirs.pk}/retire/").status_code == 404
    assert not theirs.retirements.exists()


def test_a_member_puts_the_day_of_their_own_record_right_and_a_stale_change_keeps_what_was_typed(client, sam, team):
    record = done(sam, days_ago=100)
    client.force_login(sam)
    assert f"/training/records/{record.pk}/change/" in client.get("/training/").content.decode()
    url = f"/training/records/{record.pk}/change/"
    form = client.get(url).content.decode()
    assert f'value="{record.completed_on.day}"' in form
    day = timezone.localdate() - timedelta(days=50)
    data = {"version": "1", "completed_day": day.day, "completed_month": day.month, "completed_year": day.year}
    assert "must be in 1990 or later" in texts(client.post(url, data | {"completed_year": "1989"}))
    assert client.post(url, data)["Location"] == "/training/"
    record.refresh_from_db()
    assert (record.completed_on, record.expires_on, record.version) == (day, expires_on(day, 36), 2)
    stale = client.post(url, data | {"completed_day": "1", "completed_month": "2"})
    assert "Someone changed this record while you were on this page" in texts(stale)
    assert 'value="2"' in stale.content.decode()  # the month as typed
    record.refresh_from_db()
    assert record.completed_on == day
    event = AuditEvent.objects.get(action="training_record_corrected")
    assert event.organisation_id == team.organisation_id


def test_a_change_that_lands_on_a_day_taken_a_moment_before_gets_the_same_message(client, sam, monkeypatch):
    """Two changes at once can both pass the form's look for the same day: the second gets the form's message,
    not an error page, and keeps what was typed."""
    record = done(sam, days_ago=100)
    day = timezone.localdate() - timedelta(days=50)
    checked = CorrectForm.clean

    def a_colleague_lands_first(form):
        data = checked(form)
        done(sam, days_ago=50)  # between this form's look and its save
        return data

    monkeypatch.setattr(CorrectForm, "clean", a_colleague_lands_first)
    client.force_login(sam)
    data = {"version": "1", "completed_day": day.day, "completed_month": day.month, "completed_year": day.year}
    page = client.post(f"/training/records/{record.pk}/change/", data)
    assert page.status_code == 200 and SAME_DAY in texts(page)
    assert f'value="{day.day}"' in page.content.decode()
    record.refresh_from_db()
    assert record.completed_on == timezone.localdate() - timedelta(days=100)


def test_a_record_entered_by_mistake_is_checked_then_deleted_once(client, sam, team):
    record = done(sam, days_ago=100)
    client.force_login(sam)
    url = f"/training/records/{record.pk}/delete/"
    check = texts(client.get(url))
    assert "Delete this training record?" in check and "The recovery approach" in check
    assert Record.objects.exists()  # nothing happens before the button
    first, again = client.post(url, {"version": "1"}), client.post(url, {"version": "1"})
    assert first["Location"] == again["Location"] == "/training/"
    assert not Record.objects.exists()
    assert AuditEvent.objects.get(action="training_record_deleted").organisation_id == team.organisation_id


def test_the_leader_puts_a_members_record_right_and_a_colleague_cannot(client, member, sam, leader, team):
    record = done(sam, days_ago=100)
    colleague = member("clinician", team=team)
    client.force_login(colleague)
    for path in ("change", "delete"):
        assert client.get(f"/training/records/{record.pk}/{path}/").status_code == 404
    assert client.post(f"/training/records/{record.pk}/delete/", {"version": "1"}).status_code == 404
    assert client.get(f"/training/teams/{team.pk}/people/{sam.pk}/").status_code == 404
    client.force_login(leader)
    person = f"/training/teams/{team.pk}/people/{sam.pk}/"
    assert person in client.get(f"/training/teams/{team.pk}/").content.decode()
    page = texts(client.get(person))
    assert "Sam Patel’s training" in page and "Recorded by themselves" in page
    assert client.post(f"/training/records/{record.pk}/delete/", {"version": "1"})["Location"] == person
    assert not Record.objects.exists()


def test_odd_numbers_in_a_correction_or_a_delete_get_a_message_not_an_error_page(client, sam):
    record = done(sam, days_ago=100)
    client.force_login(sam)
    url = f"/training/records/{record.pk}/change/"
    typed = {"version": "1", "completed_day": "9999999999", "completed_month": "1", "completed_year": "2025"}
    huge = client.post(url, typed)
    assert huge.status_code == 200 and "must be a real date" in texts(huge)
    odd = client.post(f"/training/records/{record.pk}/delete/", {"version": "²"})
    assert odd.status_code == 302 and Record.objects.filter(pk=record.pk).exists()  # nothing deleted unseen
