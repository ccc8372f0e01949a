"""The JSON API for person records: the same access policy as the pages, audited the same way.

- GET /people?search=...: the people the caller may see, matched as the search page matches them, with each
  field present only where the caller may read its category (null otherwise); every person returned is a read,
  audited in one bulk insert.
- GET /people/{id}: one person's record, by category, through `open_record`: refused answers 404 like missing.
- GET /people/{id}/access-log: for the person or their proxy, who read their record, when and on what basis.

Ninja authenticates the caller (bearer token or session) before any of this runs; either way request.user,
request.roles and request.memberships are set (by `BearerToken` or by `MembershipMiddleware`).
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, QuerySet, Window
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from alongside.consent.models import ConsentProvision
from alongside.core.api_errors import link, links, responses
from alongside.core.api_input import PageQuery, text
from alongside.core.models import AuditEvent
from alongside.partners.models import Organisation

from . import search, timeline
from .access import open_record, visible_people
from .models import CareRelationship, Entry, Person, StoryVersion
from .policy import Category
from .record import read_record

router = Router(tags=["people"])

TIMELINE_LENGTH = timeline.TIMELINE_LENGTH
FIRST_ID = "$response.body#/items/0/id"  # in a page of people, the first one's id


# ----------------------------------------------------------------------------------------------- schemas


class PersonSummary(Schema):
    id: int
    given_name: str
    family_name: str
    preferred_name: str
    nhs_number: str | None = Field(None, description="Null when unknown, or when the caller may not see identity")
    birth_date: date | None = Field(None, description="Null when the caller may not see identity")
    postcode: str | None = Field(None, description="Null when the caller may not see contact details")
    basis: str = Field(description="Why the caller may see this person: self, proxy, relationship, consent, ...")


class PeoplePage(Schema):
    count: int = Field(description="How many people match among those the caller may see")
    limit: int
    offset: int
    close_matches: bool = Field(description="Nothing matched closely, so these are looser matches of the names")
    problems: list[str] = Field(description="Parts of the search that could not be used, and why")
    items: list[PersonSummary]


SEARCH = text(200)


class PeopleQuery(PageQuery):
    search: SEARCH = Field("", description="Name, date of birth, NHS number or postcode")


class Named(Schema):
    id: int
    name: str


class Identity(Schema):
    nhs_number: str | None
    birth_date: date
    gp_practice: Named | None
    neighbourhood: Named | None


class Contact(Schema):
    address_line: str
    town: str
    postcode: str
    phone: str


class StoryOut(Schema):
    part: str
    number: int
    text: str
    reason: str
    written_with_person: bool
    written_by: str | None
    written_at: datetime


class RelationshipOut(Schema):
    kind: str
    holder: str
    user_id: int | None
    team_id: int | None
    started_at: datetime
    ended_at: datetime | None
    active: bool


class SupporterOut(Schema):
    name: str
    relationship: str
    phone: str
    is_carer: bool
    is_key_contact: bool
    started_on: date | None
    ended_on: date | None


class ProvisionOut(Schema):
    permit: bool
    actor: str = Field(description="volunteers, proxies, or organisation:<id>")
    organisation: Named | None
    categories: list[str] = Field(description="Empty: every category")
    start: datetime
    end: datetime | None
    withdrawn_at: datetime | None
    recorded_at: datetime
    recorded_as: str


class AmendmentOut(Schema):
    id: int
    text: str
    reason: str
    author: str | None
    at: datetime


class EntryOut(Schema):
    id: int
    kind: str
    text: str = Field(description="The current text: the latest amendment's, or the original's")
    original_text: str
    restricted: bool
    author: str | None
    at: datetime
    amendments: list[AmendmentOut]


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    preferred_name: str
    basis: str
    categories: list[str] = Field(description="The categories of this record the caller may read")
    identity: Identity | None = None
    contact: Contact | None = None
    communication_needs: str | None = Field(None, description="How best to communicate with the person")
    shared_with_volunteers: str | None = None
    story: list[StoryOut] | None = Field(None, description="The current version of each part that has been written")
    relationships: list[RelationshipOut] | None = None
    supporters: list[SupporterOut] | None = None
    consent: list[ProvisionOut] | None = None
    timeline: list[EntryOut] | None = Field(None, description=f"The newest {TIMELINE_LENGTH} entries")


class AccessOut(Schema):
    at: datetime
    who: str
    role: str
    organisation: str | None
    action: str
    basis: str


class AccessLogPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AccessOut]


# ----------------------------------------------------------------------------------------------- search


@router.get(
    "/people",
    response=responses({200: PeoplePage}, parameters=True),
    openapi_extra=links(
        200,
        person=link("alongside_people_api_get_person", person_id=FIRST_ID),
        access_log=link("alongside_people_api_access_log", person_id=FIRST_ID),
    ),
    summary="Find people among those the caller may see",
    description=(
        "Matches as the search page does (alongside.people.search): names tolerant of typos, initials and order, "
        "date or year of birth, NHS number, postcode. Without `search`, every person the caller may see, by name. "
        "People the caller may not see are never matched or counted; fields the caller may not read are null. "
        "Each person returned is recorded in the audit."
    ),
)
def list_people(request, filters: Query[PeopleQuery]):
    query = " ".join(filters.search.split())
    terms = search.parse(query) if query else None
    problems = list(terms.problems) if terms else []
    if terms is not None and not terms.selective:
        problems.append(search.TOO_SHORT)
    close_matches = False
    with transaction.atomic():  # the audit rows and the answer stand or fall together
        if terms is None:
            people = visible_people(request, Category.NAME).order_by("family_name", "given_name", "pk")
        else:
            people = search.matching(visible_people(request, Category.NAME), terms, request=request)
        found, count = _slice(people, filters.offset, filters.limit)
        if not count and terms is not None and terms.names:
            people = search.matching(visible_people(request, Category.NAME), terms, request=request, loose=True)
            found, count = _slice(people, filters.offset, filters.limit)
            close_matches = bool(count)
        rows = search.rows_for(request, found)  # what the caller may see of each, from facts read in bulk
        _audit_results(request, rows, query)
    items = [
        {
            "id": row.person.pk,
            "given_name": row.person.given_name,
            "family_name": row.person.family_name,
            "preferred_name": row.person.preferred_name,
            "nhs_number": row.person.nhs_number if row.identity else None,
            "birth_date": row.person.birth_date if row.identity else None,
            "postcode": row.person.postcode if row.contact else None,
            "basis": row.decision.basis.value if row.decision.basis else "",
        }
        for row in rows
    ]
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "close_matches": close_matches,
        "problems": problems,
        "items": items,
    }


def _slice(people: QuerySet[Person], offset: int, limit: int) -> tuple[list[Person], int]:
    """The people from `offset`, and how many there are in all: one query (a window count), two past the end."""
    found = list(people.annotate(total=Window(Count("pk")))[offset : offset + limit])
    if found:
        return found, found[0].total
    return [], people.count() if offset else 0


def _audit_results(request, rows: list[search.Row], query: str) -> None:
    """Each person returned is a read of their data: one audit row each, written in one insert."""
    search.audit_results(request, rows, query, action="api_search_result")


# ----------------------------------------------------------------------------------------------- one person


@router.get(
    "/people/{int:person_id}",
    response=responses({200: PersonOut}, not_found=True),
    summary="One person's record: the parts the caller may read",
    description="Answers 404, exactly as for a person who does not exist, when the caller may not see them.",
)
def get_person(request, person_id: int):
    record = read_record(request, person_id, "api_person_viewed")
    person, shown = record.person, record.shown
    out = {
        "id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "preferred_name": person.preferred_name,
        "basis": record.basis.value if record.basis else "",
        "categories": sorted(c.value for c in shown),
    }
    if Category.IDENTITY in shown:
        out["identity"] = {
            "nhs_number": person.nhs_number,
            "birth_date": person.birth_date,
            "gp_practice": _named(person.gp_practice),
            "neighbourhood": _named(person.neighbourhood),
        }
    if Category.COMMUNICATION in shown:
        out["communication_needs"] = person.communication_needs
    if Category.CONTACT in shown:
        out["contact"] = {
            "address_line": person.address_line,
            "town": person.town,
            "postcode": person.postcode,
            "phone": person.phone,
        }
    if Category.SHARED_WITH_VOLUNTEERS in shown:
        out["shared_with_volunteers"] = person.shared_with_volunteers
    if record.story is not None:
        out["story"] = [_story_version(v) for v in record.story.values()]
    if record.relationships is not None:
        out["relationships"] = _relationships(record.relationships)
    if record.supporters is not None:
        out["supporters"] = record.supporters
    if record.provisions is not None:
        out["consent"] = [_provision(p) for p in record.provisions]
    if record.entries is not None:
        out["timeline"] = _timeline(record.entries)
    return out


def _named(thing) -> dict | None:
    return {"id": thing.pk, "name": thing.name} if thing is not None else None


def _author(user) -> str | None:
    return user.display_name if user is not None else None


def _story_version(v: StoryVersion) -> dict:
    return {
        "part": v.part,
        "number": v.number,
        "text": v.text,
        "reason": v.reason,
        "written_with_person": v.written_with_person,
        "written_by": _author(v.written_by),
        "written_at": v.written_at,
    }


def _relationships(rows: list[CareRelationship]) -> list[dict]:
    now = timezone.now()
    return [
        {
            "kind": r.kind,
            "holder": r.holder,
            "user_id": r.user_id,
            "team_id": r.team_id,
            "started_at": r.started_at,
            "ended_at": r.ended_at,
            "active": r.started_at <= now and (r.ended_at is None or r.ended_at > now),
        }
        for r in rows
    ]


def _provision(p: ConsentProvision) -> dict:
    return {
        "permit": p.permit,
        "actor": p.actor,
        "organisation": _named(p.organisation),
        "categories": list(p.categories),
        "start": p.start,
        "end": p.end,
        "withdrawn_at": p.withdrawn_at,
        "recorded_at": p.recorded_at,
        "recorded_as": p.recorded_as,
    }


def _timeline(entries: list[Entry]) -> list[dict]:
    out = []
    for e in entries:
        changes = list(e.amendments.all())
        out.append(
            {
                "id": e.pk,
                "kind": e.kind,
                "text": changes[-1].text if changes else e.text,
                "original_text": e.text,
                "restricted": e.restricted,
                "author": _author(e.author),
                "at": e.at,
                "amendments": [
                    {"id": a.pk, "text": a.text, "reason": a.amend_reason, "author": _author(a.author), "at": a.at}
                    for a in changes
                ],
            }
        )
    return out


# ----------------------------------------------------------------------------------------------- access log


@router.get(
    "/people/{int:person_id}/access-log",
    response=responses({200: AccessLogPage}, not_found=True, parameters=True),
    summary="Who read or changed this person's record, newest first: for the person and their proxy",
    description="Answers 404, exactly as for a person who does not exist, to anyone but the person or their proxy.",
)
def access_log(request, person_id: int, page: Query[PageQuery]):
    person, _, _ = open_record(request, person_id, Category.ACCESS_LOG, "api_access_log_viewed")
    events = AuditEvent.objects.filter(person_id=person.pk).exclude(action__startswith="denied:")
    if person.user_id is not None:
        events = events.exclude(actor_id=person.user_id)
    count = events.count()
    rows = list(events.select_related("actor").order_by("-at", "-pk")[page.offset : page.offset + page.limit])
    organisation_ids = {e.organisation_id for e in rows if e.organisation_id is not None}
    organisations = dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name"))
    items = [
        {
            "at": e.at,
            "who": e.actor.display_name if e.actor is not None else (e.actor_username or "The system"),
            "role": e.role,
            "organisation": organisations.get(e.organisation_id),
            "action": e.action,
            "basis": e.basis,
        }
        for e in rows
    ]
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}
