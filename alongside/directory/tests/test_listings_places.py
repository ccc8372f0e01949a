"""A service's places: its form offers every place it has and one more, so that changing a service never drops a
place, however many it has (imported feeds give some more than three)."""

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .. import actions_listings as actions
from .. import listings_queries as queries
from .. import places as geography
from ..listings_forms import PLACES, EditServiceForm, initial_from
from ..listings_queries import Place
from ..models import ListingChange, Location, ServiceAtLocation
from .listings_factories import details, hub, organisation, request_as

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20).map(str.strip).filter(bool)
some_places = st.builds(
    Place,
    # a place imported from another directory may have no name or address, only its town or postcode
    name=st.one_of(st.just(""), words),
    address_1=st.one_of(st.just(""), words),
    city=st.one_of(st.just(""), words),
    postal_code=st.sampled_from(["", "NV1 1AA", "NV3 2AB", "NV9 9ZZ"]),
    transportation=st.one_of(st.just(""), words),
).filter(lambda place: place.name or place.address_1 or place.city or place.postal_code)


def _as_sent(initial: dict) -> dict:
    """The form's first answers as a browser sends them back, untouched."""
    sent = {}
    for key, value in initial.items():
        if value is None:
            sent[key] = ""
        elif isinstance(value, list):
            sent[key] = value
        else:
            sent[key] = str(value)
    return sent


@settings(max_examples=60)
@given(st.lists(some_places, max_size=12))
def test_sending_the_form_back_untouched_keeps_every_place_in_order(some):
    before = details(places=tuple(some))
    initial = initial_from(before) | {"version": 1}
    shown = EditServiceForm(initial=initial)
    assert shown.place_count == max(PLACES, len(some) + 1)  # every place, and one more empty one
    assert [f"place{n}_name" in shown.fields for n in range(1, len(some) + 1)] == [True] * len(some)
    sent = EditServiceForm(_as_sent(initial), initial=initial)
    assert sent.is_valid(), sent.errors
    assert sent.details().places == before.places


@settings(max_examples=30)
@given(st.lists(some_places, min_size=1, max_size=8), st.data())
def test_emptying_one_place_drops_only_that_place(some, data):
    before = details(places=tuple(some))
    initial = initial_from(before) | {"version": 1}
    gone = data.draw(st.integers(min_value=1, max_value=len(some)))
    sent = _as_sent(initial) | {f"place{gone}_{part}": "" for part in Place.__dataclass_fields__}
    form = EditServiceForm(sent, initial=initial)
    assert form.is_valid(), form.errors
    assert form.details().places == tuple(p for n, p in enumerate(some, start=1) if n != gone)


def test_a_place_with_only_transport_notes_is_asked_for_where_it_is():
    initial = initial_from(details(places=())) | {"version": 1}
    sent = _as_sent(initial) | {"place1_transportation": "The 12 bus"}
    form = EditServiceForm(sent, initial=initial)
    assert not form.is_valid()
    assert form.errors["place1_address_1"] == ["Enter the address of the place, its name, or its town"]
    assert form.data["place1_transportation"] == "The 12 bus"  # what was typed is kept


def _five():
    return tuple(Place(f"Hall {n}", f"{n} Mill Lane", "Northvale", f"NV{n} 1AB", f"Bus {n}") for n in range(1, 6))


@pytest.mark.django_db
def test_changing_a_service_with_five_places_keeps_all_five(client, member):
    carol = member("coordinator", team=hub())
    service = actions.add_service(request_as(carol), organisation().pk, details(places=_five()))
    kept = set(ServiceAtLocation.objects.filter(service=service).values_list("location_id", flat=True))
    client.force_login(carol)
    form = client.get(f"/directory/keep/services/{service.pk}/change/").content.decode()
    for n in range(1, 6):
        assert f'value="{n} Mill Lane"' in form
    assert 'name="place6_name"' in form and 'name="place7_name"' not in form
    sent = _as_sent(initial_from(queries.details_of(queries.service_for_keepers(service.pk)))) | {
        "version": "1",
        "name": "Friday larder",
    }
    sent.pop("form_key", None)
    assert client.post(f"/directory/keep/services/{service.pk}/change/", sent).status_code == 302
    after = queries.details_of(queries.service_for_keepers(service.pk))
    assert after.name == "Friday larder"
    assert after.places == _five()
    # Nothing about the places changed, so they are the same locations (their HSDS ids are kept).
    assert set(ServiceAtLocation.objects.filter(service=service).values_list("location_id", flat=True)) == kept
    assert "places" not in ListingChange.objects.filter(object_id=service.pk).latest("at").detail["fields"]


@pytest.mark.django_db
def test_a_sixth_place_is_added_and_a_changed_one_replaced_while_the_rest_keep_their_ids(client, member):
    carol = member("coordinator", team=hub())
    service = actions.add_service(request_as(carol), organisation().pk, details(places=_five()))
    online = Location.objects.create(location_type=Location.Kind.VIRTUAL, latitude=53.1, longitude=-1.5)
    ServiceAtLocation.objects.create(service=service, location=online)
    ids = dict(ServiceAtLocation.objects.filter(service=service).values_list("location__name", "location_id"))
    client.force_login(carol)
    sent = _as_sent(initial_from(queries.details_of(queries.service_for_keepers(service.pk)))) | {
        "version": "1",
        "place2_city": "Millbrook",
        "place6_name": "Hall 6",
        "place6_address_1": "6 Mill Lane",
        "place6_postal_code": "nv6 1ab",
        "form_key": str(uuid.uuid4()),
    }
    assert client.post(f"/directory/keep/services/{service.pk}/change/", sent).status_code == 302
    after = queries.details_of(queries.service_for_keepers(service.pk))
    assert [p.name for p in after.places] == [f"Hall {n}" for n in range(1, 7)]
    assert after.places[1].city == "Millbrook" and after.places[5].postal_code == "NV6 1AB"
    now = dict(ServiceAtLocation.objects.filter(service=service).values_list("location__name", "location_id"))
    assert {name: now[name] for name in ("Hall 1", "Hall 3", "Hall 4", "Hall 5")} == {
        name: ids[name] for name in ("Hall 1", "Hall 3", "Hall 4", "Hall 5")
    }
    assert now["Hall 2"] != ids["Hall 2"]
    assert now[""] == online.pk  # the online place, with no words to show, is kept as it was
    sixth = Location.objects.get(pk=now["Hall 6"])
    assert (sixth.latitude, sixth.longitude) == tuple(geography.where("NV6 1AB"))  # it can be found by distance


@pytest.mark.django_db
def test_a_place_numbered_beyond_the_form_is_not_read_and_never_a_500(client, member):
    carol = member("coordinator", team=hub())
    org = organisation()
    client.force_login(carol)
    sent = {
        "form_key": str(uuid.uuid4()),
        "organisation": str(org.pk),
        "name": "Friday food bank",
        "status": "active",
        "cost": "free",
        "place1_name": "Larder hall",
        "place9999_name": "Far away",
        "place12_name": "Hall twelve",
    }
    page = client.post("/directory/keep/services/new/", sent)
    assert page.status_code == 200
    summary = page.content.decode().split('id="answers"')[0]
    assert "Check your answers" in summary and "Place 2" in summary and "Hall twelve" in summary
    assert "Far away" not in summary
    assert 'formaction="#id_place12_name"' in summary  # its Change goes to where it was typed
