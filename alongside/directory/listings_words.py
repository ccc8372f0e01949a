"""The listings pages' words: a service's details as sections of a summary, a change in the history, how long since
a listing was checked, and a conflict as theirs beside what was typed. Plain functions, no queries."""

from dataclasses import dataclass, fields
from datetime import date

from .listings_queries import DAY_NAMES, ServiceDetails
from .models import ListingChange, Service
from .staleness import due_words, is_stale

LABELS = {
    "name": "Name",
    "alternate_name": "Other name",
    "description": "What it does",
    "email": "Email address",
    "website": "Website",
    "url": "Website",
    "phone": "Phone number",
    "status": "Is it running?",
    "application_process": "How to get help from it",
    "eligibility_description": "Who it is for",
    "terms": "What it helps with",
    "places": "Where",
    "opening": "Opening times",
    "areas": "Areas it covers",
    "minimum_age": "Youngest age",
    "maximum_age": "Oldest age",
    "free": "Cost",
    "cost_amount": "How much",
    "cost_words": "What the cost is for",
    "languages": "Languages",
    "contact_name": "Who to ask for",
    "phones": "Phone numbers",
    "referral_email": "Email address for referrals",
    "retired": "Retired",
    "editor": "Who keeps it",
}


@dataclass
class Row:
    label: str
    lines: list[str]
    kind: str = "text"  # "phone": each line a tel: link
    question: str = ""  # the id of the form's question that changes it (its "Change" link goes there)


def _money(details: ServiceDetails) -> list[str]:
    if details.free:
        return ["Free"]
    amount = f"£{details.cost_amount:,.2f}" if details.cost_amount is not None else ""
    return [" ".join(part for part in (amount, f"({details.cost_words})" if details.cost_words else "") if part)]


def _ages(details: ServiceDetails) -> str:
    low, high = details.minimum_age, details.maximum_age
    if low is None and high is None:
        return "Any age"
    if high is None:
        return f"{low} and over"
    if low is None:
        return f"Up to {high}"
    return f"{low} to {high}"


def _time(value) -> str:
    return value.strftime("%-I:%M%p").lower().replace(":00", "")


def _value_lines(details: ServiceDetails, name: str, term_names: dict) -> list[str]:
    value = getattr(details, name)
    if name == "terms":
        return [term_names.get(pk, "A term no longer in use") for pk in value]
    if name == "places":
        return [", ".join(p for p in (pl.name, pl.address_1, pl.city, pl.postal_code) if p) for pl in value]
    if name == "opening":
        return [f"{DAY_NAMES[o.day]}: {_time(o.opens)} to {_time(o.closes)}" for o in value]
    if name == "status":
        return [Service.Status(value).label] if value in Service.Status.values else [value]
    if name in ("free", "cost_amount", "cost_words"):
        return _money(details)
    if isinstance(value, tuple):
        return list(value)
    return [str(value)] if value not in (None, "") else []


def service_sections(
    details: ServiceDetails, service, term_names: dict | None = None, place_numbers: tuple[int, ...] = ()
) -> list[tuple[str, list[Row]]]:
    """A service's details, as the check-your-answers page and the keepers' page show them. `place_numbers` are
    the form's numbers for the places (when some were left empty between them), for their "Change" links."""
    if term_names is None and service is not None:
        term_names = {str(st.term_id): st.term.name for st in service.service_terms.all()}
    names = term_names or {}

    def row(name, kind="text", question=""):
        return Row(LABELS[name], _value_lines(details, name, names) or ["Not given"], kind, question or f"id_{name}")

    places = [
        Row(
            f"Place {n}",
            [line for line in (", ".join(p for p in (pl.name, pl.address_1, pl.city, pl.postal_code) if p),) if line]
            + ([f"How to get there: {pl.transportation}"] if pl.transportation else []),
            question=f"id_place{place_numbers[n - 1] if n <= len(place_numbers) else n}_name",
        )
        for n, pl in enumerate(details.places, start=1)
    ] or [Row("Where", ["Not given"], question="id_place1_name")]
    first_day = details.opening[0].day if details.opening else "MO"
    return [
        ("About the service", [row("name"), row("description"), row("terms"), row("status")]),
        ("Where and when", [*places, row("opening", question=f"id_{first_day}_opens"), row("areas")]),
        (
            "Who it is for",
            [
                Row("Ages", [_ages(details)], question="id_minimum_age"),
                row("eligibility_description"),
                row("languages"),
                Row("Cost", _money(details), question="id_cost"),
            ],
        ),
        (
            "How to get help",
            [
                row("application_process"),
                row("contact_name"),
                row("phones", "phone"),
                row("email"),
                row("url"),
                row("referral_email"),
            ],
        ),
    ]


def counted(organisations: int, services: int) -> str:
    """ "1 organisation, 3 services" """

    def count(n: int, word: str) -> str:
        return f"{n:,} {word}{'' if n == 1 else 's'}"

    return f"{count(organisations, 'organisation')}, {count(services, 'service')}"


def since_checked(listing, today: date) -> str:
    return due_words(listing.checked_on, listing.added_on, today) if listing else ""


def stale(listing, today: date) -> bool:
    return is_stale(listing.checked_on, listing.added_on, today)


@dataclass
class ChangeRow:
    at: object
    by: str
    what: str
    fields: list[str]
    reason: str


def change_row(change: ListingChange) -> ChangeRow:
    detail = change.detail or {}
    by = change.by.display_name if change.by else "An import of the directory's feed"
    what = "Brought back" if detail.get("brought_back") else change.get_what_display()
    changed = [] if detail.get("brought_back") else [LABELS.get(f, f) for f in detail.get("fields", [])]
    reason = detail.get("reason", "") or (f"now {detail['keeper']}" if detail.get("keeper") else "")
    return ChangeRow(change.at, by, what, list(dict.fromkeys(changed)), reason)


@dataclass
class Conflict:
    """Someone saved the listing after this edit began: each answer that differs, theirs beside what was typed."""

    rows: list[tuple[str, str, str]]


def service_conflict(theirs: ServiceDetails, typed: ServiceDetails, term_names: dict) -> Conflict:
    rows = []
    seen = set()
    for f in fields(ServiceDetails):
        label = LABELS[f.name]
        if getattr(theirs, f.name) == getattr(typed, f.name) or label in seen:
            continue
        seen.add(label)
        rows.append(
            (
                label,
                "; ".join(_value_lines(theirs, f.name, term_names)) or "Not given",
                "; ".join(_value_lines(typed, f.name, term_names)) or "Not given",
            )
        )
    return Conflict(rows)


def organisation_conflict(current, typed: dict) -> Conflict:
    phones = [p.number for p in current.phones.all()]
    theirs = {name: getattr(current, name) for name in ("name", "alternate_name", "description", "email", "website")}
    theirs["phone"] = phones[0] if phones else ""
    return Conflict(
        [
            (LABELS[name], theirs[name] or "Not given", typed.get(name) or "Not given")
            for name in theirs
            if theirs[name] != typed.get(name, "")
        ]
    )
