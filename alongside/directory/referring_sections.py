"""The person page's community referrals: "Refer to a community service" for staff who may write the record, and
the referrals already sent, with each service's answer; and the referrer's home panel of the referrals they made."""

from django.urls import reverse

from alongside.people.access import acting
from alongside.people.policy import Acting, Category

from . import referring_queries


def community_referrals(request, record) -> dict | None:
    if acting(request) != Acting.STAFF or record.facts.is_self or Category.CARE not in record.writable:
        return None
    return {
        "href": reverse("directory:referring_choose", args=[record.person.pk]),
        "referrals": list(referring_queries.for_person(record.person.pk)),
    }


SHOWN = 8  # the home panel's referrals


def your_referrals(request) -> dict | None:
    """The home panel of the referrals the user made, for staff who made any lately."""
    if acting(request) != Acting.STAFF:
        return None
    referrals = referring_queries.made_by(request, SHOWN)
    return {"referrals": referrals} if referrals else None
