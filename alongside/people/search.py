"""Finding a person among the people the user may see.

A query mixes, in any order: names or parts of names ("ada okafor", "okafor ada", "J Smith", "Jon Smiht",
"Florence Edw"), a date of birth ("12/03/1941", "12.3.41", "1941-03-12", "12 March 1941", "12031941") or a
year of birth ("1941"), an NHS number whole or begun ("999 000 0018", "9990000018", "999 000"), and a postcode
whole or in part ("NV1 2AB", "nv12ab", "NV1 2", "NV1").

The query is read by `search_terms` (pure, no database); this module matches and ranks in the database, and
`search_views` is the page.

Matching. Every part must match, except that a whole NHS number also finds its person on its own:
- each name word (two letters or more) matches any of the person's names by trigram word similarity
  (pg_trgm `<%` at WORD_THRESHOLD), which forgives a slip or two, a missing letter and a name begun but not
  finished; name order does not matter. A single letter is an initial: some name must start with it;
- dates and NHS numbers match exactly (an NHS number in part, by its start); postcodes by their start,
  without spaces or case, and an outward code ("NV1") only whole.
If nothing matches and the query has names, they are looked at again more loosely, and the page says these
are close matches: a name word then matches at LOOSE_THRESHOLD, or when it is one slip of the keyboard away
from one of the person's names ("Pual" for Paul, "Kahn" for Khan: see `slipped`), provided that the first three
letters of some word of four letters or more appear in the person's names (which the trigram index serves),
or that a date, NHS number or postcode narrows the search first.

Ranking: the person with the NHS number typed first, then those whose date of birth was typed, then by how
alike each typed name word is to the closest of the person's names (the sum of pg_trgm's strict word
similarity: 1 for each word typed in full and right), then alphabetically by family and given name.

Scope: everything starts from `access.visible_people(request)`, so people the user may not see are never
matched, shown or counted. A query that uses a date of birth, year or NHS number is further limited to people
whose identity details the user may see, and one with a postcode to people whose contact details they may see,
so that nobody can learn what they may not see by trying values (a volunteer cannot test a date of birth).

Speed: the migration 0003_person_search indexes the same expressions (`SearchName`, `search_postcode`); the
count and the page come from one query (a window count), the basis of each shown person from three more, and
the audit rows go in one insert, so the page takes the same number of queries whatever it finds.
"""

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.contrib.postgres.search import TrigramStrictWordSimilarity
from django.db import connection
from django.db.models import Case, Count, F, Func, IntegerField, Q, QuerySet, TextField, Value, When, Window
from django.db.models.functions import Greatest, Length, Lower, Replace, Upper
from django.db.models.lookups import Exact, In, LessThan
from django.utils import timezone

from .access import Read, facts_for_people, record_each, visible_people
from .models import Person
from .policy import Action, Category, Decision, decide
from .search_terms import TOO_SHORT, Terms  # noqa: F401 (the JSON API reads TOO_SHORT from here)
from .search_terms import parse as parse_on

PAGE_SIZE = 20
WORD_THRESHOLD = 0.5
LOOSE_THRESHOLD = 0.3


class SearchName(Func):
    """All of a person's names, lower case, as the trigram index `person_search_name_trgm` holds them."""

    template = "lower(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()

    def __init__(self):
        super().__init__(F("given_name"), F("family_name"), F("preferred_name"))


def search_postcode():
    """The postcode without spaces, upper case, as the index `person_search_postcode` holds it."""
    return Upper(Replace(F("postcode"), Value(" "), Value("")))


def parse(query: str, today: date | None = None) -> Terms:
    """Read a query into its parts (`search_terms.parse`), as of today here unless told."""
    return parse_on(query, today or timezone.localdate())


# --- matching and ranking -------------------------------------------------------------------------------------


NAME_FIELDS = ("given_name", "family_name", "preferred_name")


def swaps(word: str) -> list[str]:
    """`word` with two neighbouring letters swapped, each way it can be: "pual" gives "upal", "paul", "pula"."""
    return sorted({word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)} - {word})


def slipped(word: str) -> Q:
    """One of the person's names is `word` with one slip of the keyboard (two, for a long word).

    A slip is a letter wrong, missing or extra (fuzzystrmatch's Levenshtein distance), or two letters swapped
    ("Pual" for Paul, "Kahn" for Khan), which Levenshtein would count as two.
    """
    limit = 1 if len(word) < 7 else 2
    close = Q()
    for name in NAME_FIELDS:
        distance = Func(
            Lower(name), Value(word), Value(limit), function="levenshtein_less_equal", output_field=IntegerField()
        )
        close |= Q(Exact(distance, limit) | LessThan(distance, limit)) | Q(In(Lower(name), swaps(word)))
    return close


def likeness(word: str, loose: bool) -> Func:
    """How close `word` is to the closest of the person's names: 1 when typed in full and right."""
    spellings = [word, *swaps(word)] if loose else [word]
    return Greatest(*(TrigramStrictWordSimilarity(w, "search_name") for w in spellings), Value(0.0))


def use_threshold(threshold: float) -> None:
    """Set how alike a typed name word and a person's name must be (pg_trgm's `<%` operator), for this session."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [str(threshold)])


def matching(people: QuerySet[Person], query: "str | Terms", request=None, loose: bool = False) -> QuerySet[Person]:
    """The people in `people` who match the query, best first. An unusable query matches no one.

    `people` should come from `visible_people(request)`. With `request`, a query using identity details or a
    postcode is limited to the people whose identity or contact details the user may see (see the module's
    docstring). Sets pg_trgm's threshold on the database session (one query).
    """
    terms = parse(query) if isinstance(query, str) else query
    if not terms.selective:
        return people.none()
    if request is not None and terms.uses_identity:
        people = people & visible_people(request, Category.IDENTITY)
    if request is not None and terms.postcodes:
        people = people & visible_people(request, Category.CONTACT)
    use_threshold(LOOSE_THRESHOLD if loose else WORD_THRESHOLD)

    people = people.alias(search_name=SearchName(), search_postcode=search_postcode())
    parts = Q()
    anchor = Q()  # in the looser look, some name word typed right, for the index to start from
    for word in terms.names:
        similar = Q(search_name__trigram_word_similar=word)
        if loose and len(word) > 2:
            similar |= slipped(word)
        if loose and len(word) > 3:  # a shorter word would have the index find everyone whose name starts alike
            start = word[:3]  # people rarely slip in a name's first three letters
            anchor |= Q(search_name__contains=start) if start.isalpha() else Q(search_name__trigram_word_similar=word)
        parts &= similar
    if loose and len(terms.names) == 1:  # one word: what is alike at the looser threshold, or the word unswapped
        word = terms.names[0]
        anchor = Q(search_name__trigram_word_similar=word)
        for spelling in swaps(word) if len(word) > 3 else []:
            anchor |= Q(search_name__trigram_strict_word_similar=spelling)
    for initial in terms.initials:
        parts &= (
            Q(given_name__istartswith=initial)
            | Q(family_name__istartswith=initial)
            | Q(preferred_name__istartswith=initial)
        )
    for born in terms.birth_dates:
        parts &= Q(birth_date=born)
    for year in terms.birth_years:
        parts &= Q(birth_date__year=year)
    if terms.nhs_prefix:
        parts &= Q(nhs_number__startswith=terms.nhs_prefix)
    for start, length in terms.postcodes:
        parts &= Q(search_postcode__startswith=start)
        if length:
            parts &= Q(search_postcode_length=length)
    if loose and not (terms.birth_dates or terms.birth_years or terms.nhs_prefix or terms.postcodes):
        parts &= anchor

    people = people.alias(search_postcode_length=Length("search_postcode"))
    ranking = []
    if terms.nhs_number:
        exact = Q(nhs_number=terms.nhs_number)
        others = terms.names or terms.birth_dates or terms.birth_years or terms.postcodes or terms.nhs_prefix
        people = people.filter(exact | parts if others else exact)
        people = people.alias(nhs_first=Case(When(exact, then=Value(1)), default=Value(0)))
        ranking.append("-nhs_first")
    else:
        people = people.filter(parts)
    if terms.birth_dates:
        people = people.alias(born_first=Case(When(birth_date=terms.birth_dates[0], then=Value(1)), default=Value(0)))
        ranking.append("-born_first")
    if terms.names:
        people = people.alias(likeness=reduce(operator.add, [likeness(word, loose) for word in terms.names]))
        ranking.append("-likeness")
    return people.order_by(*ranking, "family_name", "given_name", "pk")


# --- one page of results --------------------------------------------------------------------------------------


@dataclass
class Row:
    """One person on a result page, and what this user may see of them."""

    person: Person
    decision: Decision
    identity: bool  # date of birth, NHS number, GP practice
    contact: bool  # address, postcode and phone


@dataclass
class Page:
    number: int
    total: int
    rows: list[Row]
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first(self) -> int:
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return (self.number - 1) * self.size + len(self.rows)


def one_page(people: QuerySet[Person], number: int) -> tuple[list[Person], int, int]:
    """The people on page `number` and how many match in all, in one query (a window count).

    Past the last page, the last page instead (two more queries, only then).
    """
    counted = people.select_related("gp_practice").annotate(total=Window(Count("pk")))
    start = (number - 1) * PAGE_SIZE
    found = list(counted[start : start + PAGE_SIZE])
    if found:
        return found, found[0].total, number
    total = people.count() if number > 1 else 0
    if not total:
        return [], 0, 1
    number = -(-total // PAGE_SIZE)
    start = (number - 1) * PAGE_SIZE
    return list(counted[start : start + PAGE_SIZE]), total, number


def rows_for(request, people: list[Person]) -> list[Row]:
    """What the user may see of each person, decided by the policy's own rules from facts read in bulk.

    `visible_people` has already chosen these people; a person the rules refuse (say a relationship ended
    a moment ago) is left out rather than shown.
    """
    if not people:
        return []
    facts = facts_for_people(request, people)
    rows = []
    for person in people:
        decision = decide(facts[person.pk], Action.READ, Category.NAME)
        if decision:
            rows.append(
                Row(
                    person,
                    decision,
                    identity=bool(decide(facts[person.pk], Action.READ, Category.IDENTITY)),
                    contact=bool(decide(facts[person.pk], Action.READ, Category.CONTACT)),
                )
            )
    return rows


def audit_results(request, rows: list[Row], query: str, action: str = "search_result") -> None:
    """Each person shown in a result list is a read of their data: one audit event each, in one insert.

    As with every audit write, a failed write raises, so the request fails rather than show unaudited results.
    """
    reads = [
        Read(
            row.person.pk,
            row.decision.basis,
            {"query": query, "shown": ["name"] + ["identity"] * row.identity + ["contact"] * row.contact},
        )
        for row in rows
    ]
    record_each(request, action, reads)


def find(request, terms: Terms, number: int = 1) -> tuple[list[Person], int, int, bool]:
    """Page `number` of the people this user may see who match, how many match, the page number shown, and
    whether these are close matches found by the looser look (taken only when nothing matched and names were
    typed: two more queries then)."""
    found, total, number = one_page(matching(visible_people(request), terms, request=request), number)
    if total or not terms.names:
        return found, total, number, False
    found, total, number = one_page(matching(visible_people(request), terms, request=request, loose=True), 1)
    return found, total, number, bool(total)
