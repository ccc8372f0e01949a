"""Services made for the finding tests, with the few facts a search looks at."""

from datetime import time
from decimal import Decimal

from alongside.directory.models import (
    CostOption,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    Taxonomy,
    TaxonomyTerm,
)
from alongside.directory.places import where


def needs():
    """A small taxonomy: company (with befriending under it) and money."""
    taxonomy = Taxonomy.objects.create(name="Needs", description="Needs")
    company = TaxonomyTerm.objects.create(taxonomy=taxonomy, name="Loneliness and company", description="-")
    befriending = TaxonomyTerm.objects.create(taxonomy=taxonomy, parent=company, name="Befriending", description="-")
    money = TaxonomyTerm.objects.create(taxonomy=taxonomy, name="Money and debt", description="-")
    return {"company": company, "befriending": befriending, "money": money}


def make_service(
    name,
    description="",
    *,
    terms=(),
    postcode=None,
    byday="MO",
    opens=time(10),
    closes=time(12),
    minimum_age=None,
    maximum_age=None,
    cost=None,
    status=Service.Status.ACTIVE,
    retired_at=None,
    organisation=None,
    referral_email="referrals@example.org",
):
    organisation = organisation or Organisation.objects.create(name=f"{name} Trust", description="A charity")
    service = Service.objects.create(
        organisation=organisation,
        name=name,
        description=description,
        status=status,
        retired_at=retired_at,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        referral_email=referral_email,
    )
    for term in terms:
        ServiceTerm.objects.create(service=service, term=term)
    if postcode:
        point = where(postcode)
        location = Location.objects.create(
            organisation=organisation,
            name=f"{name} Hall",
            address_1="1 Elm Road",
            city="Northvale",
            postal_code=postcode,
            latitude=point.latitude,
            longitude=point.longitude,
            transportation="Bus 7 stops outside",
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    Schedule.objects.create(service=service, freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes)
    CostOption.objects.create(
        service=service, amount=Decimal(cost) if cost else 0, option=f"£{cost}" if cost else "Free"
    )
    Phone.objects.create(service=service, number="01632 960123")
    return service
