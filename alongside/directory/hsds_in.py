"""Reading an Open Referral UK (HSDS 3.0) feed into the directory.

A feed is a list of fully nested services (as /api/hsds/services answers), or a page of them (an object with
`contents`). `problems(services)` checks every object against the HSDS 3.0 schema and the directory's own rules
and says what is wrong with each, at its place in the feed, in plain words ("services[3].phones[0].number: a phone
number is needed"). `load(services)` writes a feed that has no problems: each object is matched by its HSDS id,
added if new, changed only where it differs (so loading the same feed twice changes nothing the second time), and
the parts of an imported service that the feed no longer has are removed. It reads and writes in bulk, a fixed
number of queries per thousand objects. The caller (actions_standards.import_feed) runs it in one transaction.

Not kept: attributes other than a service's taxonomy terms, and HSDS objects the directory has no table for
(funding, programs, accessibility, required documents, metadata). A listing missing from a later feed is not
retired: the people keeping the directory decide that.
"""

import ipaddress
import json
import re
import socket
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import models

from alongside.core.numbers import whole_number

from . import hsds_schemas
from . import models as m

MAX_FEED_BYTES = 500 * 1024 * 1024
MAX_PAGES = 10_000
CHUNK = 2000

# --- reading the feed --------------------------------------------------------------------------------------------


class FeedUnreadable(Exception):
    """The feed could not be fetched or is not JSON of the right shape; the message says which, in plain words."""


INSIDE = (
    "The feed's address is inside this service's own network. Ask for the feed's public address: a feed is read "
    "only from the internet, so that the feed page cannot be used to reach the service's own systems."
)


def refuse_inside(url: str) -> None:
    """A feed is read only from a public address: an address that is, or resolves to, a loopback, private,
    link-local or otherwise reserved one is refused (so that the feed page cannot be used to reach the server's own
    network), unless the setting ALONGSIDE_FEED_FROM_OWN_NETWORK allows it (the tests' local feed server)."""
    if getattr(settings, "ALONGSIDE_FEED_FROM_OWN_NETWORK", False):
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError) as error:
        raise FeedUnreadable(f"The feed at {url} could not be read: no such address ({error})") from error
    for address in addresses:
        found = ipaddress.ip_address(address.split("%")[0])
        if not found.is_global or found.is_multicast:
            raise FeedUnreadable(INSIDE)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another public http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.startswith(("http://", "https://")):
            raise FeedUnreadable("The feed's address sent us to an address that is not a web address")
        refuse_inside(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _get_json(url: str) -> Any:
    refuse_inside(url)
    headers = {"Accept": "application/json", "User-Agent": "Alongside"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (read() lets only http and https here)
    opener = urllib.request.build_opener(_CheckedRedirects)
    try:
        with opener.open(request, timeout=60) as response:
            return json.loads(response.read(MAX_FEED_BYTES))
    except (OSError, ValueError) as error:
        raise FeedUnreadable(f"The feed at {url} could not be read: {error}") from error


def _with_page(url: str, page: int) -> str:
    base = re.sub(r"([?&])page=\d+&?", r"\1", url).rstrip("?&")
    return f"{base}{'&' if '?' in base else '?'}page={page}"


def read(source: str) -> list:
    """The services in a feed: a file path, or an http(s) URL (whose pages are followed to the last)."""
    if source.startswith(("http://", "https://")):
        body = _get_json(source)
        if isinstance(body, dict) and "contents" in body:
            services = list(body.get("contents") or [])
            page = body.get("page_number") or 1
            while body.get("last_page") is False and isinstance(page, int) and page < MAX_PAGES:
                page += 1
                body = _get_json(_with_page(source, page))
                services += list(body.get("contents") or []) if isinstance(body, dict) else []
            return services
    elif "://" in source:
        raise FeedUnreadable("A feed is a file, or a web address starting http:// or https://")
    else:
        try:
            with open(source, "rb") as file:
                body = json.loads(file.read(MAX_FEED_BYTES))
        except (OSError, ValueError) as error:
            raise FeedUnreadable(f"The file {source} could not be read as JSON: {error}") from error
    if isinstance(body, dict) and isinstance(body.get("contents"), list):
        return body["contents"]
    if isinstance(body, list):
        return body
    raise FeedUnreadable("The feed must be a list of services, or a page of them with its services in `contents`")


# --- checking it -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def as_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


def json_path(parts: Iterable) -> str:
    """["services", 3, "phones", 0, "number"] as services[3].phones[0].number."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


FORMATS = {
    "uuid": "must be an id in the form 1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    "email": "must be an email address, like name@example.com",
    "uri": "must be a web address, like https://example.org",
    "date-time": "must be a date and time, like 2026-01-31T09:30:00Z",
    "date": "must be a date, like 2026-01-31",
}
TYPES = {
    "string": "must be words in quotes",
    "number": "must be a number",
    "integer": "must be a whole number",
    "array": "must be a list",
    "object": "must be an object with named fields",
    "boolean": "must be true or false",
}


def _words(name: str) -> str:
    words = name.replace("_", " ")
    return ("an " if words[:1] in "aeiou" else "a ") + words


def plain(path: list, message: str) -> tuple[list, str]:
    """A schema's message in plain words, with the path of the field it is about."""
    if found := re.match(r'^"(.+)" is a required property$', message):
        name = found.group(1)
        return [*path, name], f"{_words(name)} is needed"
    if found := re.match(r'^.* is not a "(.+)"$', message):
        return path, FORMATS.get(found.group(1), f"must be in the {found.group(1)} format")
    if found := re.match(r'^.* is not of type "?(\w+)"?', message):
        return path, TYPES.get(found.group(1), f"must be of type {found.group(1)}")
    if found := re.match(r"^.* is not one of (.+)$", message):
        return path, f"must be one of {found.group(1)}"
    return path, message


def _limits(model: type[models.Model]) -> dict[str, int]:
    return {f.name: f.max_length for f in model._meta.get_fields() if getattr(f, "max_length", None)}


# What each HSDS object becomes: the model, and its fields as HSDS names them -> (model field, kind of value).
TEXT, NUMBER, WHOLE, DAY, TIME, MONEY, ID = "text", "number", "whole", "date", "time", "money", "id"
FIELDS: dict[type[models.Model], dict[str, tuple[str, str]]] = {
    m.Organisation: {k: (k, TEXT) for k in ("name", "alternate_name", "description", "email")}
    | {"website": ("website", TEXT)},
    m.Service: {
        k: (k, TEXT)
        for k in (
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "alert",
            "assurer_email",
        )
    }
    | {
        "minimum_age": ("minimum_age", WHOLE),
        "maximum_age": ("maximum_age", WHOLE),
        "assured_date": ("assured_date", DAY),
    },
    m.Taxonomy: {k: (k, TEXT) for k in ("name", "description", "uri", "version")},
    m.TaxonomyTerm: {k: (k, TEXT) for k in ("code", "name", "description", "term_uri")}
    | {"taxonomy_id": ("taxonomy_id", ID), "parent_id": ("parent_id", ID)},
    m.Location: {k: (k, TEXT) for k in ("location_type", "name", "description", "transportation")}
    | {
        "latitude": ("latitude", NUMBER),
        "longitude": ("longitude", NUMBER),
        "organization_id": ("organisation_id", ID),
    },
    m.ServiceAtLocation: {"description": ("description", TEXT)},
    m.Schedule: {k: (k, TEXT) for k in ("freq", "byday", "bymonthday", "description", "attending_type", "notes")}
    | {k: (k, DAY) for k in ("valid_from", "valid_to", "dtstart")}
    | {"interval": ("interval", WHOLE), "opens_at": ("opens_at", TIME), "closes_at": ("closes_at", TIME)},
    m.ServiceArea: {k: (k, TEXT) for k in ("name", "description", "extent", "extent_type", "uri")},
    m.CostOption: {k: (k, TEXT) for k in ("option", "currency", "amount_description")}
    | {"valid_from": ("valid_from", DAY), "valid_to": ("valid_to", DAY), "amount": ("amount", MONEY)},
    m.Language: {k: (k, TEXT) for k in ("name", "code", "note")},
    m.Contact: {k: (k, TEXT) for k in ("name", "title", "email")},
    m.Phone: {k: (k, TEXT) for k in ("number", "type", "description")} | {"extension": ("extension", TEXT)},
    m.ServiceTerm: {"value": ("value", TEXT)},
}
ADDRESS = {k: (k, TEXT) for k in ("address_1", "city", "region", "state_province", "postal_code", "country")} | {
    "address_type": ("address_type", TEXT)
}
BLANK_NOT_ALLOWED = {
    (m.Service, "name"): "a service name is needed",
    (m.Organisation, "name"): "an organisation name is needed",
    (m.Phone, "number"): "a phone number is needed",
    (m.TaxonomyTerm, "name"): "a taxonomy term name is needed",
    (m.Taxonomy, "name"): "a taxonomy name is needed",
}
NAMES = {
    m.Organisation: "organisation",
    m.Service: "service",
    m.Taxonomy: "taxonomy",
    m.TaxonomyTerm: "taxonomy term",
    m.Location: "location",
    m.ServiceAtLocation: "service at location",
    m.Schedule: "schedule",
    m.ServiceArea: "service area",
    m.CostOption: "cost option",
    m.Language: "language",
    m.Contact: "contact",
    m.Phone: "phone",
    m.ServiceTerm: "attribute",
}


def _value(raw: Any, kind: str) -> Any:
    """The value a model field keeps, or ValueError with what it must be."""
    if raw is None:
        return "" if kind == TEXT else None
    if kind == TEXT:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise ValueError("must be words in quotes")
        return str(raw).strip()
    if kind == ID:
        try:
            return uuid.UUID(str(raw))
        except ValueError as error:
            raise ValueError(FORMATS["uuid"]) from error
    if kind == WHOLE:
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw != int(raw) or not 0 <= raw <= 32767:
            raise ValueError("must be a whole number from 0 to 32767")
        return int(raw)
    if kind == NUMBER:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueError("must be a number")
        return float(raw)
    if kind == MONEY:
        try:
            amount = Decimal(str(raw)).quantize(Decimal("0.01"))
        except InvalidOperation as error:
            raise ValueError("must be an amount of money, like 2.50") from error
        if isinstance(raw, bool) or not amount.is_finite() or abs(amount) >= Decimal("1e8"):
            raise ValueError("must be an amount of money, like 2.50")
        return amount
    if kind == DAY:
        try:
            return date.fromisoformat(str(raw)[:10])
        except ValueError as error:
            raise ValueError("must be a date, like 2026-01-31") from error
    if kind == TIME:
        try:
            return time.fromisoformat(str(raw)).replace(tzinfo=None)
        except ValueError as error:
            raise ValueError("must be a time of day, like 09:30") from error
    raise AssertionError(kind)


@dataclass
class Rows:
    """What a feed holds, as model field values by model and id, and who owns the per-service parts."""

    values: dict[type[models.Model], dict[uuid.UUID, dict]] = field(default_factory=dict)
    places: dict[tuple[type[models.Model], uuid.UUID], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))


class _Reader:
    """Turns checked HSDS objects into Rows, noting every problem with its path."""

    def __init__(self) -> None:
        self.rows = Rows()
        self.addresses: dict[uuid.UUID, str] = {}
        self.needs_organisation: list[tuple[uuid.UUID, str]] = []
        self.needs_term: list[tuple[uuid.UUID, str]] = []
        self.limits = {model: _limits(model) for model in FIELDS}
        self.limits[m.Location] |= _limits(m.Location)

    def take(self, model, item: Any, path: str, extra: dict, shared: bool = False) -> uuid.UUID | None:
        """The object's values (its own fields from FIELDS, and `extra`), kept under its id; None if unusable."""
        if not isinstance(item, dict):
            self.rows.fail(path, f"must be a {NAMES[model]}, an object with named fields")
            return None
        try:
            pk = uuid.UUID(str(item.get("id")))
        except ValueError:
            return None  # the schema has already said the id is missing or not an id
        seen = self.rows.places.get((model, pk))
        if seen is not None:
            if shared:
                return pk  # an organisation, location or term named again: the first description stands
            self.rows.fail(f"{path}.id", f"this id is already used by the {NAMES[model]} at {seen}")
            return None
        self.rows.places[(model, pk)] = path
        values = dict(extra)
        for name, (attribute, kind) in FIELDS[model].items():
            try:
                value = _value(item.get(name), kind)
            except ValueError as error:
                self.rows.fail(f"{path}.{name}", str(error))
                continue
            limit = self.limits[model].get(attribute)
            if kind == TEXT and limit and len(value) > limit:
                self.rows.fail(f"{path}.{name}", f"is too long: at most {limit} characters")
                continue
            if (model, name) in BLANK_NOT_ALLOWED and not value:
                self.rows.fail(f"{path}.{name}", BLANK_NOT_ALLOWED[(model, name)])
            values[attribute] = value
        self.rows.values.setdefault(model, {})[pk] = values
        return pk

    def phones(self, items: Any, path: str, owner: dict) -> None:
        for i, item in enumerate(items or []):
            self.take(m.Phone, item, f"{path}.phones[{i}]", owner)

    def languages(self, items: Any, path: str, owner: dict) -> None:
        for i, item in enumerate(items or []):
            self.take(m.Language, item, f"{path}.languages[{i}]", owner)

    def schedules(self, items: Any, path: str, owner: dict) -> None:
        for i, item in enumerate(items or []):
            self.take(m.Schedule, item, f"{path}.schedules[{i}]", owner)

    def term(self, item: Any, path: str) -> uuid.UUID | None:
        taxonomy = item.get("taxonomy_detail") if isinstance(item, dict) else None
        taxonomy_id = None
        if taxonomy:
            taxonomy_id = self.take(m.Taxonomy, taxonomy, f"{path}.taxonomy_detail", {}, shared=True)
        pk = self.take(m.TaxonomyTerm, item, path, {}, shared=True)
        values = self.rows.values.get(m.TaxonomyTerm, {}).get(pk) if pk else None
        if values is not None and values.get("taxonomy_id") is None:
            values["taxonomy_id"] = taxonomy_id
        return pk

    def location(self, item: dict, path: str) -> uuid.UUID | None:
        try:
            if (m.Location, uuid.UUID(str(item.get("id")))) in self.rows.places:
                return uuid.UUID(str(item.get("id")))  # named again: the first description stands
        except ValueError:
            return None
        pk = self.take(m.Location, item, path, {}, shared=True)
        if pk is None:
            return None
        values = self.rows.values[m.Location][pk]
        addresses = item.get("addresses") or []
        if len(addresses) > 1:
            self.rows.fail(f"{path}.addresses", "a location here has one address: give each address its own location")
        values |= {attribute: "" for attribute, _ in ADDRESS.values()} | {"address_id": None, "country": "GB"}
        if addresses and isinstance(addresses[0], dict):
            address = addresses[0]
            try:
                values["address_id"] = uuid.UUID(str(address.get("id")))
            except ValueError:
                pass  # the schema has said so
            else:
                seen = self.addresses.setdefault(values["address_id"], f"{path}.addresses[0]")
                if seen != f"{path}.addresses[0]":
                    self.rows.fail(f"{path}.addresses[0].id", f"this id is already used by the address at {seen}")
            for name, (attribute, kind) in ADDRESS.items():
                text = _value(address.get(name), kind) if isinstance(address.get(name), str) else ""
                limit = self.limits[m.Location][attribute]
                if len(text) > limit:
                    self.rows.fail(f"{path}.addresses[0].{name}", f"is too long: at most {limit} characters")
                values[attribute] = text
        self.phones(item.get("phones"), path, {"location_id": pk})
        self.languages(item.get("languages"), path, {"location_id": pk})
        return pk

    def service(self, item: Any, path: str) -> None:
        if not isinstance(item, dict):
            self.rows.fail(path, "must be a service, an object with named fields")
            return
        organisation = item.get("organization")
        organisation_id = None
        if isinstance(organisation, dict):
            organisation_id = self.take(m.Organisation, organisation, f"{path}.organization", {}, shared=True)
            if organisation_id is not None and str(organisation_id) != str(
                item.get("organization_id", organisation_id)
            ):
                self.rows.fail(f"{path}.organization_id", "must be the id of the organization given with the service")
        elif item.get("organization_id"):
            try:
                organisation_id = uuid.UUID(str(item["organization_id"]))
            except ValueError:
                return
            self.rows.values.setdefault(m.Organisation, {})
            self.needs_organisation.append((organisation_id, f"{path}.organization_id"))
        else:
            self.rows.fail(f"{path}.organization", "the organisation that runs the service is needed")
        pk = self.take(m.Service, item, path, {"organisation_id": organisation_id})
        if pk is None:
            return
        values = self.rows.values[m.Service][pk]
        low, high = values.get("minimum_age"), values.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.rows.fail(f"{path}.maximum_age", "must not be below the minimum age")
        own = {"service_id": pk}
        self.phones(item.get("phones"), path, own)
        self.schedules(item.get("schedules"), path, own)
        self.languages(item.get("languages"), path, own)
        for i, area in enumerate(item.get("service_areas") or []):
            self.take(m.ServiceArea, area, f"{path}.service_areas[{i}]", own)
        for i, cost in enumerate(item.get("cost_options") or []):
            self.take(m.CostOption, cost, f"{path}.cost_options[{i}]", own)
        for i, contact in enumerate(item.get("contacts") or []):
            contact_id = self.take(m.Contact, contact, f"{path}.contacts[{i}]", own)
            if contact_id is not None:
                self.phones(contact.get("phones"), f"{path}.contacts[{i}]", {"contact_id": contact_id})
        terms_here: set[uuid.UUID] = set()
        for i, attribute in enumerate(item.get("attributes") or []):
            where = f"{path}.attributes[{i}]"
            if not isinstance(attribute, dict) or attribute.get("link_type", "service") not in ("service", None):
                continue  # only a service's own taxonomy terms are kept
            term = attribute.get("taxonomy_term")
            if isinstance(term, dict):
                term_id = self.term(term, f"{where}.taxonomy_term")
            else:
                try:
                    term_id = uuid.UUID(str(attribute.get("taxonomy_term_id")))
                except ValueError:
                    self.rows.fail(f"{where}.taxonomy_term", "the taxonomy term is needed")
                    continue
                self.needs_term.append((term_id, f"{where}.taxonomy_term_id"))
            if term_id is not None:
                if term_id in terms_here:
                    self.rows.fail(f"{where}.taxonomy_term_id", "the service already has this taxonomy term")
                    continue
                terms_here.add(term_id)
                self.take(m.ServiceTerm, attribute, where, {"service_id": pk, "term_id": term_id})
        for i, sal in enumerate(item.get("service_at_locations") or []):
            where = f"{path}.service_at_locations[{i}]"
            if not isinstance(sal, dict):
                self.rows.fail(where, "must be a service at location, an object with named fields")
                continue
            if not isinstance(sal.get("location"), dict):
                self.rows.fail(f"{where}.location", "the location is needed")
                continue
            location_id = self.location(sal["location"], f"{where}.location")
            sal_id = self.take(m.ServiceAtLocation, sal, where, {"service_id": pk, "location_id": location_id})
            if sal_id is not None:
                self.schedules(sal.get("schedules"), where, {"service_at_location_id": sal_id})


def problems_and_rows(services: list, progress: Callable = iter) -> Rows:
    """Every problem in the feed, and what it holds (usable only when there are no problems)."""
    reader = _Reader()
    rows = reader.rows
    if not isinstance(services, list):
        rows.fail("services", "must be a list of services")
        return rows
    for i, item in enumerate(progress(services)):
        path = f"services[{i}]"
        for where, message in hsds_schemas.problems("service", item):
            where, words = plain(where, message)
            rows.fail(json_path(["services", i, *where]), words)
        reader.service(item, path)
    _known(
        rows, m.Organisation, reader.needs_organisation, "no organisation with this id is in the feed or the directory"
    )
    _known(rows, m.TaxonomyTerm, reader.needs_term, "no taxonomy term with this id is in the feed or the directory")
    terms = rows.values.get(m.TaxonomyTerm, {})
    _known_parents(terms)
    taxonomies = [
        (v["taxonomy_id"], rows.places[(m.TaxonomyTerm, pk)] + ".taxonomy_id")
        for pk, v in terms.items()
        if v.get("taxonomy_id")
    ]
    _known(rows, m.Taxonomy, taxonomies, "no taxonomy with this id is in the feed or the directory")
    locations = rows.values.get(m.Location, {})
    owners = [
        (v["organisation_id"], rows.places[(m.Location, pk)] + ".organization_id")
        for pk, v in locations.items()
        if v.get("organisation_id")
    ]
    _known(rows, m.Organisation, owners, "no organisation with this id is in the feed or the directory")
    _cycles(rows)
    _addresses_free(rows)
    once = {}
    for problem in rows.problems:  # the schema's words first; one problem for each place
        once.setdefault(problem.path, problem)
    rows.problems = sorted(once.values(), key=lambda p: _order(p.path))
    return rows


def _addresses_free(rows: Rows) -> None:
    """An address id is kept by one location: not by a location outside the feed."""
    by_address = {v["address_id"]: pk for pk, v in rows.values.get(m.Location, {}).items() if v.get("address_id")}
    ids = list(by_address)
    for start in range(0, len(ids), CHUNK):
        taken = m.Location.objects.filter(address_id__in=ids[start : start + CHUNK]).values_list("address_id", "pk")
        for address_id, location_id in taken:
            if by_address[address_id] != location_id:
                where = rows.places[(m.Location, by_address[address_id])]
                rows.fail(f"{where}.addresses[0].id", "this address id is already another location's")


def _order(path: str) -> tuple:
    steps = (part for part in re.split(r"[\[\].]+", path) if part)
    return tuple(part if (index := whole_number(part)) is None else index for part in steps)


def _known(rows: Rows, model, wanted: list[tuple[uuid.UUID, str]], message: str) -> None:
    """Each id the feed refers to is in the feed, or already in the directory."""
    in_feed = rows.values.get(model, {})
    missing = {pk for pk, _ in wanted if pk not in in_feed}
    existing = set()
    for start in range(0, len(missing), CHUNK):
        chunk = list(missing)[start : start + CHUNK]
        existing |= set(model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    for pk, where in wanted:
        if pk not in in_feed and pk not in existing:
            rows.fail(where, message)


def _known_parents(terms: dict[uuid.UUID, dict]) -> None:
    """A term's broader term is kept when the feed or the directory has it. A service's feed names the terms that
    describe its services, not always the broader terms above them: one it does not have is not a problem, and
    the term is kept without it."""
    wanted = {v["parent_id"] for v in terms.values() if v.get("parent_id")} - set(terms)
    known = set(m.TaxonomyTerm.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
    for values in terms.values():
        if values.get("parent_id") and values["parent_id"] not in terms and values["parent_id"] not in known:
            values["parent_id"] = None


def _cycles(rows: Rows) -> None:
    terms = rows.values.get(m.TaxonomyTerm, {})
    for pk in terms:
        seen, current = {pk}, terms[pk].get("parent_id")
        while current in terms:
            if current in seen:
                rows.fail(rows.places[(m.TaxonomyTerm, pk)] + ".parent_id", "a term cannot be under itself")
                break
            seen.add(current)
            current = terms[current].get("parent_id")


def problems(services: list) -> list[Problem]:
    return problems_and_rows(services).problems


# --- writing it --------------------------------------------------------------------------------------------------

# The order to write in: what is referred to before what refers to it.
ORDER = [
    m.Organisation,
    m.Taxonomy,
    m.TaxonomyTerm,
    m.Location,
    m.Service,
    m.ServiceTerm,
    m.ServiceAtLocation,
    m.Contact,
    m.Phone,
    m.Schedule,
    m.ServiceArea,
    m.CostOption,
    m.Language,
]
# The parts of a service a feed describes whole: those the feed no longer has are removed.
PARTS = {
    m.ServiceTerm: "service_id",
    m.ServiceAtLocation: "service_id",
    m.Contact: "service_id",
    m.Phone: "service_id",
    m.Schedule: "service_id",
    m.ServiceArea: "service_id",
    m.CostOption: "service_id",
    m.Language: "service_id",
}
OWNERS = ("organisation_id", "service_id", "location_id", "contact_id", "service_at_location_id")


@dataclass
class Loaded:
    counts: dict[str, dict[str, int]]
    listings: list[tuple[str, uuid.UUID, bool, list[str]]]  # kind, id, added?, fields changed


def _differs(existing: models.Model, values: dict) -> list[str]:
    return sorted(name for name, value in values.items() if getattr(existing, name) != value)


def load(rows: Rows, progress: Callable = iter) -> Loaded:
    """Write what the feed holds: add what is new, change what differs, remove a service's parts it no longer has.
    Run inside a transaction (the caller's)."""
    counts: dict[str, dict[str, int]] = {}
    listings: list[tuple[str, uuid.UUID, bool, list[str]]] = []
    for model in progress(ORDER):
        wanted = rows.values.get(model, {})
        if model is m.Organisation:
            wanted = {pk: v for pk, v in wanted.items() if v}  # an organisation only referred to is not changed
        tally = {"added": 0, "changed": 0, "removed": 0}
        if model in PARTS:  # first, so that a part replaced under a new id does not meet the old one
            tally["removed"] += _remove_parts(model, rows)
        owners = [o for o in OWNERS if any(o in v for v in wanted.values())]
        for start in range(0, len(wanted), CHUNK):
            ids = list(wanted)[start : start + CHUNK]
            existing = model.objects.in_bulk(ids)
            new, changed, fields = [], [], set()
            for pk in ids:
                values = wanted[pk]
                if model is m.TaxonomyTerm:
                    values = {k: v for k, v in values.items() if k != "parent_id"}  # set once all terms exist
                for owner in owners:
                    values.setdefault(owner, None)  # a part moved from one owner to another leaves the first
                current = existing.get(pk)
                if current is None:
                    new.append(model(pk=pk, **values))
                    if model in (m.Organisation, m.Service):
                        listings.append((NAMES[model], pk, True, []))
                    continue
                differs = _differs(current, values)
                if differs:
                    for name in differs:
                        setattr(current, name, values[name])
                    fields |= set(differs)
                    if model in (m.Organisation, m.Service):
                        current.version += 1
                        fields.add("version")
                        listings.append((NAMES[model], pk, False, differs))
                    changed.append(current)
            model.objects.bulk_create(new, batch_size=CHUNK)
            if changed:
                if hasattr(model, "updated_at"):
                    fields.add("updated_at")
                model.objects.bulk_update(changed, sorted(fields), batch_size=CHUNK)
            tally["added"] += len(new)
            tally["changed"] += len(changed)
        if model is m.TaxonomyTerm:
            tally["changed"] += _set_parents(wanted)
        counts[NAMES[model]] = tally
    return Loaded(counts=counts, listings=listings)


def _set_parents(terms: dict[uuid.UUID, dict]) -> int:
    changed = []
    existing = m.TaxonomyTerm.objects.in_bulk(list(terms))
    for pk, values in terms.items():
        term = existing[pk]
        if term.parent_id != values.get("parent_id"):
            term.parent_id = values.get("parent_id")
            changed.append(term)
    m.TaxonomyTerm.objects.bulk_update(changed, ["parent"], batch_size=CHUNK)
    return len(changed)


def _remove_parts(model, rows: Rows) -> int:
    """Remove the parts of the feed's services that the feed no longer describes."""
    services = list(rows.values.get(m.Service, {}))
    keep = set(rows.values.get(model, {}))
    removed = 0
    for start in range(0, len(services), CHUNK):
        chunk = services[start : start + CHUNK]
        owned = model.objects.filter(**{f"{PARTS[model]}__in": chunk})
        if model is m.Phone:  # a contact's phones belong to the service too
            owned = m.Phone.objects.filter(models.Q(service__in=chunk) | models.Q(contact__service__in=chunk))
        if model is m.Schedule:  # and the times at each of its places
            owned = m.Schedule.objects.filter(
                models.Q(service__in=chunk) | models.Q(service_at_location__service__in=chunk)
            )
        gone = [pk for pk in owned.values_list("pk", flat=True) if pk not in keep]
        if gone:
            removed += model.objects.filter(pk__in=gone).delete()[1].get(model._meta.label, 0)
    return removed
