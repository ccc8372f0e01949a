"""A small directory to publish: organisations running services, each fully described (places, times, areas,
costs, languages, contacts, phones and taxonomy terms), made in bulk so that benchmarks can make thousands."""

import random
import uuid
from datetime import date, time
from decimal import Decimal

from alongside.directory import models as m


def directory(services: int = 5, seed: int = 1) -> list[m.Service]:
    """`services` services (a third of an organisation each), every related kind of object at least once."""
    rng = random.Random(seed)

    def uid() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    taxonomy = m.Taxonomy.objects.create(
        id=uid(), name="Needs", description="What people need help with", uri="https://example.org/needs", version="1"
    )
    parent = m.TaxonomyTerm.objects.create(
        id=uid(), taxonomy=taxonomy, code="WB", name="Wellbeing", description="Feeling well"
    )
    terms = [
        m.TaxonomyTerm(id=uid(), taxonomy=taxonomy, parent=parent, code=f"T{i}", name=name, description=name)
        for i, name in enumerate(["Loneliness", "Debt", "Housing", "Carers", "Exercise"])
    ]
    m.TaxonomyTerm.objects.bulk_create(terms)
    organisations = [
        m.Organisation(id=uid(), name=f"Northvale group {i}", description="A group", email="hello@example.org")
        for i in range(max(1, services // 3))
    ]
    m.Organisation.objects.bulk_create(organisations)
    made: list[m.Service] = []
    rows: dict[type, list] = {
        kind: []
        for kind in (
            m.Location,
            m.ServiceAtLocation,
            m.Schedule,
            m.ServiceArea,
            m.CostOption,
            m.Language,
            m.Contact,
            m.Phone,
            m.ServiceTerm,
        )
    }
    for i in range(services):
        organisation = organisations[i % len(organisations)]
        service = m.Service(
            id=uid(),
            organisation=organisation,
            name=f"Service {i:05d}",
            description=f"Help number {i}",
            url="https://example.org/help",
            email="help@example.org",
            application_process="Ring us",
            minimum_age=18 if i % 2 else None,
            maximum_age=65 if i % 3 else None,
            referral_email="referrals@example.org",
            assured_date=date(2026, 1, 2),
        )
        made.append(service)
        location = m.Location(
            id=uid(),
            organisation=organisation,
            name=f"Hall {i}",
            latitude=53.4 + rng.random() / 10,
            longitude=-2.2 + rng.random() / 10,
            address_id=uid(),
            address_1=f"{i} High Street",
            city="Northvale",
            state_province="Northshire",
            postal_code="NV1 2AB",
        )
        sal = m.ServiceAtLocation(id=uid(), service=service, location=location, description="In the main hall")
        rows[m.Location].append(location)
        rows[m.ServiceAtLocation].append(sal)
        rows[m.Schedule] += [
            m.Schedule(id=uid(), service=service, freq="WEEKLY", byday="MO,WE", opens_at=time(9), closes_at=time(12)),
            m.Schedule(
                id=uid(),
                service_at_location=sal,
                freq="MONTHLY",
                byday="1TU",
                opens_at=time(14),
                closes_at=time(16),
                valid_from=date(2026, 1, 1),
            ),
        ]
        rows[m.ServiceArea].append(m.ServiceArea(id=uid(), service=service, name="Northvale", extent_type="other"))
        rows[m.CostOption].append(
            m.CostOption(id=uid(), service=service, option="Session", amount=Decimal("2.50"), currency="GBP")
        )
        rows[m.Language] += [
            m.Language(id=uid(), service=service, name="Polish", code="pl"),
            m.Language(id=uid(), location=location, name="English", code="en"),
        ]
        contact = m.Contact(id=uid(), service=service, name="Sam Lee", title="Coordinator", email="sam@example.org")
        rows[m.Contact].append(contact)
        rows[m.Phone] += [
            m.Phone(id=uid(), service=service, number="01632 960001", type="voice"),
            m.Phone(id=uid(), contact=contact, number="01632 960002", extension="12"),
            m.Phone(id=uid(), location=location, number="01632 960003"),
        ]
        rows[m.ServiceTerm].append(m.ServiceTerm(id=uid(), service=service, term=terms[i % len(terms)]))
    # The broader term describes the last service too, so that a feed of the services names every term.
    rows[m.ServiceTerm].append(m.ServiceTerm(id=uid(), service=made[-1], term=parent))
    m.Service.objects.bulk_create(made)
    for kind, objects in rows.items():
        kind.objects.bulk_create(objects, batch_size=2000)
    return made
