"""The directory as Open Referral UK (HSDS 3.0) objects: what /api/hsds/ answers and what an export holds.

A page of services is read in a fixed number of queries whatever its size: `published_services()` says which
related rows to fetch (one query per kind of row, joined in Python by Django's prefetch), and the functions here
only walk what was fetched. Nothing here queries the database per object.

What is published: listings that are not retired (a service of a retired organisation is not published either).
What is never published: a service's referral email (where referrals go is for the referring staff, not the open
data), a listing's editor, version and checked date. A blank field is left out rather than sent as "", except
where HSDS requires the field (an address's parts).
"""

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from alongside.core.numbers import whole_number

from .models import (
    Contact,
    Language,
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

HSDS_VERSION = "3.0"
UK_PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"


def published_services() -> QuerySet[Service]:
    """Services the open data shows, with everything a fully nested service needs fetched beside them."""
    return (
        Service.objects.filter(retired_at__isnull=True, organisation__retired_at__isnull=True)
        .select_related("organisation")
        .prefetch_related(*service_prefetches())
    )


def service_prefetches(prefix: str = "") -> list:
    location = ServiceAtLocation.objects.select_related("location").prefetch_related(
        Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
        Prefetch("location__phones", queryset=Phone.objects.order_by("id")),
        Prefetch("location__languages", queryset=Language.objects.order_by("id")),
    )
    return [
        Prefetch(prefix + "phones", queryset=Phone.objects.order_by("id")),
        Prefetch(prefix + "schedules", queryset=Schedule.objects.order_by("id")),
        prefix + "service_areas",
        prefix + "cost_options",
        Prefetch(prefix + "languages", queryset=Language.objects.order_by("id")),
        Prefetch(
            prefix + "contacts",
            queryset=Contact.objects.order_by("id").prefetch_related(
                Prefetch("phones", queryset=Phone.objects.order_by("id"))
            ),
        ),
        Prefetch(
            prefix + "service_terms",
            queryset=ServiceTerm.objects.select_related("term__taxonomy").order_by("id"),
        ),
        Prefetch(prefix + "service_at_locations", queryset=location.order_by("id")),
    ]


def published_service_at_locations() -> QuerySet[ServiceAtLocation]:
    """Services at locations the open data shows, each with its service fully nested."""
    return (
        ServiceAtLocation.objects.filter(
            service__retired_at__isnull=True, service__organisation__retired_at__isnull=True
        )
        .select_related("location", "service__organisation")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
            Prefetch("location__phones", queryset=Phone.objects.order_by("id")),
            Prefetch("location__languages", queryset=Language.objects.order_by("id")),
            *service_prefetches("service__"),
        )
    )


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "id")


def taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")


# --- one object each ---------------------------------------------------------------------------------------------


def _text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def compact(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value: blank strings and None are left out; dates, times and ids become strings."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is None or value == "":
            continue
        if isinstance(value, Decimal):
            out[key] = float(value)
        elif isinstance(value, bool | int | float | list | dict):
            out[key] = value
        else:
            out[key] = _text(value)
    return out


def taxonomy(item: Taxonomy) -> dict:
    return {
        "id": str(item.id),
        "name": item.name,
        "description": item.description,
        **compact({"uri": item.uri, "version": item.version}),
    }


def taxonomy_term(term: TaxonomyTerm) -> dict:
    out = {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        **compact(
            {
                "code": term.code,
                "parent_id": term.parent_id,
                "taxonomy_id": term.taxonomy_id,
                "term_uri": term.term_uri,
            }
        ),
    }
    if term.taxonomy is not None:
        out["taxonomy_detail"] = taxonomy(term.taxonomy)
    return out


def attribute(link: ServiceTerm) -> dict:
    """A service described by a taxonomy term: an HSDS attribute linking the service to the term."""
    return {
        "id": str(link.id),
        "link_id": str(link.service_id),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": str(link.term_id),
        "taxonomy_term": taxonomy_term(link.term),
        **compact({"value": link.value}),
    }


def phone(item: Phone) -> dict:
    out = {
        "id": str(item.id),
        "number": item.number,
        **compact(
            {
                "organization_id": item.organisation_id,
                "service_id": item.service_id,
                "location_id": item.location_id,
                "contact_id": item.contact_id,
                "type": item.type,
                "description": item.description,
            }
        ),
    }
    if (extension := whole_number(item.extension)) is not None:  # HSDS has the extension as a number
        out["extension"] = extension
    return out


def contact(item: Contact) -> dict:
    return {
        "id": str(item.id),
        **compact(
            {
                "organization_id": item.organisation_id,
                "service_id": item.service_id,
                "name": item.name,
                "title": item.title,
                "email": item.email,
            }
        ),
        "phones": [phone(p) for p in item.phones.all()],
    }


def schedule(item: Schedule) -> dict:
    return {
        "id": str(item.id),
        **compact(
            {
                "service_id": item.service_id,
                "service_at_location_id": item.service_at_location_id,
                "valid_from": item.valid_from,
                "valid_to": item.valid_to,
                "dtstart": item.dtstart,
                "freq": item.freq,
                "interval": item.interval,
                "byday": item.byday,
                "bymonthday": item.bymonthday,
                "opens_at": item.opens_at,
                "closes_at": item.closes_at,
                "description": item.description,
                "attending_type": item.attending_type,
                "notes": item.notes,
            }
        ),
    }


def language(item: Language) -> dict:
    return {
        "id": str(item.id),
        **compact(
            {
                "service_id": item.service_id,
                "location_id": item.location_id,
                "name": item.name,
                "code": item.code,
                "note": item.note,
            }
        ),
    }


def address(item: Location) -> list[dict]:
    """A location's address, as the one-item list HSDS keeps; none when the location has no address."""
    if item.address_id is None:
        return []
    return [
        {
            "id": str(item.address_id),
            "location_id": str(item.id),
            "address_1": item.address_1,
            "city": item.city,
            "state_province": item.state_province,
            "postal_code": item.postal_code,
            "country": item.country,
            "address_type": item.address_type or "physical",
            **compact({"region": item.region}),
        }
    ]


def location(item: Location) -> dict:
    return {
        "id": str(item.id),
        "location_type": item.location_type,
        **compact(
            {
                "organization_id": item.organisation_id,
                "name": item.name,
                "description": item.description,
                "transportation": item.transportation,
                "latitude": item.latitude,
                "longitude": item.longitude,
            }
        ),
        "addresses": address(item),
        "phones": [phone(p) for p in item.phones.all()],
        "languages": [language(lang) for lang in item.languages.all()],
    }


def service_at_location(item: ServiceAtLocation, *, with_service: bool = False) -> dict:
    out = {
        "id": str(item.id),
        "service_id": str(item.service_id),
        "location_id": str(item.location_id),
        **compact({"description": item.description}),
        "schedules": [schedule(s) for s in item.schedules.all()],
        "location": location(item.location),
    }
    if with_service:
        out["service"] = service(item.service, with_locations=False)
    return out


def organization(item: Organisation) -> dict:
    return {
        "id": str(item.id),
        "name": item.name,
        "description": item.description,
        **compact(
            {
                "alternate_name": item.alternate_name,
                "email": item.email,
                "website": item.website,
            }
        ),
    }


def service(item: Service, *, with_locations: bool = True) -> dict:
    """One service, fully nested: its organisation, places, times, areas, costs, languages, contacts, phones and
    the taxonomy terms that describe it (as attributes)."""
    out = {
        "id": str(item.id),
        "organization_id": str(item.organisation_id),
        "name": item.name,
        "status": item.status,
        **compact(
            {
                "alternate_name": item.alternate_name,
                "description": item.description,
                "url": item.url,
                "email": item.email,
                "interpretation_services": item.interpretation_services,
                "application_process": item.application_process,
                "fees_description": item.fees_description,
                "eligibility_description": item.eligibility_description,
                "minimum_age": item.minimum_age,
                "maximum_age": item.maximum_age,
                "assured_date": item.assured_date,
                "assurer_email": item.assurer_email,
                "alert": item.alert,
                "last_modified": item.updated_at,
            }
        ),
        "organization": organization(item.organisation),
        "phones": [phone(p) for p in item.phones.all()],
        "schedules": [schedule(s) for s in item.schedules.all()],
        "service_areas": [
            {
                "id": str(area.id),
                "service_id": str(item.id),
                **compact(
                    {
                        "name": area.name,
                        "description": area.description,
                        "extent": area.extent,
                        "extent_type": area.extent_type,
                        "uri": area.uri,
                    }
                ),
            }
            for area in sorted(item.service_areas.all(), key=lambda a: str(a.id))
        ],
        "cost_options": [
            {
                "id": str(cost.id),
                "service_id": str(item.id),
                **compact(
                    {
                        "valid_from": cost.valid_from,
                        "valid_to": cost.valid_to,
                        "option": cost.option,
                        "currency": cost.currency,
                        "amount": cost.amount,
                        "amount_description": cost.amount_description,
                    }
                ),
            }
            for cost in sorted(item.cost_options.all(), key=lambda c: str(c.id))
        ],
        "languages": [language(lang) for lang in item.languages.all()],
        "contacts": [contact(c) for c in item.contacts.all()],
        "attributes": [attribute(link) for link in item.service_terms.all()],
    }
    if with_locations:
        out["service_at_locations"] = [service_at_location(sal) for sal in item.service_at_locations.all()]
    return out


def services(items: Iterable[Service]) -> list[dict]:
    return [service(item) for item in items]
