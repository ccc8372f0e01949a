"""Finding a person: forgiving matching, identifiers, ranking, scope, the volunteer view, audit and query counts."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core.models import AuditEvent
from alongside.people import search
from alongside.people.search import PAGE_SIZE, parse
from alongside.people.tests.factories import PersonFactory, RelationshipFactory, allocate, make_named_worker

TODAY = date(2026, 11, 21)
LINK = re.compile(r'<a href="/people/(\d+)/">([^<]+)</a>')


def results(client, query, **params):
    """The people on a result page, in order, as (id, name), and the page's text."""
    content = client.get(reverse("people:search"), {"q": query, **params}).content.decode()
    return [(int(pk), name) for pk, name in LINK.findall(content)], content


def names(client, query):
    return [name for _, name in results(client, query)[0]]


@pytest.fixture
def clinician(signed_in):
    return signed_in("clinician")


@pytest.fixture
def caseload(clinician):
    """Make people on the clinician's team caseload."""
    team = clinician.memberships.get().team

    def add(**fields):
        person = PersonFactory(**fields)
        allocate(person, "team_caseload", team=team)
        return person

    return add


# --- reading the query ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("12/03/1941", date(1941, 3, 12)),
        ("12.3.41", date(1941, 3, 12)),
        ("12-03-1941", date(1941, 3, 12)),
        ("1941-03-12", date(1941, 3, 12)),
        ("12 03 1941", date(1941, 3, 12)),
        ("12 March 1941", date(1941, 3, 12)),
        ("12th mar 1941", date(1941, 3, 12)),
        ("12031941", date(1941, 3, 12)),
        ("1/2/19", date(2019, 2, 1)),
    ],
)
def test_dates_of_birth_are_read_in_the_ways_people_write_them(query, expected):
    assert parse(query, TODAY).birth_dates == [expected]


def test_a_query_is_read_into_its_parts():
    terms = parse("Ada  OKAFOR 12/03/1941 nv1 2ab 999 000 0018 j.", TODAY)
    assert terms.names == ["ada", "okafor"] and terms.initials == ["j"]
    assert terms.birth_dates == [date(1941, 3, 12)] and terms.nhs_number == "9990000018"
    assert terms.postcodes == [("NV12AB", None)] and not terms.problems
    assert parse("NV1", TODAY).postcodes == [("NV1", 6)]  # an outward code: NV1 2AB but not NV10 2AB
    assert parse("nv1 2", TODAY).postcodes == [("NV12", 6)]
    assert parse("999 000", TODAY).nhs_prefix == "999000"
    assert parse("okafor 1941", TODAY).birth_years == [1941]


def test_what_cannot_be_used_is_said_kindly():
    assert parse("31/02/1950", TODAY).problems == ["31/02/1950 is not a date of birth: enter it as day, month and year"]
    assert "999 000 0019 is not a valid NHS number: check the digits" in parse("999 000 0019", TODAY).problems
    assert not parse("J", TODAY).selective and not parse("", TODAY).selective


# --- matching and ranking -------------------------------------------------------------------------------------


def test_names_match_despite_typos_initials_order_and_unfinished_words(client, caseload):
    caseload(given_name="John", family_name="Smith")
    caseload(given_name="Ada", family_name="Okafor")
    caseload(given_name="Florence", family_name="Edwards")
    for query in ["John Smith", "smith john", "J Smith", "Smith, J.", "Jon Smiht", "SMITH"]:
        assert names(client, query) == ["John Smith"], query
    assert names(client, "Florence Edw") == ["Florence Edwards"]
    assert names(client, "okafr") == ["Ada Okafor"]
    assert names(client, "A Edwards") == []  # an initial must start one of the names


def test_preferred_names_are_found_too(client, caseload):
    caseload(given_name="Margaret", family_name="Hughes", preferred_name="Peggy")
    assert names(client, "peggy hughes") == ["Margaret Hughes"]


def test_when_nothing_matches_closely_the_nearest_names_are_offered(client, caseload):
    caseload(given_name="John", family_name="Smith")
    caseload(given_name="Paul", family_name="Atkinson")
    caseload(given_name="Imran", family_name="Khan")
    caseload(given_name="Ian", family_name="Kaur")
    found, content = results(client, "Smtih")
    assert [name for _, name in found] == ["John Smith"]
    assert "No one matched exactly" in content
    assert names(client, "Pual Atkinson") == ["Paul Atkinson"]  # swapped letters
    assert names(client, "Imarn Khan") == names(client, "Imran Kahn") == ["Imran Khan"]
    assert names(client, "Kahn")[0] == "Imran Khan"  # the closest first
    assert names(client, "Frrank Smiht") == []  # a close match still needs every word close


def test_identifiers_match_however_they_are_typed(client, caseload):
    ada = caseload(given_name="Ada", family_name="Okafor", nhs_number="9990000018", birth_date=date(1941, 3, 12))
    caseload(given_name="Ben", family_name="Okafor", nhs_number="9990000026", birth_date=date(1950, 1, 1))
    for query in ["999 000 0018", "9990000018", "999-000-0018", "12/03/1941", "12.3.41", "1941-03-12", "12 March 1941"]:
        assert names(client, query) == ["Ada Okafor"], query
    assert names(client, "ada okafor 12/03/1941") == ["Ada Okafor"]
    assert names(client, "okafor 1941") == ["Ada Okafor"]
    assert sorted(names(client, "999 000 00")) == ["Ada Okafor", "Ben Okafor"]  # the start of an NHS number
    assert names(client, "okafor 01/01/1960") == []  # every part must match
    assert ada.pk == results(client, "9990000018")[0][0][0]


def test_postcodes_match_with_or_without_spaces_and_in_part(client, caseload):
    caseload(given_name="Ada", family_name="Okafor", postcode="NV1 2AB")
    caseload(given_name="Ben", family_name="Obi", postcode="NV1 3CD")
    caseload(given_name="Cy", family_name="Reid", postcode="NV10 2AB")
    assert names(client, "NV1 2AB") == names(client, "nv12ab") == names(client, "okafor nv1 2ab") == ["Ada Okafor"]
    assert sorted(names(client, "NV1")) == ["Ada Okafor", "Ben Obi"]
    assert names(client, "NV1 3") == ["Ben Obi"]


def test_the_nhs_number_comes_first_then_the_closest_names(client, caseload):
    caseload(given_name="Adam", family_name="Okafor")
    caseload(given_name="Ada", family_name="Okafor")
    caseload(given_name="Grace", family_name="Obi", nhs_number="9990000018")
    assert names(client, "okafor ada 9990000018") == ["Grace Obi", "Ada Okafor", "Adam Okafor"]
    assert names(client, "Ada Okafor")[0] == "Ada Okafor"


# --- scope ----------------------------------------------------------------------------------------------------


def test_people_the_user_may_not_see_are_never_found_nor_counted(client, clinician, caseload, member):
    caseload(given_name="Ann", family_name="Smith", nhs_number="9990000018")
    make_named_worker(PersonFactory(given_name="Bob", family_name="Smith"), clinician)
    hidden = [
        PersonFactory(given_name="Cat", family_name="Smith", nhs_number="9990000026"),  # no relationship at all
        PersonFactory(given_name="Dan", family_name="Smith"),
        PersonFactory(given_name="Eve", family_name="Smith"),
    ]
    now = timezone.now()
    RelationshipFactory(person=hidden[1], user=clinician, started_at=now - timedelta(days=9), ended_at=now)
    other_team = member("clinician").memberships.get().team
    RelationshipFactory(person=hidden[2], kind="team_caseload", team=other_team, user=None)
    found, content = results(client, "smith")
    assert sorted(name for _, name in found) == ["Ann Smith", "Bob Smith"]
    assert "2 people found" in content
    for person in hidden:
        assert f"/people/{person.pk}/" not in content
    assert names(client, "999 000 0026") == [] and "No one found" in results(client, "9990000026")[1]
    assert not AuditEvent.objects.filter(person_id__in=[p.pk for p in hidden]).exists()


def test_break_glass_and_consent_are_bases_for_finding_someone(client, clinician):
    now = timezone.now()
    glass = PersonFactory(given_name="Ivy", family_name="Glass")
    BreakGlass.objects.create(
        user=clinician, person=glass, reason_code="emergency", reason_text="Fell", expires_at=now + timedelta(hours=1)
    )
    shared = PersonFactory(given_name="Ivy", family_name="Shared")
    organisation = clinician.memberships.get().team.organisation
    ConsentProvision.objects.create(person=shared, permit=True, actor_kind="organisation", organisation=organisation)
    assert sorted(names(client, "ivy")) == ["Ivy Glass", "Ivy Shared"]
    bases = dict(AuditEvent.objects.filter(action="search_result").values_list("person_id", "basis"))
    assert bases == {glass.pk: "break_glass", shared.pk: "consent"}


def test_a_volunteer_sees_only_names_and_how_to_reach_their_people(client, signed_in):
    volunteer = signed_in("volunteer")
    person = PersonFactory(
        given_name="Rose",
        family_name="Hart",
        nhs_number="9990000018",
        birth_date=date(1941, 3, 12),
        phone="07700 900123",
        postcode="NV1 2AB",
    )
    RelationshipFactory(person=person, user=volunteer, kind="volunteer")
    found, content = results(client, "rose hart")
    assert [name for _, name in found] == ["Rose Hart"]
    assert "07700 900123" in content and "NV1 2AB" in content
    for hidden in ["999 000 0018", "12 March 1941", "Date of birth", "NHS number</th>", "GP practice"]:
        assert hidden not in content
    # Nor can a volunteer learn a date of birth or NHS number by trying one.
    assert names(client, "12/03/1941") == names(client, "rose 12/03/1941") == names(client, "9990000018") == []
    assert names(client, "NV1 2AB") == ["Rose Hart"]  # contact details are theirs to see
    event = AuditEvent.objects.get(action="search_result", person_id=person.pk, detail__query="rose hart")
    assert event.basis == "relationship" and event.detail["shown"] == ["name", "contact"]


# --- the page, audit and query counts -------------------------------------------------------------------------


def test_each_person_shown_is_audited_once_in_a_page_of_results(client, clinician, caseload):
    people = [caseload(given_name="Pat", family_name=f"Pager{i:02d}") for i in range(PAGE_SIZE + 5)]
    found, content = results(client, "pager")
    assert len(found) == PAGE_SIZE and f"{PAGE_SIZE + 5} people found" in content
    assert 'value="pager"' in content and "?q=pager&amp;page=2" in content
    events = AuditEvent.objects.filter(action="search_result", actor=clinician)
    assert sorted(events.values_list("person_id", flat=True)) == sorted(pk for pk, _ in found)
    assert {(e.basis, e.detail["query"], e.request_id != "") for e in events} == {("relationship", "pager", True)}
    rest, _ = results(client, "pager", page=2)
    assert {pk for pk, _ in found} | {pk for pk, _ in rest} == {p.pk for p in people}
    assert events.all().count() == PAGE_SIZE + 5
    assert results(client, "pager", page=9)[0] == rest  # past the end: the last page


def test_the_number_of_queries_does_not_grow_with_the_results(client, caseload):
    caseload(given_name="Solo", family_name="Walker", nhs_number="9990000018")
    for i in range(PAGE_SIZE + 3):
        caseload(given_name="Many", family_name=f"Walker{i}", gp_practice=None)

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("people:search"), {"q": query}).status_code == 200
        return len(captured)

    assert queries("solo walker") == queries("many walker") == queries("9990000018")


def test_if_the_audit_cannot_be_written_the_search_fails(client, caseload, monkeypatch):
    caseload(given_name="Ada", family_name="Okafor")

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(AuditEvent.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        client.get(reverse("people:search"), {"q": "okafor"})


def test_an_over_short_query_and_no_results_get_kind_messages(client, caseload):
    caseload(given_name="Ada", family_name="Okafor")
    _, content = results(client, "J")
    assert "Tell us a little more" in content and "Enter at least 2 letters of a name" in content
    assert 'value="J"' in content
    _, content = results(client, "Zebedee Quantock")
    assert "No one found" in content and "try fewer details" in content
    _, content = results(client, "")
    assert " found</" not in content and "No one found" not in content and "Tell us" not in content
    assert not AuditEvent.objects.filter(action="search_result").exists()


def test_search_page_matching_helper_leaves_unusable_queries_empty(rf, clinician, caseload):
    caseload(given_name="Ada", family_name="Okafor")
    from alongside.core.middleware import attach_roles
    from alongside.people.access import visible_people

    request = rf.get("/")
    request.user = clinician
    attach_roles(request, clinician)
    assert list(search.matching(visible_people(request), "J")) == []
    assert [str(p) for p in search.matching(visible_people(request), "okafor ada", request=request)] == ["Ada Okafor"]
