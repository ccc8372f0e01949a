"""Which volunteers fit someone who asked for one, best first, and why: pure, no Django, no database.

The Living Well rule comes first: a volunteer visits the patients of the GP practices they cover, so a volunteer
who covers the person's practice ranks above any who does not. After that, in this order:
1. how many languages (besides English) they share with the person;
2. how many interests they share;
3. how near they are: in the person's postcode district (2), in the same postcode area (1), or further (0),
   from the volunteer's home district and the districts of the neighbourhoods they cover;
4. how much room they have (their capacity less the clients they support now).
Ties go by name, then by id, so the same volunteers in any order always rank the same way.

Who is never offered:
- a volunteer whose check, training or agreement has lapsed (`standing.standing`): they may not take a new
  client, whatever else fits; the coordinator is told how many and why;
- a volunteer who is full (no room for another client): offering them would only be refused; the coordinator is
  told how many are full, and can raise a capacity with the volunteer first.
"""

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass

NEAR_DISTRICT, NEAR_AREA, FAR = 2, 1, 0
_OUTWARD = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][A-Z]{2})?$")


def district_of(postcode: str) -> str:
    """The postcode district (outward code) of a postcode, or of a district on its own: "nv2 4ab" -> "NV2"."""
    text = " ".join(postcode.upper().split())
    if not text:
        return ""
    if " " in text:
        return text.split(" ", 1)[0]
    if len(text) > 4 and text[-3].isdigit():  # written without its space: "NV24AB"
        return text[:-3]
    found = _OUTWARD.match(text)
    return found.group(1) if found else text


def area_of(district: str) -> str:
    """The postcode area: the letters a district starts with ("NV2" -> "NV")."""
    letters = ""
    for character in district:
        if not character.isalpha():
            break
        letters += character
    return letters


def words(values: Iterable[str]) -> frozenset[str]:
    """Languages or interests compared as people write them: case and spacing do not matter."""
    return frozenset(" ".join(v.split()).casefold() for v in values if v and v.strip())


@dataclass(frozen=True)
class Need:
    """What the coordinator matches on for the person who asked: their GP practice, the postcode district they
    live in, and the languages and interests the request names."""

    practice_id: int | None
    practice_name: str = ""
    district: str = ""
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A volunteer of the hub, as matching sees them."""

    user_id: int
    name: str
    practice_ids: frozenset[int] = frozenset()
    districts: frozenset[str] = frozenset()  # their home district and their neighbourhoods' districts
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    capacity: int = 0
    clients: int = 0  # the people they support now
    lapsed: tuple[str, ...] = ()  # why they may not take a new client (from standing); empty: they may

    @property
    def room(self) -> int:
        return max(0, self.capacity - self.clients)


@dataclass(frozen=True)
class Match:
    """A volunteer offered for the person, with what fits, in words a coordinator reads."""

    candidate: Candidate
    practice: bool
    languages: tuple[str, ...]  # shared with the person, as the volunteer wrote them
    interests: tuple[str, ...]
    nearness: int  # NEAR_DISTRICT, NEAR_AREA or FAR
    reasons: tuple[str, ...]

    @property
    def user_id(self) -> int:
        return self.candidate.user_id

    @property
    def name(self) -> str:
        return self.candidate.name

    @property
    def room(self) -> int:
        return self.candidate.room


@dataclass(frozen=True)
class Ranking:
    offered: tuple[Match, ...]  # best first
    lapsed: tuple[Candidate, ...]  # left out: a check, training or the agreement has lapsed
    full: tuple[Candidate, ...]  # left out: no room for another client
    considered: int  # how many volunteers were offered (before any limit), for "showing 10 of 23"

    @property
    def lapsed_reasons(self) -> dict[str, int]:
        """Why volunteers were left out, by reason, most common first: "Their DBS check ran out ..." is per
        volunteer, so reasons are counted by their kind (the words before "ran out" or the whole reason)."""
        counts: dict[str, int] = {}
        for candidate in self.lapsed:
            for reason in {_kind_of(r) for r in candidate.lapsed}:
                counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _kind_of(reason: str) -> str:
    """A lapsed reason without its date: "Their DBS check ran out on 3 May 2026" -> "Their DBS check ran out"."""
    return reason.split(" on ", 1)[0] if " ran out on " in reason else reason


def _shared(theirs: tuple[str, ...], wanted: frozenset[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    found = []
    for value in theirs:
        key = " ".join(value.split()).casefold()
        if key in wanted and key not in seen:
            seen.add(key)
            found.append(value)
    return tuple(found)


def nearness(person_district: str, districts: frozenset[str]) -> int:
    if not person_district or not districts:
        return FAR
    upper = {d.upper() for d in districts}
    if person_district.upper() in upper:
        return NEAR_DISTRICT
    area = area_of(person_district.upper())
    return NEAR_AREA if area and any(area_of(d) == area for d in upper) else FAR


def _fit(
    need: Need, languages: frozenset[str], interests: frozenset[str], candidate: Candidate
) -> tuple[bool, tuple[str, ...], tuple[str, ...], int]:
    practice = need.practice_id is not None and need.practice_id in candidate.practice_ids
    return (
        practice,
        _shared(candidate.languages, languages) if languages else (),
        _shared(candidate.interests, interests) if interests else (),
        nearness(need.district, candidate.districts),
    )


def assess(need: Need, candidate: Candidate) -> Match:
    """What fits between the person and one volunteer, with the reasons in words."""
    return _match(need, candidate, _fit(need, words(need.languages), words(need.interests), candidate))


def _match(need: Need, candidate: Candidate, fit: tuple[bool, tuple[str, ...], tuple[str, ...], int]) -> Match:
    practice, languages, interests, near = fit
    reasons = []
    if practice:
        reasons.append(f"Visits patients of {need.practice_name or 'their GP practice'}")
    if languages:
        reasons.append(f"Speaks {_and(languages)}")
    if interests:
        reasons.append(f"Also likes {_and(interests)}")
    if near == NEAR_DISTRICT:
        reasons.append(f"Lives in or covers {need.district.upper()}, the person's postcode district")
    elif near == NEAR_AREA:
        reasons.append(f"Nearby: in the {area_of(need.district.upper())} postcode area")
    room = candidate.room
    reasons.append(f"Room for {room} more {'person' if room == 1 else 'people'}")
    return Match(candidate, practice, languages, interests, near, tuple(reasons))


def _and(values: tuple[str, ...]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


Key = tuple[bool, int, int, int, int, str, int]


def _key(candidate: Candidate, fit: tuple[bool, tuple[str, ...], tuple[str, ...], int]) -> Key:
    practice, languages, interests, near = fit
    return (
        not practice,
        -len(languages),
        -len(interests),
        -near,
        -candidate.room,
        candidate.name.casefold(),
        candidate.user_id,
    )


def sort_key(match: Match) -> Key:
    """Best first: the practice, then languages, interests, nearness and room; then name and id, so that the
    order never depends on the order volunteers were read in."""
    return _key(match.candidate, (match.practice, match.languages, match.interests, match.nearness))


def rank(need: Need, candidates: Iterable[Candidate], limit: int | None = None) -> Ranking:
    """The volunteers who may take the person, best first (at most `limit`), and those left out and why.

    Each volunteer who may take someone is weighed by a key; only those offered are put into words."""
    lapsed: list[Candidate] = []
    full: list[Candidate] = []
    fitting: list[tuple[Key, int, Candidate, tuple[bool, tuple[str, ...], tuple[str, ...], int]]] = []
    languages, interests = words(need.languages), words(need.interests)
    for candidate in candidates:
        if candidate.lapsed:
            lapsed.append(candidate)
        elif candidate.room <= 0:
            full.append(candidate)
        else:
            fit = _fit(need, languages, interests, candidate)
            fitting.append((_key(candidate, fit), len(fitting), candidate, fit))
    best = sorted(fitting) if limit is None else heapq.nsmallest(limit, fitting)
    offered = tuple(_match(need, candidate, fit) for _, _, candidate, fit in best)
    by_name = lambda c: (c.name.casefold(), c.user_id)  # noqa: E731
    return Ranking(offered, tuple(sorted(lapsed, key=by_name)), tuple(sorted(full, key=by_name)), len(fitting))


def may_allocate(candidate: Candidate) -> str | None:
    """Why this volunteer may not be given a new client now, or None: they may. The same rule as the ranking's,
    asked again when the coordinator allocates, so that a forged or stale choice is refused."""
    if candidate.lapsed:
        return f"{candidate.name} may not take a new client now. " + ". ".join(candidate.lapsed)
    if candidate.room <= 0:
        return f"{candidate.name} has no room for another client"
    return None
