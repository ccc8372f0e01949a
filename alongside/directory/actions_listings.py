"""Every write to the directory's listings: adding an organisation or a service, changing one (refused as a
conflict when someone else saved it after the form was opened), marking one as checked (still right), retiring
one and bringing it back. Listings are never deleted.

Each action checks that the user keeps the directory (listings_queries.is_keeper: coordinators of a volunteer hub
and directory editors), runs in one transaction, and records a ListingChange: who, when, what, and the fields
changed. The directory holds no person's data, so nothing here is a person-data audit.
"""

from dataclasses import fields, replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.core.models import Alert

from . import listings_queries as queries
from . import places
from .listings_queries import SCALARS, ServiceDetails
from .models import (
    Contact,
    CostOption,
    Language,
    ListingChange,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
)

ORGANISATION_FIELDS = ("name", "alternate_name", "description", "email", "website")
KINDS = {"organisation": Organisation, "service": Service}


def _keeper(request) -> None:
    if not queries.is_keeper(request):
        raise PermissionDenied


def _change(request, object_type: str, pk, what: str, **detail) -> None:
    ListingChange.objects.create(by=request.user, object_type=object_type, object_id=pk, what=what, detail=detail)


def _locked(model, pk):
    found = model.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise PermissionDenied  # the views answer "Page not found" for a missing listing before calling here
    return found


# --- organisations -------------------------------------------------------------------------------------------------


@transaction.atomic
def add_organisation(request, *, phone: str = "", **values) -> Organisation:
    _keeper(request)
    unknown = set(values) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Not part of an organisation: {sorted(unknown)}")
    organisation = Organisation.objects.create(editor=request.user, **values)
    if phone:
        Phone.objects.create(organisation=organisation, number=phone)
    _change(request, "organisation", organisation.pk, ListingChange.What.ADDED, name=organisation.name)
    return organisation


@transaction.atomic
def edit_organisation(request, pk, *, version: int, phone: str = "", **values) -> Organisation:
    """Change an organisation. A form begun before someone else's save raises EditConflict with it as it is now."""
    _keeper(request)
    organisation = _locked(Organisation, pk)
    if organisation.version != version:
        raise EditConflict(queries.organisation_for_keepers(pk))
    old_phone = next(iter(p.number for p in organisation.phones.all()), "")
    changed = [name for name in ORGANISATION_FIELDS if name in values and getattr(organisation, name) != values[name]]
    for name in changed:
        setattr(organisation, name, values[name])
    if phone != old_phone:
        changed.append("phone")
        organisation.phones.all().delete()
        if phone:
            Phone.objects.create(organisation=organisation, number=phone)
    if changed:
        organisation.version += 1
        organisation.save()
        _change(request, "organisation", pk, ListingChange.What.EDITED, fields=changed, name=organisation.name)
    return organisation


# --- services ------------------------------------------------------------------------------------------------------


def _write_places(service: Service, wanted_places) -> None:
    """Make the service offered at these places. A place it already has, unchanged, keeps its location (its HSDS
    id, map position and anything an import gave it); a place not in the list is no longer linked (the location
    itself stays: HSDS ids are kept); a new or changed one is a new location, placed at its postcode's district
    centre when the district is known (places.where), so that it can be found by distance. A location with no
    words (online only, or only a map position) is not in the form, so it is kept as it is."""
    unmatched = [sal for sal in service.service_at_locations.select_related("location") if queries.has_words(sal)]
    for place in wanted_places:
        wanted = replace(place, postal_code=place.postal_code.upper())
        same = next((sal for sal in unmatched if queries.place_of(sal.location) == wanted), None)
        if same is not None:
            unmatched.remove(same)
            continue
        point = places.where(place.postal_code) if place.postal_code else None  # so it can be found by distance
        location = Location.objects.create(
            organisation=service.organisation,
            name=place.name,
            address_1=place.address_1,
            city=place.city,
            postal_code=place.postal_code.upper(),
            transportation=place.transportation,
            latitude=point.latitude if point else None,
            longitude=point.longitude if point else None,
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    ServiceAtLocation.objects.filter(pk__in=[sal.pk for sal in unmatched]).delete()


def _write_parts(service: Service, details: ServiceDetails, parts: set[str]) -> None:
    """Replace the parts of a service named in `parts` (its terms, places, opening times and so on)."""
    if "terms" in parts:
        service.service_terms.all().delete()
        known = set(TaxonomyTerm.objects.filter(pk__in=details.terms).values_list("pk", flat=True))
        ServiceTerm.objects.bulk_create([ServiceTerm(service=service, term_id=pk) for pk in sorted(known, key=str)])
    if "places" in parts:
        _write_places(service, details.places)
    if "opening" in parts:
        service.schedules.filter(service_at_location__isnull=True).delete()
        Schedule.objects.bulk_create(
            [
                Schedule(service=service, freq=Schedule.Freq.WEEKLY, byday=o.day, opens_at=o.opens, closes_at=o.closes)
                for o in details.opening
            ]
        )
    if "areas" in parts:
        service.service_areas.all().delete()
        ServiceArea.objects.bulk_create([ServiceArea(service=service, name=name) for name in details.areas])
    if parts & {"free", "cost_amount", "cost_words"}:
        service.cost_options.all().delete()
        if not details.free:
            CostOption.objects.create(
                service=service, amount=details.cost_amount, amount_description=details.cost_words
            )
    if "languages" in parts:
        service.languages.all().delete()
        Language.objects.bulk_create([Language(service=service, name=name) for name in details.languages])
    if "contact_name" in parts:
        service.contacts.all().delete()
        if details.contact_name:
            Contact.objects.create(service=service, name=details.contact_name)
    if "phones" in parts:
        service.phones.all().delete()
        Phone.objects.bulk_create([Phone(service=service, number=number) for number in details.phones])


@transaction.atomic
def add_service(request, organisation_id, details: ServiceDetails) -> Service:
    _keeper(request)
    organisation = Organisation.objects.filter(pk=organisation_id, retired_at__isnull=True).first()
    if organisation is None:
        raise PermissionDenied
    service = Service.objects.create(
        organisation=organisation,
        editor=request.user,
        fees_description="" if details.free else details.cost_words,
        **{name: getattr(details, name) for name in SCALARS},
    )
    _write_parts(service, details, {f.name for f in fields(ServiceDetails)})
    _change(request, "service", service.pk, ListingChange.What.ADDED, name=service.name, organisation=organisation.name)
    return service


@transaction.atomic
def edit_service(request, pk, *, version: int, details: ServiceDetails) -> Service:
    """Change a service. A form begun before someone else's save raises EditConflict with it as it is now; only
    the fields that differ are written and recorded."""
    _keeper(request)
    service = _locked(Service, pk)
    if service.version != version:
        raise EditConflict(queries.service_for_keepers(pk))
    before = queries.details_of(queries.service_for_keepers(pk))
    changed = [f.name for f in fields(ServiceDetails) if getattr(before, f.name) != getattr(details, f.name)]
    if not changed:
        return service
    for name in SCALARS:
        setattr(service, name, getattr(details, name))
    service.fees_description = "" if details.free else details.cost_words
    service.version += 1
    service.save()
    _write_parts(service, details, set(changed))
    _change(request, "service", pk, ListingChange.What.EDITED, fields=changed, name=service.name)
    return service


# --- who keeps a listing -----------------------------------------------------------------------------------------


@transaction.atomic
def choose_keeper(request, kind: str, pk, *, version: int, user_id: int):
    """Name who keeps a listing: they are reminded when it is not checked for six months. Only someone the user
    may choose (listings_queries.keeper_choices: a keeper in their own partner organisation) can be named. A choice
    begun before someone else's change raises EditConflict. The new keeper is told with an Alert (unless they
    chose themselves)."""
    _keeper(request)
    listing = _locked(KINDS[kind], pk)
    if listing.version != version:
        raise EditConflict(listing)
    choices = {choice.user_id: choice.name for choice in queries.keeper_choices(request)}
    if user_id not in choices:
        raise PermissionDenied
    if listing.editor_id == user_id:
        return listing
    listing.editor_id = user_id
    listing.version += 1
    listing.save(update_fields=["editor", "version", "updated_at"])
    _change(request, kind, pk, ListingChange.What.EDITED, fields=["editor"], name=listing.name, keeper=choices[user_id])
    if user_id != request.user.pk:
        Alert.objects.create(
            recipient_id=user_id,
            text=f"You now keep {listing.name} in the directory. You will be reminded when it needs checking."[:300],
            url=reverse(f"directory:keep_{kind}", args=[pk]),
        )
    return listing


# --- checking and retiring -----------------------------------------------------------------------------------------


@transaction.atomic
def mark_checked(request, kind: str, pk):
    """A keeper says the listing is still right today: it is no longer flagged, and a reminder may go again the
    next time it is not checked for six months."""
    _keeper(request)
    listing = _locked(KINDS[kind], pk)
    listing.checked_on = timezone.localdate()
    listing.reminded_at = None
    listing.save(update_fields=["checked_on", "reminded_at", "updated_at"])
    _change(request, kind, pk, ListingChange.What.CHECKED, name=listing.name)
    return listing


@transaction.atomic
def retire(request, kind: str, pk, *, reason: str = ""):
    """Retire a listing: it leaves the search and the open data but stays, readable to keepers, and can be brought
    back. Retiring an organisation retires its services in use too, each recorded."""
    _keeper(request)
    listing = _locked(KINDS[kind], pk)
    if listing.retired_at is not None:
        return listing
    now = timezone.now()
    listing.retired_at = now
    listing.save(update_fields=["retired_at", "updated_at"])
    _change(request, kind, pk, ListingChange.What.RETIRED, name=listing.name, reason=reason)
    if kind == "organisation":
        for service in Service.objects.select_for_update().filter(organisation=listing, retired_at__isnull=True):
            service.retired_at = now
            service.save(update_fields=["retired_at", "updated_at"])
            _change(
                request,
                "service",
                service.pk,
                ListingChange.What.RETIRED,
                name=service.name,
                reason=f"{listing.name} was retired",
            )
    return listing


@transaction.atomic
def bring_back(request, kind: str, pk):
    """Bring a retired listing back into use (recorded as a change of its "retired" field). A service of a retired
    organisation cannot come back until its organisation does."""
    _keeper(request)
    listing = _locked(KINDS[kind], pk)
    if listing.retired_at is None:
        return listing
    if kind == "service" and listing.organisation.retired_at is not None:
        raise PermissionDenied
    listing.retired_at = None
    listing.save(update_fields=["retired_at", "updated_at"])
    _change(request, kind, pk, ListingChange.What.EDITED, fields=["retired"], name=listing.name, brought_back=True)
    return listing
