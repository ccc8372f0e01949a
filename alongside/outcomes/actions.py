"""Recording outcome measures: permission through the one access policy, audited through alongside.people.access,
in one transaction; a retry with the same key makes no second response.

Scores are care information (`Category.CARE`): staff who may write the person's care record the answers with
them, and only for an instrument staff may complete with the person. The person answers from their own login
(their own words about how they are: `Category.OWN_NOTES`, which they write). A proxy does not answer for them:
these questionnaires ask the person how they are. A one-time link (links.py) records as the person.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from alongside.people.access import facts_for, record_access, record_by_the_person
from alongside.people.models import Person
from alongside.people.policy import Action, Basis, Category, Decision, Facts
from alongside.people.policy import decide as decide_by_rules

from . import scoring
from .instruments import Instrument
from .models import CompletionLink, Draft, How, Response


def completer_for(facts: Facts, instrument: Instrument) -> tuple[str, Decision] | None:
    """How this user may record the person's answers to `instrument` (How.OWN_LOGIN or How.WITH_STAFF) and the
    policy's decision, or None: they may not."""
    if facts.is_self:
        decision = decide_by_rules(facts, Action.WRITE, Category.OWN_NOTES)
        return (How.OWN_LOGIN, decision) if decision and "person" in instrument.completed_by else None
    decision = decide_by_rules(facts, Action.WRITE, Category.CARE)
    if decision and decision.basis != Basis.PROXY and "staff_with_person" in instrument.completed_by:
        return How.WITH_STAFF, decision
    return None


@dataclass(frozen=True)
class Scored:
    """What a response scored, ready to store."""

    total: float | None
    band: str
    items: dict[str, float]
    reliable_change: str
    item_changes: dict[str, str | None]


def score_against(instrument: Instrument, answers: scoring.Answers, previous: Response | None) -> Scored:
    """Score the answers, and the reliable change since the previous response to the same instrument. Raises
    scoring.AnswerError for answers that do not fit the instrument."""
    after = scoring.score(instrument, answers)
    before = scoring.score(instrument, previous.answers) if previous is not None else None
    if instrument.method == "per_item":
        changes = scoring.item_changes(instrument, before, after)
        overall = scoring.mean_item_change(instrument, before, after)
    else:
        changes = {}
        overall = scoring.reliable_change(instrument, before, after)
    return Scored(
        total=after.total,
        band=after.band or "",
        items=after.items,
        reliable_change=overall or "",
        item_changes=changes,
    )


def previous_response(person: Person, code: str) -> Response | None:
    return Response.objects.filter(person=person, instrument=code).order_by("-completed_at", "-pk").first()


@transaction.atomic
def save_response(
    person: Person,
    instrument: Instrument,
    answers: dict,
    *,
    how: str,
    recorded_by=None,
    key: str = "",
    goals: dict | None = None,
) -> tuple[Response, bool]:
    """Store a response, scored, once per key: (the response, whether this call made it). The caller has checked
    permission and audits. Raises scoring.AnswerError for answers that do not fit."""
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one response at a time per person
    if key and (earlier := Response.objects.filter(person=person, idempotency_key=key).first()):
        return earlier, False
    scored = score_against(instrument, answers, previous_response(person, instrument.code))
    try:
        with transaction.atomic():
            response = Response.objects.create(
                person=person,
                instrument=instrument.code,
                answers={link_id: value for link_id, value in answers.items() if value is not None},
                goals=goals or {},
                total=scored.total,
                band=scored.band,
                items=scored.items,
                reliable_change=scored.reliable_change,
                item_changes=scored.item_changes,
                how=how,
                recorded_by=recorded_by,
                idempotency_key=key,
            )
    except IntegrityError:  # the same key, saved meanwhile by a request that did not wait for the lock
        return Response.objects.get(person=person, idempotency_key=key), False
    return response, True


def record_response(
    request,
    person: Person,
    instrument: Instrument,
    answers: dict,
    *,
    key: str = "",
    goals: dict | None = None,
    through_api: bool = False,
) -> tuple[Response, bool]:
    """The signed-in user records the person's answers (their own, or with the person; `through_api`: sent by
    another system on their behalf). PermissionDenied if they may not; scoring.AnswerError for answers that do not
    fit; a retry with the same key returns the first."""
    allowed = completer_for(facts_for(request, person), instrument)
    if allowed is None:
        raise PermissionDenied
    how, decision = allowed
    if through_api:
        how = How.API
    response, made = save_response(person, instrument, answers, how=how, recorded_by=request.user, key=key, goals=goals)
    if made:
        record_access(request, person, "outcome_recorded", decision, instrument=instrument.code, response=response.pk)
    return response, made


# --- answering page by page: a draft kept as the person goes, then submitted once --------------------------------


def owner_for(request, how: str) -> str:
    """Whose draft: the signed-in user, answering as themselves or with the person (two drafts, never mixed)."""
    return f"user:{request.user.pk}:{how}"


@transaction.atomic
def keep_answer(
    request, person: Person, code: str, owner: str, how: str, link_id: str, value: int, decision: Decision | None
) -> Draft:
    """Keep one answer in the draft (the caller has checked permission and the answer), under the draft's lock so
    that answers given at once in two tabs are both kept. Starting a draft is audited; each later answer is the
    same draft."""
    draft, made = Draft.objects.select_for_update().get_or_create(
        person=person, instrument=code, owner=owner, defaults={"how": how}
    )
    draft.answers = {**draft.answers, link_id: value}
    draft.updated_at = timezone.now()
    draft.save(update_fields=["answers", "updated_at"])
    if made:
        if how == How.LINK:
            record_by_the_person(request, person, "outcome_started", instrument=code, via="link")
        else:
            if decision is None:  # a signed-in user's draft comes with the policy's decision
                raise PermissionDenied
            record_access(request, person, "outcome_started", decision, instrument=code)
    return draft


def submit(request, person: Person, instrument: Instrument, draft: Draft, goals: dict | None = None) -> Response:
    """Record the draft's answers as a response, once per draft (its key), and let the draft go."""
    with transaction.atomic():
        response, _ = record_response(request, person, instrument, draft.answers, key=str(draft.form_key), goals=goals)
        Draft.objects.filter(pk=draft.pk).delete()
    return response


def forget_lapsed_link_drafts(now) -> int:
    """Remove the answers kept from one-time links that can no longer be used (expired, or used up): a link that no
    longer opens cannot carry on, so what it kept is of no use to the person and is not kept. Returns how many."""
    lapsed = (
        CompletionLink.objects.filter(Q(expires_at__lte=now) | Q(used_at__isnull=False))
        .annotate(owner=Concat(Value("link:"), Cast("pk", CharField())))
        .values("owner")
    )
    removed, _ = Draft.objects.filter(how=How.LINK, owner__in=lapsed).delete()
    return removed
