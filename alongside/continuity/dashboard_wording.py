"""How the continuity dashboard and measures pages put things into words: what each index means, quarters, why
an index was not measured, and how often someone was seen. Nothing here reads the database."""

from datetime import date, timedelta

from django.utils import timezone

from . import measure

# Each index: its short name, its full name, and what it means in a sentence.
MEANINGS = {
    "upc": ("UPC", "Usual provider of care", "the share of contacts with the worker they saw most"),
    "breslau_upc": (
        "Breslau UPC",
        "Contacts with the named worker",
        "the share of contacts with their named worker at the time",
    ),
    "coc": (
        "COC",
        "Bice-Boxerman continuity of care index",
        "the chance that two of their contacts, picked at random, were with the same worker",
    ),
    "hhi": (
        "HHI",
        "Herfindahl concentration index",
        "how much their contacts were concentrated on one or a few workers",
    ),
    "mmci": (
        "MMCI",
        "Modified modified continuity index",
        "how few different workers they saw for how many contacts",
    ),
    "secon": ("SECON", "Sequential continuity", "the share of contacts with the same worker as the contact before"),
    "kpc": (
        "KPC",
        "Known provider continuity",
        "the share of contacts after the first with a worker they had seen in the year before",
    ),
    "slicc": (
        "SLICC",
        "St Leonard's index of continuity of care",
        "of all the contacts of the people in the group, the share with their named worker at the time",
    ),
    "own_patient_ratio": (
        "Own-patient ratio",
        "Own-patient ratio",
        "of the contacts the workers gave, the share with people whose named worker they were",
    ),
}
CHARTED = ("upc", "slicc")  # drawn over the quarters; every index is in the tables beside the charts


def plain_name(code: str) -> str:
    """The index's plain name first, then its abbreviation: 'Usual provider of care (UPC)'."""
    short, full, _ = MEANINGS[code]
    return full if short == full else f"{full} ({short})"


def computed_when(moment) -> str:
    """'at 2:05am on Friday 4 December 2026', UK time."""
    local = timezone.localtime(moment)
    hour = local.strftime("%I").lstrip("0")
    return f"at {hour}:{local:%M}{local.strftime('%p').lower()} on {local:%A} {local.day} {local:%B %Y}"


GROUP_INDICES = ("upc", "breslau_upc", "coc", "kpc", "slicc", "own_patient_ratio")
PERSON_INDICES = ("upc", "breslau_upc", "coc", "hhi", "mmci", "secon", "kpc")

ALREADY_CHANGED = "This change was already made: you may have pressed the button twice"
CHANGED = "Named worker changed"
CHANGED_BEFORE = "This change was already made"


def quarter_name(period: measure.Period) -> str:
    """'January to March 2026'; a quarter not yet over says so."""
    first = period.first
    following = date(first.year + first.month // 10, (first.month + 2) % 12 + 1, 1)  # the next quarter's first day
    end = following - timedelta(days=1)
    name = f"{first:%B} to {end:%B %Y}"
    return name + " (so far)" if period.last < end else name


def why_not_measured(name: str, numbers: dict) -> str:
    if numbers["n_contacts"] == 0:
        return "no contacts in this period"
    if numbers["n_contacts"] == 1:
        return "only one contact in this period: it takes two or more"
    if name == "breslau_upc" and numbers.get(name) is None:
        return "they had no named worker at the time of any of these contacts"
    return ""


def seen_times(count: int) -> str:
    return {0: "not seen in the last year", 1: "seen once", 2: "seen twice"}.get(count, f"seen {count} times")
