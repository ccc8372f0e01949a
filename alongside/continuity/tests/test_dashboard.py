"""The team leaders' continuity dashboard, a person's continuity measures, and a leader's review of a named
worker: who is listed and in what order, what each table's numbers are, who may see them, and what is audited."""

import html
import re
from datetime import date, timedelta
from statistics import mean

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.consent.models import ConsentProvision
from alongside.continuity import indices
from alongside.continuity.actions import facts_of
from alongside.continuity.models import ContinuityFacts
from alongside.continuity.priority import priority
from alongside.continuity.tests.factories import ChangeRequestFactory, ContactFactory
from alongside.core.models import AuditEvent
from alongside.core.tests.factories import UserFactory
from alongside.core.tests.pages import texts
from alongside.partners.models import Organisation
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship
from alongside.people.tests.factories import PersonFactory, allocate

pytestmark = pytest.mark.django_db

DASHBOARD = "/continuity/dashboard/"
LONG_AGO = timezone.now() - timedelta(days=800)


# --- making people, contacts and facts ----------------------------------------------------------------------------


def days_ago(days: int, hour: int = 10):
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) - timedelta(days=days)


def on_caseload(person, team):
    CareRelationship.objects.create(person=person, kind="team_caseload", team=team)


def name_worker(person, worker):
    """The named worker since long before any contact in these tests."""
    CareRelationship.objects.create(person=person, kind="named_worker", user=worker, started_at=LONG_AGO)


def record_facts(person, by, stored=None, **facts):
    record = ContinuityFacts(person=person, updated_by=by, **facts)
    record.priority = priority(facts_of(record), timezone.localdate()).score if stored is None else stored
    record.save()
    return record


def seen(person, *workers, start=10):
    """A contact with each worker in turn, a day apart, ending `start` days ago."""
    for k, worker in enumerate(workers):
        ContactFactory(
            person=person,
            practitioner=worker,
            kind="home_visit",
            at=days_ago(start + len(workers) - k),
            minutes=30,
            recorded_by=worker,
        )


def table_rows(response, table_id: str) -> list[list[str]]:
    """The body rows of a table on the page, each as its cells' text (without the small-screen headings)."""
    page = response.content.decode()
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S).group(0)
    body = table.split("<tbody", 1)[1]
    body = re.sub(r'<span class="nhsuk-table-responsive__heading"[^>]*>.*?</span>', "", body, flags=re.S)
    rows = []
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c))).strip() for c in cells])
    return rows


def shown(value) -> str:
    return "– not measured" if value is None else f"{value:.2f}"


@pytest.fixture
def staff(member, team):
    """The team's leader, a clinician and a social worker (the shared `staff` has two clinicians)."""
    return {
        "lena": member("team_leader", team=team, first_name="Lena", last_name="Moss"),
        "sam": member("clinician", team=team, first_name="Sam", last_name="Patel"),
        "bea": member("social_worker", team=team, first_name="Bea", last_name="Ward"),
    }


# --- who may see it -----------------------------------------------------------------------------------------------


def test_only_team_leaders_open_the_dashboard(client, staff):
    client.force_login(staff["sam"])
    assert client.get(DASHBOARD).status_code == 403
    client.force_login(staff["lena"])
    page = client.get(DASHBOARD)
    assert page.status_code == 200
    assert "People who most need a familiar face" in texts(page)


def test_the_leader_of_another_team_cannot_review_the_named_worker(client, member, staff, team):
    ada = PersonFactory(given_name="Ada")
    on_caseload(ada, team)
    name_worker(ada, staff["sam"])
    other_team = TeamFactory(organisation=team.organisation)
    on_caseload(ada, other_team)  # on their caseload too, but Lena's team has looked after her longer
    client.force_login(member("team_leader", team=other_team))
    url = f"/continuity/people/{ada.pk}/named-worker/review/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"new_worker": staff["bea"].pk, "reason": "x"}).status_code == 404
    assert CareRelationship.objects.active().get(person=ada, kind="named_worker").user == staff["sam"]
    assert AuditEvent.objects.filter(action="denied:named_worker_review_opened", person_id=ada.pk).count() == 2
    client.force_login(staff["sam"])  # not a team leader at all
    assert client.get(url).status_code == 403


# --- the people who most need a familiar face ---------------------------------------------------------------------


def test_high_priority_people_with_low_continuity_come_first_highest_priority_then_lowest_share(
    client, member, staff, team
):
    sam, bea, lena = staff["sam"], staff["bea"], staff["lena"]
    people = {}
    for name in ["Ada", "Ben", "Cai", "Dot", "Eve", "Fay", "Gus", "Hal"]:
        people[name] = PersonFactory(given_name=name, family_name="Test")
        on_caseload(people[name], team)
    ada, ben, cai, dot, eve, fay, gus, hal = people.values()
    record_facts(ada, lena, wants_continuity=True, incurable_illness=True, frailty="moderate")  # 8, no named worker
    record_facts(ben, lena, wants_continuity=True, frailty="severe")  # 6
    name_worker(ben, sam)
    seen(ben, sam, bea, bea, bea)  # 1 of 4 with Sam
    record_facts(cai, lena, incurable_illness=True, frailty="severe")  # 6, named worker but no contacts
    name_worker(cai, sam)
    record_facts(dot, lena, wants_continuity=True, frailty="severe")  # 6, but sees Sam: 3 of 4
    name_worker(dot, sam)
    seen(dot, sam, bea, sam, sam)
    record_facts(eve, lena, lives_alone=True, long_term_condition=True)  # medium: not listed
    record_facts(fay, lena, wants_continuity=True, incurable_illness=True)  # 6, but asked not to share with us
    ConsentProvision.objects.create(
        person=fay, permit=False, actor_kind="organisation", organisation=team.organisation, categories=["care"]
    )
    # Gus's crisis was 120 days ago: once high, now medium, though the stored number has not been saved since
    record_facts(gus, lena, stored=5, frailty="mild", lives_alone=True, last_crisis_on=date.today() - timedelta(120))
    record_facts(hal, lena, wants_continuity=True, frailty="severe")  # 6, half with Bea: not low
    name_worker(hal, bea)
    seen(hal, bea, sam)
    elsewhere = PersonFactory(given_name="Ian")  # another team's caseload
    on_caseload(elsewhere, TeamFactory())
    record_facts(elsewhere, lena, wants_continuity=True, incurable_illness=True)

    client.force_login(lena)
    response = client.get(DASHBOARD)
    rows = table_rows(response, "needing-list")
    assert [row[0] for row in rows] == ["Ada Test", "Cai Test", "Ben Test"]
    assert rows[0][1].startswith("High (8) Why: they want to see the same person; an illness that cannot")
    assert rows[0][2:4] == ["None", "No contacts"]
    assert rows[2][2:4] == ["Sam Patel", "1 of 4 contacts with Sam"]
    assert rows[2][4] == "Book with Sam for Ben Test Review named worker for Ben Test"
    assert rows[0][4] == "Review named worker for Ada Test"  # no named worker to book with
    page = response.content.decode()
    assert f'href="/continuity/people/{ben.pk}/appointments/new/"' in page
    assert f'href="/continuity/people/{ada.pk}/named-worker/review/"' in page

    listed = AuditEvent.objects.filter(action="continuity_priority_listed", actor=lena)
    assert sorted(listed.values_list("person_id", flat=True)) == sorted([ada.pk, ben.pk, cai.pk])
    assert set(listed.values_list("basis", flat=True)) == {"relationship"}
    viewed = AuditEvent.objects.get(action="continuity_dashboard_viewed", actor=lena)
    assert (viewed.object_type, viewed.object_id, viewed.person_id) == ("team", str(team.pk), None)
    assert viewed.detail["last"] == timezone.localdate().isoformat()


def test_the_list_reads_a_fixed_number_of_queries_however_many_people_it_shows(client, staff, team):
    sam, bea, lena = staff["sam"], staff["bea"], staff["lena"]

    def add_people(count):
        for _ in range(count):
            person = PersonFactory()
            on_caseload(person, team)
            record_facts(person, lena, wants_continuity=True, incurable_illness=True)
            name_worker(person, sam)
            seen(person, bea, bea, sam)

    client.force_login(lena)
    add_people(3)
    with CaptureQueriesContext(connection) as few:
        response = client.get(DASHBOARD)
    assert len(table_rows(response, "needing-list")) == 3
    add_people(27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(DASHBOARD)
    assert len(table_rows(response, "needing-list")) == 10  # a page at a time
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert AuditEvent.objects.filter(action="continuity_priority_listed").count() == 3 + 10


def test_ten_people_are_listed_a_page_at_a_time_and_the_total_is_given(client, staff, team):
    lena = staff["lena"]
    people = []
    for k in range(22):
        person = PersonFactory()
        on_caseload(person, team)
        record_facts(person, lena, wants_continuity=True, incurable_illness=True, lives_alone=k < 5)
        people.append(person)
    client.force_login(lena)
    response = client.get(DASHBOARD)
    first = table_rows(response, "needing-list")
    assert len(first) == 10
    assert "Showing 1 to 10 of 22 people." in texts(response)
    assert "22 people on the caseload" in texts(response)  # the summary at the top
    assert AuditEvent.objects.filter(action="continuity_priority_listed").count() == 10
    last = client.get(DASHBOARD, {"page": "3"})
    assert len(table_rows(last, "needing-list")) == 2
    assert "Showing 21 to 22 of 22 people." in texts(last)
    assert {r[0] for r in first}.isdisjoint({r[0] for r in table_rows(last, "needing-list")})
    assert table_rows(client.get(DASHBOARD, {"page": "99"}), "needing-list") == table_rows(last, "needing-list")
    assert len(table_rows(client.get(DASHBOARD, {"page": "x"}), "needing-list")) == 10  # bad input: the first page


def test_a_leader_of_two_teams_chooses_the_team(client, member, staff, team):
    lena = staff["lena"]
    second = TeamFactory(name="Westfield neighbourhood team")
    MembershipFactory(user=lena, team=second, role="team_leader")
    ada = PersonFactory(given_name="Ada", family_name="Hill")
    on_caseload(ada, second)
    record_facts(ada, lena, wants_continuity=True, incurable_illness=True)
    client.force_login(lena)
    first = client.get(DASHBOARD)
    assert "Ada Hill" not in texts(first)  # Riverside comes first by name; Ada is on Westfield's caseload
    chosen = client.get(DASHBOARD, {"team": second.pk})
    assert "Ada Hill" in texts(chosen)
    assert f'<option value="{second.pk}" selected>Westfield neighbourhood team</option>' in chosen.content.decode()
    wrong = client.get(DASHBOARD, {"team": TeamFactory().pk})
    assert "Select one of the teams you lead" in texts(wrong)


# --- the tables ---------------------------------------------------------------------------------------------------


def test_worker_and_practice_numbers_are_the_reference_ones(client, member, staff, team):
    sam, bea, lena = staff["sam"], staff["bea"], staff["lena"]
    dee = member("coordinator", team=team, first_name="Dee", last_name="Ray")  # new: nobody on her list yet
    north = OrganisationFactory(name="North Street Surgery", kind=Organisation.Kind.GP_PRACTICE)
    south = OrganisationFactory(name="South Road Practice", kind=Organisation.Kind.GP_PRACTICE)
    OrganisationFactory(name="Quiet Lane Surgery", kind=Organisation.Kind.GP_PRACTICE)  # nobody registered
    cal = UserFactory(first_name="Cal", last_name="Ng")  # from another service
    # Who sees whom, oldest contact first. Named workers: Sam for p1-p3, Bea for p4-p5, nobody for p6.
    plan = {
        "p1": (north, sam, [sam, sam, bea, sam]),
        "p2": (north, sam, [bea, cal, bea, dee]),
        "p3": (south, sam, [sam]),
        "p4": (south, bea, [bea, bea, sam, bea, bea]),
        "p5": (north, bea, [cal, sam]),
        "p6": (south, None, [sam, dee, bea, sam]),
    }
    people, named, pairs = {}, {}, []
    for label, (practice, worker, who) in plan.items():
        person = PersonFactory(given_name=label, gp_practice=practice)
        on_caseload(person, team)
        if worker:
            name_worker(person, worker)
            named[person.pk] = worker.pk
        seen(person, *who)
        people[label] = person
        pairs += [(person.pk, w.pk) for w in who]
    old = PersonFactory(gp_practice=north)  # seen before the period: in no table for the period
    ContactFactory(person=old, practitioner=sam, kind="clinic", at=days_ago(500), minutes=10, recorded_by=sam)

    def reference(group_people, practitioners=None):
        """Per-person indices averaged over the group, SLICC and the own-patient ratio pooled, from indices.py."""
        mine = [(p, w) for p, w in pairs if p in group_people]
        each = []
        for p in group_people:
            seen_by = [w for q, w in mine if q == p]
            if seen_by:
                each.append(
                    indices.person_indices(
                        str(p),
                        [
                            indices.Contact(
                                str(p), str(w), days_ago(30 - k), str(k), str(named[p]) if p in named else None
                            )
                            for k, w in enumerate(seen_by)
                        ],
                    )
                )

        def average(name):
            values = [getattr(r, name) for r in each if getattr(r, name) is not None]
            return mean(values) if values else None

        on_lists = {p: w for p, w in named.items() if p in group_people}
        opr = (
            indices.own_patient_ratio(pairs, named, practitioners)
            if practitioners
            else indices.own_patient_ratio(mine, named, {w for _, w in mine})
        )
        return [
            str(len(each)),
            str(len(mine)),
            *[shown(average(n)) for n in ("upc", "breslau_upc", "coc", "kpc")],
            shown(indices.slicc(mine, on_lists, set(on_lists.values()))),
            shown(opr),
        ]

    client.force_login(lena)
    response = client.get(DASHBOARD)
    by_worker = {row[0]: row[1:] for row in table_rows(response, "by-named-worker")}
    sams = {people[p].pk for p in ("p1", "p2", "p3")}
    beas = {people[p].pk for p in ("p4", "p5")}
    assert by_worker["Sam Patel"] == ["3", *reference(sams, sam.pk)]
    assert by_worker["Bea Ward"] == ["2", *reference(beas, bea.pk)]
    everyone = {p.pk for p in people.values()}
    assert by_worker["Dee Ray"] == ["0", "0", "0", *["– not measured"] * 5, "0.00"]  # her 2 contacts: not her list
    assert indices.own_patient_ratio(pairs, named, dee.pk) == 0
    whole_team = reference(everyone, {sam.pk, bea.pk, dee.pk})
    assert by_worker["Whole team (Riverside neighbourhood team)"] == ["6", *whole_team]
    # Sam's list by hand: p1 UPC 3/4, p2 UPC 2/4 (p3 has one contact: not measured); SLICC 4 of 9 contacts
    assert by_worker["Sam Patel"][3] == f"{(3 / 4 + 2 / 4) / 2:.2f}" and by_worker["Sam Patel"][7] == f"{4 / 9:.2f}"

    by_practice = {row[0]: row[1:] for row in table_rows(response, "practices")}
    norths = {people[p].pk for p in ("p1", "p2", "p5")}
    souths = {people[p].pk for p in ("p3", "p4", "p6")}
    assert by_practice["North Street Surgery"] == reference(norths)
    assert by_practice["South Road Practice"] == reference(souths)
    assert by_practice["Whole borough"] == reference(everyone)
    assert by_practice["Quiet Lane Surgery"][:3] == ["0", "0", "– not measured"]

    # Quarter by quarter, every contact of the last eight quarters is counted once: the old one in the borough's
    team_quarters, borough_quarters = table_rows(response, "over-time-team"), table_rows(response, "over-time-borough")
    assert len(team_quarters) == len(borough_quarters) == 8 and team_quarters[-1][0].endswith("(so far)")
    assert sum(int(row[2]) for row in team_quarters) == len(pairs)
    assert sum(int(row[2]) for row in borough_quarters) == len(pairs) + 1


def test_a_team_with_nobody_on_its_caseload_shows_empty_tables(client, staff):
    client.force_login(staff["lena"])
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    page = texts(response)
    assert "Nobody on the caseload with a high continuity priority is missing a familiar face" in page
    assert table_rows(response, "over-time-team")[0][1:3] == ["0", "0"]


# --- choosing the period ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"start_day": "31", "start_month": "2", "start_year": "2026"}, "The start date must be a real date"),
        ({"start_day": "", "start_month": "4", "start_year": "2026"}, "The start date must include a day"),
        ({"end_day": "1", "end_month": "1", "end_year": "2020", "start_year": "2021"}, "The end date must be the same"),
        ({"end_year": str(date.today().year + 1)}, "The end date must be today or in the past"),
        ({"start_year": "1999"}, "The start date must be in 2000 or later"),
        ({"start_year": "twenty"}, "The start date must be a real date, written in numbers"),
    ],
)
def test_a_period_that_cannot_be_measured_is_explained_and_kept(client, staff, typed, message):
    client.force_login(staff["lena"])
    response = client.get(DASHBOARD, typed)
    assert response.status_code == 200
    page = texts(response)
    assert "There is a problem" in page and message in page
    assert "<title>Error: " in response.content.decode()
    for value in typed.values():
        assert f'value="{value}"' in response.content.decode()
    assert "People who most need a familiar face" not in page
    assert not AuditEvent.objects.filter(action="continuity_dashboard_viewed").exists()


def test_a_chosen_period_is_used(client, staff, team):
    lena, sam = staff["lena"], staff["sam"]
    ada = PersonFactory(given_name="Ada", family_name="Test")
    on_caseload(ada, team)
    record_facts(ada, lena, wants_continuity=True, incurable_illness=True)
    name_worker(ada, sam)
    seen(ada, sam, sam, start=400)  # good continuity over a year ago, none since
    client.force_login(lena)
    assert table_rows(client.get(DASHBOARD), "needing-list")[0][3] == "No contacts"
    then = timezone.localdate() - timedelta(days=400)
    first = then - timedelta(days=365)
    span = {
        "start_day": first.day,
        "start_month": first.month,
        "start_year": first.year,
        "end_day": then.day,
        "end_month": then.month,
        "end_year": then.year,
    }
    response = client.get(DASHBOARD, span)
    assert "Nobody on the caseload with a high continuity priority" in texts(response)
    viewed = AuditEvent.objects.filter(action="continuity_dashboard_viewed").order_by("pk").last()
    assert viewed.detail["first"] == first.isoformat()


# --- a person's measures ------------------------------------------------------------------------------------------


def test_a_persons_measures_show_where_the_numbers_come_from(client, staff, team):
    sam, bea = staff["sam"], staff["bea"]
    ada = PersonFactory(given_name="Ada", family_name="Test")
    name_worker(ada, sam)
    seen(ada, sam, sam, bea, sam)
    client.force_login(sam)
    url = f"/continuity/people/{ada.pk}/measures/"
    response = client.get(url)
    page = texts(response)
    assert "Continuity measures" in page and "Named worker now: Sam Patel" in page
    measures = dict(
        (key, value)
        for key, value in re.findall(
            r'<dt class="nhsuk-summary-list__key">(.*?)</dt>\s*<dd class="nhsuk-summary-list__value">\s*([^<]*)',
            re.search(r'<dl class="nhsuk-summary-list" id="measures">.*?</dl>', response.content.decode(), re.S).group(
                0
            ),
            re.S,
        )
    )
    clean = {re.sub(r"<[^>]+>", "", k): v.strip() for k, v in measures.items()}
    assert clean["Contacts"] == "4" and clean["Different workers seen"] == "2"
    # Each index by its plain name first, then its abbreviation
    assert clean["Usual provider of care (UPC)"] == "0.75"
    assert clean["Contacts with the named worker (Breslau UPC)"] == "0.75"
    assert clean["Bice-Boxerman continuity of care index (COC)"] == f"{(9 + 1 - 4) / 12:.2f}"  # (3² + 1² − 4) / 12
    assert clean["Sequential continuity (SECON)"] == f"{1 / 3:.2f}"  # Sam→Sam only, of three pairs
    rows = table_rows(response, "contact-list")
    assert len(rows) == 4 and rows[0][2] == "Sam Patel (their named worker then)" and rows[1][2] == "Bea Ward"
    assert AuditEvent.objects.filter(action="continuity_measures_viewed", person_id=ada.pk).count() == 1


def test_what_cannot_be_measured_is_explained(client, staff):
    sam = staff["sam"]
    ada = PersonFactory(given_name="Ada")
    allocate(ada, "care_team", user=sam)
    seen(ada, sam)
    client.force_login(sam)
    page = texts(client.get(f"/continuity/people/{ada.pk}/measures/"))
    assert "Not measured: only one contact in this period: it takes two or more" in page
    seen(ada, sam, start=40)
    page = texts(client.get(f"/continuity/people/{ada.pk}/measures/"))
    assert "Usual provider of care (UPC) 1.00" in page
    assert "Not measured: they had no named worker at the time of any of these contacts" in page


def test_only_those_who_may_read_their_care_see_their_measures(client, member, staff):
    ada = PersonFactory()
    client.force_login(member("clinician"))
    assert client.get(f"/continuity/people/{ada.pk}/measures/").status_code == 404
    bad = client.get(f"/continuity/people/{ada.pk + 1000}/measures/")
    assert bad.status_code == 404


# --- reviewing the named worker -----------------------------------------------------------------------------------


def form_key(response) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def ada(staff, team):
    person = PersonFactory(given_name="Ada", family_name="Test")
    on_caseload(person, team)
    name_worker(person, staff["sam"])
    seen(person, staff["bea"], staff["bea"], staff["bea"], staff["sam"])
    return person


def test_the_choices_say_how_often_the_person_saw_each_worker(client, member, staff, team, ada):
    member("coordinator", team=team, first_name="Cy", last_name="Rees")
    client.force_login(staff["lena"])
    response = client.get(f"/continuity/people/{ada.pk}/named-worker/review/")
    page = response.content.decode()
    options = re.findall(r"<option[^>]*>([^<]*)</option>", page)
    assert options == ["Select a member of the team", "Bea Ward – seen 3 times", "Cy Rees – not seen in the last year"]
    assert table_rows(response, "seen") == [["Bea Ward", "3"], ["Sam Patel (named worker now)", "1"]]
    assert AuditEvent.objects.filter(action="named_worker_review_opened", person_id=ada.pk).count() == 1


def test_the_leader_changes_the_named_worker_once_even_when_the_button_is_pressed_twice(client, staff, team, ada):
    client.force_login(staff["lena"])
    url = f"/continuity/people/{ada.pk}/named-worker/review/"
    data = {"form_key": form_key(client.get(url)), "new_worker": staff["bea"].pk, "reason": "Ada knows Bea well"}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"{DASHBOARD}?team={team.pk}"
    named = CareRelationship.objects.filter(person=ada, kind="named_worker").order_by("started_at")
    assert [(r.user, r.ended_reason, r.ended_at is None) for r in named] == [
        (staff["sam"], "Named worker changed", False),
        (staff["bea"], "", True),
    ]
    assert AuditEvent.objects.filter(action="named_worker_reviewed", person_id=ada.pk).count() == 1
    assert "Named worker changed" in texts(client.get(first["Location"]))


def test_a_reason_is_needed_and_the_choice_is_kept(client, staff, ada):
    client.force_login(staff["lena"])
    url = f"/continuity/people/{ada.pk}/named-worker/review/"
    response = client.post(url, {"form_key": form_key(client.get(url)), "new_worker": staff["bea"].pk, "reason": ""})
    page = texts(response)
    assert "There is a problem" in page and "Say why you are changing their named worker" in page
    assert "<title>Error: " in response.content.decode()
    assert f'value="{staff["bea"].pk}" selected' in response.content.decode()
    nothing_chosen = texts(client.post(url, {"form_key": form_key(client.get(url)), "reason": "Because"}))
    assert "Select who will be their new named worker" in nothing_chosen
    assert CareRelationship.objects.active().get(person=ada, kind="named_worker").user == staff["sam"]


def test_a_waiting_request_for_a_different_named_worker_is_pointed_out(client, staff, team, ada):
    change = ChangeRequestFactory(
        person=ada,
        current_worker=staff["sam"],
        team=team,
        asked_by=staff["bea"],
        asked_as="staff",
        reason="Ada finds it hard to talk to Sam",
        answer_due=timezone.now() + timedelta(days=5),
    )
    client.force_login(staff["lena"])
    response = client.get(f"/continuity/people/{ada.pk}/named-worker/review/")
    assert "Someone asked for a different named worker for them" in texts(response)
    assert f'href="/continuity/named-worker-requests/{change.pk}/"' in response.content.decode()
    assert "hard to talk" not in texts(response)  # the reason stays with the request


# --- the figures kept by the nightly task -------------------------------------------------------------------------


def test_the_figures_kept_each_night_equal_the_live_ones_and_say_when_they_were_worked_out(client, member, staff, team):
    sam, bea, lena = staff["sam"], staff["bea"], staff["lena"]
    dee = member("coordinator", team=team, first_name="Dee", last_name="Ray")
    other = TeamFactory(name="Westfield neighbourhood team")
    kim = member("clinician", team=other, first_name="Kim", last_name="Lo")
    north = OrganisationFactory(name="North Street Surgery", kind=Organisation.Kind.GP_PRACTICE)
    south = OrganisationFactory(name="South Road Practice", kind=Organisation.Kind.GP_PRACTICE)
    plan = [
        (team, north, sam, [sam, sam, bea, sam], 10),
        (team, north, sam, [bea, kim, bea, dee], 100),
        (team, south, bea, [bea, bea, sam, bea, bea], 200),
        (team, south, None, [sam, dee, bea, sam], 400),
        (other, north, kim, [kim, kim, sam], 20),
        (other, None, kim, [kim, bea], 600),
    ]
    for k, (where, practice, worker, who, start) in enumerate(plan):
        person = PersonFactory(given_name=f"p{k}", gp_practice=practice)
        on_caseload(person, where)
        if worker:
            name_worker(person, worker)
        seen(person, *who, start=start)
    client.force_login(lena)
    tables = ("over-time-team", "over-time-practice", "over-time-borough", "by-named-worker", "practices")
    live = client.get(DASHBOARD)
    assert "worked out just now" in texts(live)

    from alongside.continuity import tasks

    assert tasks.refresh_dashboard_figures.call(timezone.localdate().isoformat()) > 0
    kept = client.get(DASHBOARD)
    assert "These figures were worked out at" in texts(kept) and "They are worked out again each night" in texts(kept)
    for table in tables:
        assert table_rows(kept, table) == table_rows(live, table), table
        assert any(row[1] != "0" for row in table_rows(kept, table)), table  # not an empty table equal to another
    assert AuditEvent.objects.filter(action="continuity_figures_worked_out").count() == 1
    # Another period is worked out live, and says so
    chosen = {"start_day": "1", "start_month": "1", "start_year": str(timezone.localdate().year - 1)}
    assert "worked out just now" in texts(client.get(DASHBOARD, chosen))
    # Run again the same night: one set of figures is kept, not two
    tasks.refresh_dashboard_figures.call(timezone.localdate().isoformat())
    from alongside.continuity.models import DashboardRun

    assert DashboardRun.objects.count() == 1


def test_the_figures_kept_equal_a_live_working_out_to_the_last_digit(client, staff, team):
    """Below the two decimals the page shows: every stored value equals the live one for the same team, exactly."""
    sam, bea = staff["sam"], staff["bea"]
    for k in range(6):
        person = PersonFactory()
        on_caseload(person, team)
        name_worker(person, sam if k % 2 else bea)
        seen(person, *([sam, bea, sam][: k % 3 + 1] * 2), start=30 * k + 5)
    from alongside.continuity import dashboard_figures, dashboard_queries

    today = timezone.localdate()
    kept = dashboard_figures.keep(dashboard_queries.nightly_figures(today), 0.1)
    workers = dashboard_queries.team_workers(team)
    stored = dashboard_figures.stored(kept, team.pk, [w.pk for w in workers])
    caseload = dashboard_queries.caseload_of(team)
    live = dashboard_queries.live_figures(team, caseload, workers, stored.period, today)
    for key, figure in live.found.items():
        if key[0] in ("team", "worker") and key[1] not in {team.pk, *[w.pk for w in workers]}:
            continue
        mine = stored.get(*key)
        assert (mine.summary.people, mine.summary.contacts, mine.summary.assessed) == (
            figure.summary.people,
            figure.summary.contacts,
            figure.summary.assessed,
        ), key
        assert mine.summary.values == figure.summary.values, key
