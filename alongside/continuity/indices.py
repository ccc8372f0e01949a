"""Continuity of care indices, as the research literature defines them: the clear reference implementation.

Plain Python, no Django and no third-party packages. Each index is a small function over one person's contacts
(or, for SLICC and the own-patient ratio, over a list's contacts), written to be read against its definition.
`alongside.continuity.bulk` computes the same per-person numbers for millions of contacts at once; the tests
check that the two agree exactly on generated data, and `docs/guides/continuity-indices.md` explains every
definition, edge convention and reference in plain English.

Conventions shared by every per-person index:

- A person's contacts are taken in order: by date and time, then by contact id, then by the order given.
  The sequence-based indices (SECON, KPC) depend on that order; the count-based ones (UPC, COC, HHI, MMCI,
  Breslau UPC) do not.
- An index is undefined (None, an empty cell in the CLI's output) for a person with fewer than two contacts:
  one contact says nothing about continuity, and the published tables report "cannot calculate" for it.
- Every index is a fraction between 0 and 1, computed as one division of whole numbers where the formula
  allows it (so that the vectorised implementation can give bit-identical results).
"""

import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

KPC_WINDOW_DAYS = 365
"""Known provider continuity: an earlier contact counts if it was at most this many calendar days before."""

MMCI_CONSTANT = 0.1
"""Magill and Senf's small constant, which keeps the MMCI defined when every contact is with one practitioner."""


# --- the indices for one person -------------------------------------------------------------------------------


def _enough(practitioners: Sequence[Hashable]) -> bool:
    return len(practitioners) >= 2


def upc(practitioners: Sequence[Hashable]) -> float | None:
    """Usual Provider of Care index: the share of a person's contacts that were with the practitioner they saw most.

    UPC = max_j n_j / n, where n is the number of contacts and n_j the number with practitioner j. When two
    practitioners tie for most seen, either gives the same value. Undefined for fewer than two contacts.
    Ranges from 1/s (s practitioners seen equally) to 1.

    Reference: Breslau N, Reeb KG. Continuity of care in a university-based practice. J Med Educ 1975;50:965-9;
    as used in Sidaway-Lee K, Pereira Gray D, Harding A, Evans P. BJGP 2023;73:279-82 (Table 1).
    """
    if not _enough(practitioners):
        return None
    return max(Counter(practitioners).values()) / len(practitioners)


def breslau_upc(practitioners: Sequence[Hashable], usual: Sequence[Hashable | None]) -> float | None:
    """Breslau's UPC with a designated usual practitioner: the share of contacts with the person's named worker.

    `usual[i]` is the usual practitioner recorded for contact i (None when none is recorded), so a change of
    named worker part way through a period is honoured: each contact is compared with the usual practitioner
    given for that contact. Breslau UPC = (contacts whose practitioner is the usual practitioner given for
    them) / (contacts that have a usual practitioner given). Undefined for fewer than two contacts, or when no
    contact has a usual practitioner. Unlike the UPC it can be 0.

    Reference: Breslau N, Reeb KG. Continuity of care in a university-based practice. J Med Educ 1975;50:965-9.
    """
    if len(usual) != len(practitioners):
        raise ValueError("one usual practitioner (or None) is needed for each contact")
    if not _enough(practitioners):
        return None
    named = [(seen, expected) for seen, expected in zip(practitioners, usual, strict=True) if expected is not None]
    if not named:
        return None
    return sum(seen == expected for seen, expected in named) / len(named)


def coc(practitioners: Sequence[Hashable]) -> float | None:
    """Bice-Boxerman Continuity of Care index: how concentrated a person's contacts are among practitioners.

    COC = (sum_j n_j^2 - n) / (n (n - 1)): the probability that two different contacts of the person, drawn at
    random, were with the same practitioner. 1 when every contact is with one practitioner, 0 when every contact
    is with a different one. Undefined for fewer than two contacts.

    Reference: Bice TW, Boxerman SB. A quantitative measure of continuity of care. Med Care 1977;15(4):347-9.
    """
    if not _enough(practitioners):
        return None
    n = len(practitioners)
    return (sum(count * count for count in Counter(practitioners).values()) - n) / (n * (n - 1))


def hhi(practitioners: Sequence[Hashable]) -> float | None:
    """Herfindahl(-Hirschman) index of the person's contacts over practitioners: the sum of squared shares.

    HHI = sum_j (n_j / n)^2, computed as sum_j n_j^2 / n^2. From 1/s (s practitioners seen equally) to 1.
    Related to the COC by COC = (n HHI - 1) / (n - 1). Undefined for fewer than two contacts (for the same
    reason as the other indices; mathematically it would be 1).

    Reference: Herfindahl OC. Concentration in the U.S. steel industry (PhD thesis). Columbia University, 1950;
    Hirschman AO. National power and the structure of foreign trade. University of California Press, 1945.
    In continuity research it is the concentration measure from which the Bice-Boxerman COC is built.
    """
    if not _enough(practitioners):
        return None
    n = len(practitioners)
    return sum(count * count for count in Counter(practitioners).values()) / (n * n)


def mmci(practitioners: Sequence[Hashable]) -> float | None:
    """Magill and Senf's Modified Modified Continuity Index.

    MMCI = (1 - s / (n + 0.1)) / (1 - 1 / (n + 0.1)), where s is the number of different practitioners seen and
    n the number of contacts; equivalently (n - s + 0.1) / (n - 0.9). 1 when every contact is with one
    practitioner; when every contact is with a different practitioner it is 0.1 / (n - 0.9), close to 0 for many
    contacts. It counts practitioners, not how the contacts are shared among them. Undefined for fewer than two
    contacts. Computed exactly in the order of the published formula.

    Reference: Magill MK, Senf J. A new method for measuring continuity of care in family practice residencies.
    J Fam Pract 1987;24(2):165-8.
    """
    if not _enough(practitioners):
        return None
    n = len(practitioners)
    s = len(set(practitioners))
    return (1 - s / (n + MMCI_CONSTANT)) / (1 - 1 / (n + MMCI_CONSTANT))


def secon(practitioners: Sequence[Hashable]) -> float | None:
    """Sequential continuity: the share of consecutive pairs of contacts that were with the same practitioner.

    SECON = (number of i from 1 to n - 1 with practitioner_i = practitioner_{i+1}) / (n - 1), over the contacts
    in order. Unlike the count-based indices it depends on the order: A A B B scores 2/3, A B A B scores 0.
    Undefined for fewer than two contacts.

    Reference: Steinwachs DM. Measuring provider continuity in ambulatory care: an assessment of alternative
    approaches. Med Care 1979;17(6):551-65.
    """
    if not _enough(practitioners):
        return None
    same = sum(a == b for a, b in zip(practitioners, practitioners[1:], strict=False))
    return same / (len(practitioners) - 1)


def kpc(practitioners: Sequence[Hashable], days: Sequence[date]) -> float | None:
    """Known provider continuity: the share of contacts after the first that were with someone already known.

    A contact (other than the first) is with a known provider when the person had an earlier contact with the
    same practitioner at most 365 calendar days before it (the same day counts: 0 days). KPC = known contacts /
    (n - 1), with the contacts in order; `days[i]` is the calendar date of contact i. Because the contacts are in
    date order, it is enough to look at the most recent earlier contact with that practitioner. Undefined for
    fewer than two contacts.

    Reference: this project's definition, set out in issue 5 ("the share of contacts after the first that were
    with a practitioner the person had seen in an earlier contact within the previous 365 days"), in the spirit
    of the known provider measures in the continuity literature.
    """
    if len(days) != len(practitioners):
        raise ValueError("one date is needed for each contact")
    if not _enough(practitioners):
        return None
    last_seen: dict[Hashable, date] = {}
    known = 0
    for practitioner, day in zip(practitioners, days, strict=True):
        before = last_seen.get(practitioner)
        if before is not None and (day - before).days <= KPC_WINDOW_DAYS:
            known += 1
        last_seen[practitioner] = day
    return known / (len(practitioners) - 1)


# --- list-level indices ---------------------------------------------------------------------------------------


def _as_set(workers: Hashable | Collection[Hashable]) -> set[Hashable]:
    if isinstance(workers, str) or not isinstance(workers, Collection):
        return {workers}
    return set(workers)


def slicc(
    contacts: Iterable[tuple[Hashable, Hashable]],
    named_worker: Mapping[Hashable, Hashable],
    workers: Hashable | Collection[Hashable],
) -> float | None:
    """St Leonard's Index of Continuity of Care for a named worker's list (or several lists pooled).

    `contacts` are (person, practitioner) pairs for the period; `named_worker` maps each person on a list to
    their named worker (people not in it are on nobody's list). For one worker W:
    SLICC = (contacts of people on W's list that were with W) / (all contacts of people on W's list).
    For several workers (a whole practice's list-holders) the numerators and denominators are pooled.
    Every contact counts, including those of people seen only once. Undefined (None) when the people on the
    list had no contacts in the period.

    Reference: Sidaway-Lee K, Pereira Gray D, Evans P. A method for measuring continuity of care in day-to-day
    general practice. BJGP 2019;69(682):e356-62; worked example in Sidaway-Lee K et al. BJGP 2023;73:279-82.
    """
    wanted = _as_set(workers)
    with_worker = on_list = 0
    for person, practitioner in contacts:
        worker = named_worker.get(person)
        if worker is not None and worker in wanted:
            on_list += 1
            with_worker += practitioner == worker
    return with_worker / on_list if on_list else None


def own_patient_ratio(
    contacts: Iterable[tuple[Hashable, Hashable]],
    named_worker: Mapping[Hashable, Hashable],
    practitioners: Hashable | Collection[Hashable],
) -> float | None:
    """Own Patient Ratio: the share of a practitioner's contacts that were with people on their own list.

    For one practitioner P: OPR = (P's contacts with people whose named worker is P) / (all of P's contacts).
    For several practitioners (a practice's list-holders) the numerators and denominators are pooled, so the
    denominator counts only contacts given by those practitioners. Undefined (None) when the practitioner had
    no contacts in the period.

    Reference: Sidaway-Lee K, Pereira Gray D, Harding A, Evans P. BJGP 2023;73:279-82 (Tables 1 and 2).
    """
    wanted = _as_set(practitioners)
    own = given = 0
    for person, practitioner in contacts:
        if practitioner in wanted:
            given += 1
            own += named_worker.get(person) == practitioner
    return own / given if given else None


# --- a file of contacts -----------------------------------------------------------------------------------------

WHEN_PATTERN = (
    r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,6}))?)?)?$"
)
"""An ISO 8601 calendar date, optionally with a time: YYYY-MM-DD, then 'T' or a space and HH:MM, HH:MM:SS or
HH:MM:SS.ffffff (1 to 6 decimal places). No time zone: date-times are local, as written."""

DATE_FORM = "a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM, YYYY-MM-DDTHH:MM:SS or YYYY-MM-DDTHH:MM:SS.ffffff)"

WHEN_RE = re.compile(WHEN_PATTERN, re.ASCII)

NUMERIC_ID_PATTERN = r"^-?\d{1,18}$"
"""When every contact_id matches this, contact ids are compared as whole numbers; otherwise as text."""

NUMERIC_ID_RE = re.compile(NUMERIC_ID_PATTERN, re.ASCII)


def parse_when(text: str) -> datetime:
    """Read a contact's date or date-time. A date alone means the start of that day (00:00).

    Raises ValueError with the reason when the text is not in the accepted form or is not a real date.
    """
    match = WHEN_RE.match(text)
    if match is None:
        raise ValueError(f"'{text}' is not {DATE_FORM}")
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


@dataclass(frozen=True)
class Contact:
    """One contact between a person and a practitioner, as read from one row of a file."""

    person_id: str
    practitioner_id: str
    when: datetime
    contact_id: str | None = None
    usual_practitioner_id: str | None = None  # None: no usual practitioner recorded on this row


@dataclass(frozen=True)
class PersonIndices:
    person_id: str
    n_contacts: int
    n_practitioners: int
    upc: float | None
    breslau_upc: float | None
    coc: float | None
    hhi: float | None
    mmci: float | None
    secon: float | None
    kpc: float | None


def contact_id_key(contact_ids: Iterable[str | None]) -> Callable[[str], int | str]:
    """The sort key for contact ids: as whole numbers when every id is one (up to 18 digits), otherwise as text.

    Text is compared character by character (Unicode code points), so "C10" comes before "C9".
    """
    ids = [i for i in contact_ids if i is not None]
    if ids and all(NUMERIC_ID_RE.match(i) for i in ids):
        return int
    return str


def order_contacts(contacts: Sequence[Contact], id_key: Callable[[str], int | str] = str) -> list[Contact]:
    """The contacts in order: by date and time, then by contact id (using `id_key`), then as given.

    Contacts without a contact id come before those with one at the same time (a file either has ids for
    every row or for none, so this only matters to callers outside the CLI).
    """
    return sorted(
        contacts,
        key=lambda c: (c.when, c.contact_id is not None, id_key(c.contact_id) if c.contact_id is not None else 0),
    )


def person_indices(person_id: str, ordered: Sequence[Contact]) -> PersonIndices:
    """Every per-person index for one person's contacts, already in order (see `order_contacts`)."""
    practitioners = [c.practitioner_id for c in ordered]
    return PersonIndices(
        person_id=person_id,
        n_contacts=len(practitioners),
        n_practitioners=len(set(practitioners)),
        upc=upc(practitioners),
        breslau_upc=breslau_upc(practitioners, [c.usual_practitioner_id for c in ordered]),
        coc=coc(practitioners),
        hhi=hhi(practitioners),
        mmci=mmci(practitioners),
        secon=secon(practitioners),
        kpc=kpc(practitioners, [c.when.date() for c in ordered]),
    )


def indices_by_person(contacts: Sequence[Contact]) -> list[PersonIndices]:
    """The CLI's output, computed the plain way: one row per person, in the order people first appear.

    `contacts` are in the order of the file; ties in time are broken by contact id, then by that order.
    """
    id_key = contact_id_key(c.contact_id for c in contacts)
    by_person: dict[str, list[Contact]] = {}
    for contact in contacts:
        by_person.setdefault(contact.person_id, []).append(contact)
    return [person_indices(person, order_contacts(own, id_key)) for person, own in by_person.items()]
