"""Every change to sharing choices: only the person or their proxy, audited, one transaction. Nothing is deleted."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.people.access import decide, record_access
from alongside.people.models import Person
from alongside.people.policy import Action, Basis, Category, Decision

from .models import ConsentProvision


def _require(request, person: Person) -> Decision:
    """Recording consent is for the person and the proxy they chose; the access policy says who that is."""
    decision = decide(request, person, Action.WRITE, Category.CONSENT)
    if not decision:
        raise PermissionDenied
    return decision


def end_of_day(day: date) -> datetime:
    """A choice "until 5 March" holds to the end of 5 March, UK time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def record_choice(request, person: Person, data: dict) -> ConsentProvision:
    """Record a new choice, from now. `data`: permit, actor_kind, organisation, categories, until (or None)."""
    decision = _require(request, person)
    now = timezone.now()
    provision = ConsentProvision.objects.create(
        person=person,
        permit=data["permit"],
        actor_kind=data["actor_kind"],
        organisation=data["organisation"],
        categories=sorted(data["categories"]),
        start=now,
        end=end_of_day(data["until"]) if data.get("until") else None,
        recorded_by=request.user,
        recorded_at=now,
        recorded_as="proxy" if decision.basis == Basis.PROXY else "self",
    )
    record_access(
        request,
        person,
        "consent_recorded",
        decision,
        provision=provision.pk,
        permit=provision.permit,
        actor=provision.actor,
        categories=provision.categories,
        end=provision.end.isoformat() if provision.end else None,
    )
    return provision


@transaction.atomic
def withdraw_choice(request, provision: ConsentProvision) -> tuple[ConsentProvision, bool]:
    """Withdraw a choice from now on; it stays in the history. Returns the choice and whether this withdrew it."""
    provision = ConsentProvision.objects.select_for_update().select_related("person").get(pk=provision.pk)
    decision = _require(request, provision.person)
    if provision.withdrawn_at is not None:
        return provision, False
    provision.withdrawn_at = timezone.now()
    provision.save(update_fields=["withdrawn_at"])
    record_access(request, provision.person, "consent_withdrawn", decision, provision=provision.pk)
    return provision, True
