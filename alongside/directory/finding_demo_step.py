"""The directory's step of building the demo borough: nothing with each person; once everyone is in, the directory
of services (finding_demo.plan_directory) is written, one bulk insert per table, each listing with the change
that added it."""

from datetime import UTC, datetime, time

from alongside.demo.borough import PersonCare, PersonRow
from alongside.demo.steps import Building

from .finding_demo import TAXONOMY, plan_directory
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
    Taxonomy,
    TaxonomyTerm,
)


class DirectoryStep:
    def __init__(self, building: Building):
        self.building = building

    def person(self, index: int, row: PersonRow, care: PersonCare) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        coordinators = [p.username for p in b.plan.personas if p.role == "coordinator"]
        plan = plan_directory(b.seed, b.today, coordinators)
        users = b.ids.users

        def user(username: str) -> int | None:
            return users.get(username)

        def at(day) -> datetime:
            return min(datetime.combine(day, time(11, 0), tzinfo=UTC), b.now)

        Taxonomy.objects.bulk_create(
            [Taxonomy(id=plan.taxonomy_id, name=TAXONOMY, description="What people need help with")]
        )
        ids = {t.code: t.id for t in plan.terms}
        TaxonomyTerm.objects.bulk_create(
            TaxonomyTerm(
                id=t.id,
                taxonomy_id=plan.taxonomy_id,
                parent_id=ids[t.parent] if t.parent else None,
                code=t.code,
                name=t.name,
                description=t.description,
            )
            for t in plan.terms
        )
        Organisation.objects.bulk_create(
            Organisation(
                id=o.id,
                name=o.name,
                description=o.description,
                email=o.email,
                website=o.website,
                editor_id=user(o.editor),
                checked_on=o.checked_on,
            )
            for o in plan.organisations
        )
        Location.objects.bulk_create(
            Location(
                id=loc.id,
                organisation_id=plan.organisations[loc.organisation].id,
                name=loc.name,
                transportation=loc.transportation,
                latitude=loc.latitude,
                longitude=loc.longitude,
                address_id=loc.address_id,
                address_1=loc.address_1,
                city="Northvale",
                postal_code=loc.postcode,
            )
            for loc in plan.locations
        )
        services, terms, at_locations, schedules, areas, costs, languages, contacts, phones = ([] for _ in range(9))
        for s in plan.services:
            services.append(
                Service(
                    id=s.id,
                    organisation_id=plan.organisations[s.organisation].id,
                    name=s.name,
                    description=s.description,
                    email=s.email,
                    status=s.status,
                    application_process=s.application_process,
                    fees_description=s.cost_words,
                    minimum_age=s.minimum_age,
                    maximum_age=s.maximum_age,
                    referral_email=s.referral_email,
                    editor_id=user(s.editor),
                    checked_on=s.checked_on,
                    retired_at=at(s.checked_on) if s.retired else None,
                )
            )
            terms += [ServiceTerm(service_id=s.id, term_id=ids[code]) for code in s.terms]
            held = [ServiceAtLocation(service_id=s.id, location_id=plan.locations[i].id) for i in s.locations]
            at_locations += held
            schedules += [
                Schedule(
                    service_id=s.id,
                    service_at_location=held[0] if held else None,
                    freq=o.freq,
                    interval=1,
                    byday=o.byday,
                    opens_at=o.opens_at,
                    closes_at=o.closes_at,
                    description=o.description,
                    attending_type="in person" if held else "phone",
                )
                for o in s.openings
            ]
            areas += [ServiceArea(service_id=s.id, name=name, description=f"People in {name}") for name in s.areas]
            costs.append(
                CostOption(service_id=s.id, amount=s.cost or 0, option=s.cost_words, amount_description=s.cost_words)
            )
            languages += [Language(service_id=s.id, name=name, code=code) for name, code in s.languages]
            contact = Contact(service_id=s.id, name=s.contact, title=s.contact_title)
            contacts.append(contact)
            phones.append(Phone(service_id=s.id, number=s.phone, type="voice"))
        Service.objects.bulk_create(services)
        ServiceTerm.objects.bulk_create(terms)
        ServiceAtLocation.objects.bulk_create(at_locations)
        Schedule.objects.bulk_create(schedules)
        ServiceArea.objects.bulk_create(areas)
        CostOption.objects.bulk_create(costs)
        Language.objects.bulk_create(languages)
        Contact.objects.bulk_create(contacts)
        Phone.objects.bulk_create(phones)
        ListingChange.objects.bulk_create(
            [
                ListingChange(by_id=user(o.editor), object_type="organisation", object_id=o.id, what="added", detail={})
                for o in plan.organisations
            ]
            + [
                ListingChange(by_id=user(s.editor), object_type="service", object_id=s.id, what="added", detail={})
                for s in plan.services
            ]
        )
