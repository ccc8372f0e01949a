"""The person page's parts from referrals: the offers of what a referrer said about the person's life, waiting for
the person to agree that it joins their story (shown to those who may write the story); and "Refer this person",
for staff who may refer and may see the record, starting a referral with what the record says."""

from django.urls import reverse

from alongside.partners.roles import REFERRER_ROLES
from alongside.people.policy import Category

from .models import Referral
from .outcome import reference


def story_offers(request, record) -> dict | None:
    if Category.STORY not in record.writable:
        return None
    offers = Referral.objects.filter(person=record.person, story_offer="offered").order_by("received_at")
    found = [{"referral": r, "reference": reference(r.pk)} for r in offers]
    return {"offers": found} if found else None


def refer(request, record) -> dict | None:
    """Offered to staff who may refer, on a record they may see (not their own): the form starts from it."""
    if not (request.roles & REFERRER_ROLES) or record.facts.is_self or Category.NAME not in record.shown:
        return None
    return {"href": f"{reverse('referrals:new')}?person={record.person.pk}"}
