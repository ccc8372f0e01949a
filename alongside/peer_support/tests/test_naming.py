"""The check that writing shared with a hub names no one: the heuristic (naming.py) by properties and examples,
the one access policy's rule for whose names it is checked against, and the check through the access policy, with
its audit."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.models import AuditEvent
from alongside.partners.models import Team
from alongside.partners.tests.factories import MembershipFactory, TeamFactory
from alongside.peer_support import naming
from alongside.people.access import names_in_hub_writing
from alongside.people.policy import hub_writing_checked_against
from alongside.people.tests.factories import PersonFactory, RelationshipFactory

# Plain lower-case words with no title among them: ordinary writing about a session.
PLAIN = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9).filter(lambda w: w not in naming.TITLES),
    max_size=25,
).map(" ".join)
NAME = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("ABCDEFGHIJKLMNOPRSTUVWYZ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=10),
)
TITLE = st.sampled_from(sorted(naming.TITLES)).flatmap(
    lambda t: st.sampled_from([t, t.capitalize(), t.upper(), t.capitalize() + "."])
)


@given(PLAIN)
def test_plain_lower_case_writing_names_no_one(text):
    assert naming.names_in(text) == []


@given(PLAIN, PLAIN, TITLE, NAME)
def test_a_title_before_a_name_or_an_initial_is_always_found(before, after, title, name):
    text = f"{before} {title} {name} {after}".strip()
    assert any(found.endswith(name) for found in naming.titled_names(text))


@given(PLAIN, PLAIN, NAME, NAME)
def test_a_clients_whole_name_is_found_in_any_case(before, after, given_name, family_name):
    text = f"{before} {given_name.lower()} {family_name.lower()} {after}".strip()
    found = naming.client_names(text, [(given_name, family_name)])
    assert found and found[0].lower() == f"{given_name} {family_name}".lower()


@given(PLAIN, NAME, NAME)
def test_what_is_found_is_the_writers_own_words(text, given_name, family_name):
    written = f"{text} {given_name}. Mrs {family_name} too"
    for found in naming.names_in(written, [(given_name, family_name)]):
        assert found in written


@given(PLAIN, NAME)
def test_a_clients_name_written_as_a_plain_word_is_not_a_name(text, given_name):
    """ "grace" in lower case is a word; "Grace" is a name. Only names are found."""
    assert naming.client_names(f"{text} {given_name.lower()}", [(given_name, "Zzyzx")]) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We talked about Mrs Patel's fall", ["Mrs Patel"]),
        ("mr p has a new frame", []),  # an initial in lower case is a word, not a name
        ("Mr P has a new frame", ["Mr P"]),
        ("Dr. Okafor came to the MDT", ["Dr. Okafor"]),
        ("Auntie May sends her love", ["Auntie May"]),
        ("What to say to the doctor about the lady at number 4", []),
        ("Loneliness at Christmas, and the community lunch", []),
        ("Mabel Okafor is doing well", ["Mabel Okafor"]),
        ("mabel okafor is doing well", ["mabel okafor"]),
        ("Okafor and the family", ["Okafor"]),
        ("A visit to Mabel. Mabel again", ["Mabel"]),
        ("Mabel's new frame; Mrs Okafor’s garden", ["Mrs Okafor", "Mabel"]),
        ("O'Brien and Smith-Jones", []),
        ("Sister of a client rang", []),
    ],
)
def test_examples(text, found):
    assert naming.names_in(text, [("Mabel", "Okafor")]) == found


def test_the_warning_is_kind_and_says_what_was_found():
    words = naming.warning(["Mrs Patel"])
    assert words.startswith("“Mrs Patel” may name someone")
    assert "write it without a name" in words


@pytest.mark.parametrize(
    ("roles", "against"),
    [
        ({"coordinator"}, "hub"),
        ({"volunteer"}, "own"),
        ({"coordinator", "volunteer"}, "hub"),
        ({"clinician"}, "none"),
        (set(), "none"),
    ],
)
def test_whose_names_a_hubs_writing_is_checked_against(roles, against):
    assert hub_writing_checked_against(frozenset(roles)) == against


@pytest.fixture
def hub_with_clients(db):
    """A hub with two volunteers, each visiting one person, and a third person nobody in the hub visits."""
    hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)
    first = MembershipFactory(role="volunteer", team=hub).user
    second = MembershipFactory(role="volunteer", team=hub).user
    mabel = PersonFactory(given_name="Mabel", family_name="Okafor")
    harold = PersonFactory(given_name="Harold", family_name="Price")
    PersonFactory(given_name="Agnes", family_name="Wood")
    RelationshipFactory(person=mabel, user=first, kind="volunteer")
    RelationshipFactory(person=harold, user=second, kind="volunteer")
    return hub, first, mabel, harold


def _request(rf, user, hub, role):
    request = rf.get("/")
    request.user = user
    request.memberships = list(user.memberships.filter(team=hub, role=role).select_related("team"))
    request.roles = {role}
    return request


def test_a_coordinators_writing_is_checked_against_every_client_of_the_hub_and_each_match_audited(rf, hub_with_clients):
    hub, _, mabel, harold = hub_with_clients
    coordinator = MembershipFactory(role="coordinator", team=hub).user
    request = _request(rf, coordinator, hub, "coordinator")
    words = naming.words_of("Mabel and Harold and Agnes")
    assert sorted(names_in_hub_writing(request, hub.pk, words)) == [("Harold", "Price"), ("Mabel", "Okafor")]
    audited = AuditEvent.objects.filter(action="name_checked_in_hub_writing")
    assert sorted(audited.values_list("person_id", flat=True)) == sorted([mabel.pk, harold.pk])
    assert set(audited.values_list("basis", flat=True)) == {"relationship"}


def test_a_volunteers_writing_is_checked_against_their_own_clients_only(rf, hub_with_clients):
    hub, first, _, _ = hub_with_clients
    request = _request(rf, first, hub, "volunteer")
    assert names_in_hub_writing(request, hub.pk, {"mabel", "harold"}) == [("Mabel", "Okafor")]


def test_no_one_elses_writing_is_checked_and_nothing_is_read(rf, hub_with_clients):
    hub, first, _, _ = hub_with_clients
    other_hub = TeamFactory(kind=Team.Kind.VOLUNTEER_HUB)
    request = _request(rf, first, hub, "volunteer")
    assert names_in_hub_writing(request, other_hub.pk, {"mabel"}) == []
    assert not AuditEvent.objects.filter(action="name_checked_in_hub_writing").exists()
