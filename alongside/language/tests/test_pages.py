"""The administrators' language pages: local terms per area (added once, changed with versions, removed after a
check), and the list of words that carry hope (reworded, switched off and on, added to), every change audited."""

import uuid

import pytest

from alongside.core.models import AuditEvent
from alongside.core.tests.pages import texts
from alongside.language import rules
from alongside.language.checking import suggestions
from alongside.language.models import LocalTerm, WordingChange
from alongside.partners.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(signed_in):
    return signed_in("admin")


@pytest.fixture
def area():
    return NeighbourhoodFactory(name="Riverside")


def local(area, admin, abbreviation="RCT", words="Riverside care team"):
    return LocalTerm.objects.create(neighbourhood=area, abbreviation=abbreviation, words=words, added_by=admin)


def test_the_home_page_lists_every_area_with_its_count(client, admin, area):
    local(area, admin)
    NeighbourhoodFactory(name="Hillcrest")
    page = client.get("/language/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<title>Language" in body and "Riverside" in body and "Hillcrest" in body


def test_an_area_page_lists_its_terms_in_a_constant_number_of_queries(client, admin, area, django_assert_num_queries):
    local(area, admin)
    client.get(f"/language/areas/{area.pk}/")  # warm
    with django_assert_num_queries(7):
        client.get(f"/language/areas/{area.pk}/")
    for n in range(5):
        local(area, admin, f"X{n}", f"Term {n}")
    with django_assert_num_queries(7):
        page = client.get(f"/language/areas/{area.pk}/")
    assert "X4" in page.content.decode()


def test_adding_a_local_term_twice_makes_one(client, admin, area):
    key = str(uuid.uuid4())
    data = {"form_key": key, "abbreviation": "RCT", "words": "  Riverside   care team "}
    first = client.post(f"/language/areas/{area.pk}/new/", data)
    again = client.post(f"/language/areas/{area.pk}/new/", data)
    assert first.status_code == again.status_code == 302
    term = LocalTerm.objects.get()
    assert (term.abbreviation, term.words, term.added_by) == ("RCT", "Riverside care team", admin)
    assert AuditEvent.objects.filter(action="language_local_term_added", object_id=str(term.pk)).count() == 1


@pytest.mark.parametrize(
    ("abbreviation", "words", "says"),
    [
        ("", "Riverside", "Enter the abbreviation"),
        ("R C T", "Riverside", "no spaces"),
        ("RCT", "", "Enter what the abbreviation stands for"),
        ("X" * 21, "Riverside", "at most 20 characters"),
    ],
)
def test_a_local_term_that_cannot_be_saved_says_why_and_keeps_what_was_typed(
    client, admin, area, abbreviation, words, says
):
    page = client.post(
        f"/language/areas/{area.pk}/new/", {"form_key": str(uuid.uuid4()), "abbreviation": abbreviation, "words": words}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in body and says in body
    assert (words or abbreviation) in body
    assert not LocalTerm.objects.exists()


def test_an_area_cannot_have_the_same_abbreviation_twice(client, admin, area):
    local(area, admin)
    page = client.post(
        f"/language/areas/{area.pk}/new/", {"form_key": str(uuid.uuid4()), "abbreviation": "RCT", "words": "Other"}
    )
    assert "This area already has RCT" in page.content.decode()
    other = NeighbourhoodFactory(name="Hillcrest")
    client.post(
        f"/language/areas/{other.pk}/new/", {"form_key": str(uuid.uuid4()), "abbreviation": "RCT", "words": "x"}
    )
    assert LocalTerm.objects.count() == 2


def test_changing_a_local_term_saves_it_and_a_stale_change_shows_both(client, admin, area):
    term = local(area, admin)
    url = f"/language/local-terms/{term.pk}/change/"
    assert client.post(url, {"abbreviation": "RCT", "words": "River care team", "version": 1}).status_code == 302
    term.refresh_from_db()
    assert (term.words, term.version) == ("River care team", 2)
    stale = client.post(url, {"abbreviation": "RCT", "words": "My words", "version": 1})
    body = stale.content.decode()
    assert "Someone else changed this" in body and "River care team" in body and "My words" in body
    term.refresh_from_db()
    assert term.words == "River care team"
    assert client.post(url, {"abbreviation": "RCT", "words": "My words", "version": 2}).status_code == 302


def test_removing_a_local_term_asks_first_and_refuses_a_stale_one(client, admin, area):
    term = local(area, admin)
    url = f"/language/local-terms/{term.pk}/remove/"
    assert "Remove RCT?" in client.get(url).content.decode()
    LocalTerm.objects.filter(pk=term.pk).update(version=2)
    stale = client.post(url, {"version": 1})
    assert "Someone else changed this" in stale.content.decode() and LocalTerm.objects.exists()
    assert client.post(url, {"version": 2}).status_code == 302
    assert not LocalTerm.objects.exists()
    assert AuditEvent.objects.filter(action="language_local_term_removed").count() == 1
    assert client.post(url, {"version": 2}).status_code == 302  # pressed twice: already done


def test_the_hope_list_shows_every_term_and_the_changes_in_a_constant_number_of_queries(
    client, admin, django_assert_num_queries
):
    WordingChange.objects.create(term_id="addict", what="switch_off", by=admin)
    client.get("/language/hope/")  # the list with this change is built once
    with django_assert_num_queries(7):
        body = client.get("/language/hope/").content.decode()
    assert "non-compliant" in body and "Switched off" in body and "addict" in body


def test_rewording_a_suggestion_changes_what_writers_are_offered(client, admin):
    url = "/language/hope/addict/reword/"
    assert client.get(url).status_code == 200
    answer = client.post(url, {"suggestion": "person with a drug problem", "why": "Kinder words.", "version": 0})
    assert answer.status_code == 302
    assert suggestions("an addict", rules.in_force())[0].suggestion == "person with a drug problem"
    assert AuditEvent.objects.filter(action="language_wording_changed", object_id="addict").count() == 1
    stale = client.post(url, {"suggestion": "mine", "why": "Mine.", "version": 0})
    assert "Someone else changed this" in stale.content.decode()
    assert WordingChange.objects.count() == 1


def test_a_reword_without_words_says_what_is_missing(client, admin):
    page = client.post("/language/hope/addict/reword/", {"suggestion": "", "why": "Kept", "version": 0})
    body = page.content.decode()
    assert "Enter what to suggest instead" in body and "Kept" in body


def test_switching_a_term_off_and_on(client, admin):
    url = "/language/hope/addict/switch/"
    assert "Switch off" in client.get(url).content.decode()
    client.post(url, {"version": 0})
    assert suggestions("addict", rules.in_force()) == []
    assert "Switch ‘addict’ back on?" in client.get(url).content.decode()
    client.post(url, {"version": 1})
    assert [s.term for s in suggestions("addict", rules.in_force())] == ["addict"]
    assert list(WordingChange.objects.values_list("what", flat=True)) == ["switch_off", "switch_on"]


def test_adding_a_term_once(client, admin):
    data = {
        "form_key": str(uuid.uuid4()),
        "words": "gone AWOL\nwent awol\n",
        "suggestion": "left without telling us",
        "why": "Plainer words.",
        "source": "",
    }
    first = client.post("/language/hope/new/", data)
    again = client.post("/language/hope/new/", data)
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    change = WordingChange.objects.get()
    assert (change.term_id, change.match) == ("gone-awol-added", ["gone AWOL", "went awol"])
    assert [s.term for s in suggestions("He went AWOL.", rules.in_force())] == ["went AWOL"]
    assert "Added here" in client.get("/language/hope/gone-awol-added/").content.decode()


def test_a_term_already_looked_for_is_not_added_again(client, admin):
    data = {"form_key": str(uuid.uuid4()), "words": "Bed-blocker", "suggestion": "x", "why": "y.", "source": ""}
    page = client.post("/language/hope/new/", data)
    assert page.status_code == 200
    assert "is already looked for, as part of" in texts(page)
    assert "Bed-blocker" in page.content.decode()  # what was typed is kept
    assert not WordingChange.objects.exists()


def test_a_term_that_does_not_exist_looks_missing(client, admin):
    assert client.get("/language/hope/no-such-term/").status_code == 404
    assert client.get("/language/areas/2147483647/").status_code == 404


@pytest.mark.parametrize("role", ["clinician", "team_leader", "volunteer"])
def test_only_administrators_reach_the_pages(client, signed_in, role):
    signed_in(role)
    assert client.get("/language/").status_code == 403
    assert client.post("/language/hope/addict/switch/", {"version": 0}).status_code == 403
    assert not WordingChange.objects.exists()
