"""Any directory, exported as HSDS, imported into an empty directory and exported again, gives the same JSON:
nothing the open data publishes is lost or changed on the way in (the last_modified of each service aside, which
is the time of the import, a change in its own right)."""

import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.directory import actions_standards, hsds_in, hsds_out
from alongside.directory import models as m

pytestmark = pytest.mark.django_db

words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)
names = words.filter(bool)
maybe = st.one_of(st.just(""), words)
emails = st.sampled_from(["", "help@example.org", "o'neill@example.co.uk"])
urls = st.sampled_from(["", "https://example.org/a?b=c", "http://example.org"])
ages = st.one_of(st.none(), st.integers(0, 120))
times = st.one_of(st.none(), st.times())
dates = st.one_of(st.none(), st.dates())
ids = st.uuids(version=4)


@st.composite
def a_directory(draw) -> dict:
    return {
        "terms": draw(st.lists(st.tuples(ids, names, maybe, st.booleans()), min_size=1, max_size=4)),
        "services": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "id": ids,
                        "name": names,
                        "description": maybe,
                        "email": emails,
                        "url": urls,
                        "status": st.sampled_from(m.Service.Status.values),
                        "ages": st.tuples(ages, ages).map(lambda a: sorted(a, key=lambda x: (x is None, x or 0))),
                        "alert": maybe,
                        "assured_date": dates,
                        "times": st.lists(st.tuples(ids, st.sampled_from(["", "MO", "MO,WE", "1TU"]), times, dates)),
                        "costs": st.lists(
                            st.tuples(ids, st.one_of(st.none(), st.decimals(0, 9999, places=2)), maybe), max_size=2
                        ),
                        "places": st.lists(
                            st.tuples(
                                ids,
                                ids,
                                maybe,
                                st.one_of(st.none(), st.floats(-90, 90)),
                                st.booleans(),
                                st.sampled_from(["", "NV1 2AB"]),
                            ),
                            max_size=2,
                        ),
                        "people": st.lists(
                            st.tuples(ids, maybe, emails, ids, st.sampled_from(["01632 960000", "999"])), max_size=2
                        ),
                        "languages": st.lists(st.tuples(ids, st.sampled_from(["pl", "ur", "cy"]), maybe), max_size=2),
                        "areas": st.lists(st.tuples(ids, maybe), max_size=2),
                        "terms": st.sets(st.integers(0, 3), max_size=3),
                    }
                ),
                min_size=1,
                max_size=4,
                unique_by=lambda s: s["id"],
            )
        ),
    }


def build(spec: dict) -> None:
    organisation = m.Organisation.objects.create(id=uuid.uuid4(), name="Northvale Together", description="")
    taxonomy = m.Taxonomy.objects.create(id=uuid.uuid4(), name="Needs", description="What people need")
    terms, first = [], None
    for pk, name, description, under_first in spec["terms"]:
        if m.TaxonomyTerm.objects.filter(pk=pk).exists():
            continue
        parent = first if under_first and first else None
        term = m.TaxonomyTerm.objects.create(
            id=pk, taxonomy=taxonomy, parent=parent, name=name, description=description
        )
        first = first or term
        terms.append(term)
    used = set()
    for s in spec["services"]:
        service = m.Service.objects.create(
            id=s["id"],
            organisation=organisation,
            name=s["name"],
            description=s["description"],
            email=s["email"],
            url=s["url"],
            status=s["status"],
            minimum_age=s["ages"][0],
            maximum_age=s["ages"][1] if s["ages"][0] is not None else None,
            alert=s["alert"],
            assured_date=s["assured_date"],
            referral_email="never@example.org",
        )
        for pk, byday, opens, valid_from in s["times"]:
            if pk in used:
                continue
            used.add(pk)
            m.Schedule.objects.create(
                id=pk, service=service, freq="WEEKLY", byday=byday, opens_at=opens, valid_from=valid_from
            )
        for pk, amount, option in s["costs"]:
            if pk not in used:
                used.add(pk)
                m.CostOption.objects.create(id=pk, service=service, amount=amount, option=option)
        for pk, address, name, latitude, virtual, postcode in s["places"]:
            if pk in used or address in used:
                continue
            used |= {pk, address}
            location = m.Location.objects.create(
                id=pk,
                name=name,
                latitude=latitude,
                location_type="virtual" if virtual else "physical",
                address_id=None if virtual else address,
                address_1="" if virtual else "1 High Street",
                city="" if virtual else "Northvale",
                postal_code=postcode,
            )
            m.ServiceAtLocation.objects.create(id=uuid.uuid5(pk, "sal"), service=service, location=location)
        for pk, name, email, phone_id, number in s["people"]:
            if pk in used or phone_id in used:
                continue
            used |= {pk, phone_id}
            contact = m.Contact.objects.create(id=pk, service=service, name=name, email=email)
            m.Phone.objects.create(id=phone_id, contact=contact, number=number)
        for pk, code, note in s["languages"]:
            if pk not in used:
                used.add(pk)
                m.Language.objects.create(id=pk, service=service, code=code, note=note)
        for pk, name in s["areas"]:
            if pk not in used:
                used.add(pk)
                m.ServiceArea.objects.create(id=pk, service=service, name=name)
        for index in s["terms"]:
            if index < len(terms):
                m.ServiceTerm.objects.create(id=uuid.uuid5(service.id, str(index)), service=service, term=terms[index])
    if first is not None and not first.service_terms.exists():  # the broader term is published only if used
        m.ServiceTerm.objects.create(id=uuid.uuid4(), service=service, term=first)


def export() -> list[dict]:
    services = hsds_out.services(hsds_out.published_services().order_by("name", "id"))
    return [{k: v for k, v in s.items() if k != "last_modified"} for s in services]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=a_directory())
def test_export_import_export_gives_the_same_json(spec):
    with transaction.atomic():
        build(spec)
        first = export()
        feed = hsds_out.services(hsds_out.published_services().order_by("name", "id"))
        m.TaxonomyTerm.objects.update(parent=None)
        for model in reversed(hsds_in.ORDER):
            model.objects.all().delete()
        imported = actions_standards.load_services(feed, source="round trip")
        assert [str(p) for p in imported.problems] == []
        assert export() == first
        assert not m.Service.objects.exclude(referral_email="").exists()
        transaction.set_rollback(True)


def test_money_keeps_its_pence():
    assert hsds_in._value(2.5, hsds_in.MONEY) == Decimal("2.50")
