"""The person page's community referrals: "Refer to a community service" for staff who may write the record, and
the referrals already sent, with each service's answer."""

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
