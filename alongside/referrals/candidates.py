"""Finding the people a referral might be about: a few indexed lookups, then `matching.rank` decides the order.

Candidates share the NHS number, the date of birth (or one a slip away), the postcode, or the whole name. The
lookups use the unique NHS number index, the date-of-birth index, the postcode index from the person search, and
the name index: never a scan of everyone. Only what matching needs is read, and only the comparisons leave here:
the page shows how each candidate's details compare with the referral, not the details (ADR 0016).
"""

from django.db.models import Q

from alongside.people.models import Person
from alongside.people.search import search_postcode

from .matching import Candidate, Details, close_birth_dates, postcode_key, rank
from .models import Referral

LOOKED_AT = 200  # at most this many people are scored for one referral


def sought(referral: Referral) -> Details:
    return Details(
        referral.given_name, referral.family_name, referral.birth_date, referral.postcode, referral.nhs_number
    )


def for_referral(referral: Referral, limit: int = 5) -> list[Candidate]:
    wanted = sought(referral)
    found = Q(pk__in=[])
    if wanted.nhs_number:
        found |= Q(nhs_number=wanted.nhs_number)
    if wanted.birth_date:
        found |= Q(birth_date__in=[wanted.birth_date, *close_birth_dates(wanted.birth_date)])
    if wanted.family_name and wanted.given_name:
        spellings = {wanted.family_name, wanted.family_name.title(), wanted.family_name.upper()}
        firsts = {wanted.given_name, wanted.given_name.title(), wanted.given_name.upper()}
        found |= Q(family_name__in=spellings, given_name__in=firsts)
    if wanted.postcode:
        found |= Q(pc=postcode_key(wanted.postcode))
    people = Person.objects.alias(pc=search_postcode()).filter(found).order_by("pk")
    known = [
        Details(p.given_name, p.family_name, p.birth_date, p.postcode, p.nhs_number or "", p.pk)
        for p in people.only("given_name", "family_name", "birth_date", "postcode", "nhs_number")[:LOOKED_AT]
    ]
    return rank(wanted, known, limit)
