"""Finding a person among the people the user may see.

A query mixes, in any order: names or parts of names ("ada okafor", "okafor ada", "J Smith", "Jon Smiht",
"Florence Edw"), a date of birth ("12/03/1941", "12.3.41", "1941-03-12", "12 March 1941", "12031941") or a
year of birth ("1941"), an NHS number whole or begun ("999 000 0018", "9990000018", "999 000"), and a postcode
whole or in part ("NV1 2AB", "nv12ab", "NV1 2", "NV1").

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
import re
from dataclasses import dataclass, field
from datetime import date
from functools import reduce

from django.contrib.postgres.search import TrigramStrictWordSimilarity
from django.db import connection, transaction
from django.db.models import Case, Count, F, Func, IntegerField, Q, QuerySet, TextField, Value, When, Window
from django.db.models.functions import Greatest, Length, Lower, Replace, Upper
from django.db.models.lookups import Exact, In, LessThan
from django.shortcuts import render
from django.utils import timezone
from nhs_number import is_valid as valid_nhs_number

from alongside.core.access import PERSON_RECORD, access

from .access import Read, acting, facts_for_people, record_each, visible_people
from .models import Person
from .policy import Acting, Action, Category, Decision, decide

PAGE_SIZE = 20
MAX_QUERY = 200
WORD_THRESHOLD = 0.5
LOOSE_THRESHOLD = 0.3

TOO_SHORT = "Enter at least 2 letters of a name, a date of birth (for example 12/03/1941), an NHS number or a postcode"


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


# --- reading a query ------------------------------------------------------------------------------------------

MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
NHS_NUMBER = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
DATES = [  # (pattern, order of day, month and year in its groups)
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), (3, 2, 1)),
    (re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)"), (1, 2, 3)),
    (re.compile(r"(?<!\d)(\d{1,2}) (\d{1,2}) (\d{4})(?!\d)"), (1, 2, 3)),
    (
        re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)? ((?:{'|'.join(MONTHS)})[a-z]*)\.?,? (\d{{4}})(?!\d)", re.I),
        (1, 2, 3),
    ),
    (re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)"), (1, 2, 3)),
]
POSTCODE = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?) ?(\d[a-z]{2})\b", re.I)
POSTCODE_SECTOR = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?) (\d)(?![\w/.-])", re.I)
POSTCODE_OUTWARD = re.compile(r"\b([a-z]{1,2}\d[a-z\d]?)\b", re.I)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
DIGITS = re.compile(r"\d+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class Terms:
    """What a query asks for, read from the words typed."""

    names: list[str] = field(default_factory=list)  # lower case, two letters or more
    initials: list[str] = field(default_factory=list)
    nhs_number: str | None = None  # all ten digits
    nhs_prefix: str | None = None  # the start of one
    birth_dates: list[date] = field(default_factory=list)
    birth_years: list[int] = field(default_factory=list)
    postcodes: list[tuple[str, int | None]] = field(default_factory=list)  # start, and the whole length if known
    problems: list[str] = field(default_factory=list)  # parts that could not be used, said kindly

    @property
    def selective(self) -> bool:
        """Enough to search on: anything but initials alone."""
        return bool(
            self.names or self.nhs_number or self.nhs_prefix or self.birth_dates or self.birth_years or self.postcodes
        )

    @property
    def uses_identity(self) -> bool:
        return bool(self.nhs_number or self.nhs_prefix or self.birth_dates or self.birth_years)


def _a_date(day: str, month: str, year: str, today: date) -> date | None:
    if not month.isdigit():
        month = str(MONTHS.index(month[:3].lower()) + 1)
    number = int(year)
    if len(year) == 2:  # 12/03/41 is 1941; 12/03/19 is 2019
        number += 2000 if 2000 + number <= today.year else 1900
    try:
        found = date(number, int(month), int(day))
    except ValueError:
        return None
    return found if date(1880, 1, 1) <= found <= today else None


def parse(query: str, today: date | None = None) -> Terms:
    """Read a query into its parts. Each part found is taken out of the text before the next is looked for."""
    today = today or timezone.localdate()
    terms = Terms()
    text = f" {' '.join(query.split())[:MAX_QUERY]} "

    def take(match) -> str:
        nonlocal text
        text = text[: match.start()] + " " + text[match.end() :]
        return match.group(0).strip()

    while match := NHS_NUMBER.search(text):
        typed = take(match)
        number = "".join(match.groups())
        if terms.nhs_number and terms.nhs_number != number:
            terms.problems.append("Enter only one NHS number")
        terms.nhs_number = number
        if not valid_nhs_number(number):
            terms.problems.append(f"{typed} is not a valid NHS number: check the digits")
    for pattern, (d, m, y) in DATES:
        while match := pattern.search(text):
            typed = take(match)
            found = _a_date(match.group(d), match.group(m), match.group(y), today)
            if found:
                terms.birth_dates.append(found)
            else:
                terms.problems.append(f"{typed} is not a date of birth: enter it as day, month and year")
    while match := POSTCODE.search(text):
        take(match)
        terms.postcodes.append(((match.group(1) + match.group(2)).upper(), None))
    while match := POSTCODE_SECTOR.search(text):
        take(match)
        outward, sector = match.group(1).upper(), match.group(2)
        terms.postcodes.append((outward + sector, len(outward) + 3))
    while match := POSTCODE_OUTWARD.search(text):
        if not any(c.isdigit() for c in match.group(1)):
            break
        take(match)
        outward = match.group(1).upper()
        terms.postcodes.append((outward, len(outward) + 3))
    while match := YEAR.search(text):
        take(match)
        year = int(match.group(1))
        if year <= today.year:
            terms.birth_years.append(year)
    digits = "".join(DIGITS.findall(text))
    text = DIGITS.sub(" ", text)
    if len(digits) == 10 and not terms.nhs_number:
        terms.nhs_number = digits
    elif 4 <= len(digits) < 10 and not terms.nhs_number:
        terms.nhs_prefix = digits
    elif digits:
        terms.problems.append(f"{digits} is not a date of birth or an NHS number, so it was left out")
    for word in WORD.findall(text.lower()):
        (terms.initials if len(word) == 1 else terms.names).append(word)
    return terms


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


def page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


@access(PERSON_RECORD)
def search_page(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    context = {"query": query, "volunteer_view": acting(request) == Acting.VOLUNTEER}
    if query:
        terms = parse(query)
        context["problems"] = terms.problems
        if not terms.selective:
            context["too_short"] = TOO_SHORT
        else:
            with transaction.atomic():
                found, total, number, context["close_matches"] = find(request, terms, page_number(request))
                rows = rows_for(request, found)
                audit_results(request, rows, query)
            context["page"] = Page(number, total, rows)
    return render(request, "people/search.jinja", context)
