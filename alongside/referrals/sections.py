"""The person page's offers from referrals: what a referrer said about the person's life, waiting for the person
to agree that it joins their story. Shown to those who may write the story."""

from alongside.people.policy import Category

from .models import Referral
from .outcome import reference


def story_offers(request, record) -> dict | None:
    if Category.STORY not in record.writable:
        return None
    offers = Referral.objects.filter(person=record.person, story_offer="offered").order_by("received_at")
    found = [{"referral": r, "reference": reference(r.pk)} for r in offers]
    return {"offers": found} if found else None
