"""Every change to a referral: permission checked, the move checked against the lifecycle, audited, one transaction.

The referrer hears the outcome from here (`tell_referrer`): inside the service for staff, by GOV.UK Notify for
people who referred through the public form. Each message is keyed by referral and status, so a retry never
sends it twice.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from alongside.core.forms import EditConflict
from alongside.core.models import Alert
from alongside.partners.models import Membership, Organisation, Role, Team
from alongside.partners.roles import possible_named_workers
from alongside.people.access import record as record_for_person
from alongside.people.actions import replace_named_worker, start_relationship
from alongside.people.models import CareRelationship, Person, StoryVersion
from alongside.people.policy import RelationshipKind

from . import access, candidates, choices, intake
from .lifecycle import Move, MoveRefused, Status, next_status
from .matching import Details, is_exact
from .models import Channel, Referral, Source, Transition
from .outcome import Outcome, outcome_words, received_words, reference


class Incomplete(Exception):
    """The referral cannot be sent yet: `gaps` maps each missing field to what to do."""

    def __init__(self, gaps: dict[str, str]):
        super().__init__("The referral is not complete.")
        self.gaps = gaps


# --- arriving -------------------------------------------------------------------------------------------------


@transaction.atomic
def receive(request, fields: dict, *, channel: str, draft: bool = False) -> Referral:
    """A new referral from the staff form, the public form or the API. Refused as Incomplete unless a draft."""
    from_outside = channel != Channel.STAFF
    if not draft:
        gaps = intake.missing(fields, from_outside=from_outside)
        if gaps:
            raise Incomplete(gaps)
    user = request.user if request.user.is_authenticated else None
    referral = Referral(channel=channel, referrer_user=user, **_intake(fields))
    if draft:
        referral.status = Status.DRAFT
        referral.save()
        _transition(request, referral, "save_draft", "", Status.DRAFT)
        access.record(request, referral, "referral_draft_saved", access.Basis.REFERRER)
        return referral
    return _arrive(request, referral)


@transaction.atomic
def save_draft(request, referral_id, fields: dict, version: int) -> Referral:
    referral = _own_draft(request, referral_id)
    if referral.version != version:
        raise EditConflict(referral)
    for name, value in _intake(fields).items():
        setattr(referral, name, value)
    referral.version += 1
    referral.save()
    access.record(request, referral, "referral_draft_saved", access.Basis.REFERRER)
    return referral


@transaction.atomic
def send_draft(request, referral_id, fields: dict, version: int) -> Referral:
    referral = save_draft(request, referral_id, fields, version)
    gaps = intake.missing({name: getattr(referral, name) for name in intake.INTAKE_FIELDS})
    if gaps:
        raise Incomplete(gaps)
    return _arrive(request, referral, move=Move.SUBMIT)


def _own_draft(request, referral_id) -> Referral:
    referral = (
        Referral.objects.select_for_update()
        .filter(pk=referral_id, referrer_user_id=request.user.id, status=Status.DRAFT)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


def _arrive(request, referral: Referral, move: str = "receive") -> Referral:
    old = referral.status if referral.pk else ""
    if move == Move.SUBMIT:
        next_status(old, Move.SUBMIT)
    referral.status, referral.received_at = Status.RECEIVED, timezone.now()
    known = _known_by_nhs_number(referral)
    if known is not None:
        referral.person, referral.matched_by = known, "nhs_number"
    referral.neighbourhood_id = (known.neighbourhood_id if known else None) or choices.neighbourhood_of(
        referral.postcode
    )
    if known is not None and referral.situation.strip():
        referral.story_offer = "offered"
    referral.version += 1 if referral.pk else 0
    referral.save()
    _transition(request, referral, move, old, Status.RECEIVED)
    access.record(
        request,
        referral,
        "referral_received",
        access.Basis.REFERRER if referral.referrer_user_id else None,
        channel=referral.channel,
        matched_by_nhs_number=known is not None,
    )
    _acknowledge(referral)
    return referral


def _intake(fields: dict) -> dict:
    values = {name: fields[name] for name in intake.INTAKE_FIELDS if name in fields and fields[name] is not None}
    for name in ("given_name", "family_name", "postcode", "nhs_number", "referrer_name"):
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()
    if values.get("nhs_number"):
        values["nhs_number"] = "".join(values["nhs_number"].split())
    if values.get("source") == Source.SELF:
        values["share_named_worker"] = True  # the person is told who their own named worker is
    return values


def _known_by_nhs_number(referral: Referral) -> Person | None:
    if not referral.nhs_number:
        return None
    person = Person.objects.filter(nhs_number=referral.nhs_number).first()
    if person is None:
        return None
    sought = Details(referral.given_name, referral.family_name, referral.birth_date, nhs_number=referral.nhs_number)
    known = Details(person.given_name, person.family_name, person.birth_date, nhs_number=person.nhs_number)
    return person if is_exact(sought, known) else None


# --- deciding -------------------------------------------------------------------------------------------------


def _moving(request, referral_id, move: Move, version: int | None) -> tuple[Referral, access.Basis]:
    """Lock the referral, check this user may make this move and that nobody moved it first."""
    referral = (
        access.visible_referrals(request)
        .select_for_update(of=("self",))
        .select_related("person", "team", "referrer_user")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404
    basis = access.basis_for(request, referral)
    if not _may_make(request, referral, move):
        raise PermissionDenied
    next_status(referral.status, move)  # refuses an impossible move before anything else is checked
    if version is not None and referral.version != version:
        raise EditConflict(referral)
    return referral, basis


def _may_make(request, referral: Referral, move: Move) -> bool:
    """Allocating, and closing once allocated, belong also to the accepting team's leaders; the rest to triage."""
    if move == Move.ALLOCATE:
        return access.may_allocate(request, referral)
    if move == Move.CLOSE:
        return access.may_close(request, referral)
    if move in (Move.TAKE_ON, Move.HAND_BACK):
        return access.may_answer(request, referral)
    return access.may_decide(request)


def _moved(request, referral: Referral, move: Move, basis, reason: str = "", **detail) -> Referral:
    old = referral.status
    referral.status = next_status(old, move)
    referral.version += 1
    referral.save()
    _transition(request, referral, move, old, referral.status, reason)
    access.record(request, referral, f"referral_{move}", basis, from_status=old, to_status=referral.status, **detail)
    return referral


def _transition(request, referral, move, old, new, reason=""):
    user = request.user if request is not None and request.user.is_authenticated else None
    Transition.objects.create(referral=referral, move=move, from_status=old, to_status=new, by=user, reason=reason)


@transaction.atomic
def confirm_person(request, referral_id, person_id: int, version: int) -> Referral:
    """The triage officer confirms that the referral is about this person, one of the candidates offered."""
    referral, basis = _moving(request, referral_id, Move.CONFIRM_PERSON, version)
    if not access.may_match(request, referral):
        raise PermissionDenied  # the writer of a referral never matches it (ADR 16)
    offered = {c.person_id for c in candidates.for_referral(referral)}
    if int(person_id) not in offered and int(person_id) != referral.person_id:
        raise Http404
    person = Person.objects.get(pk=person_id)
    if referral.person_id != person.pk:
        referral.person, referral.matched_by = person, "confirmed"
    referral.neighbourhood_id = person.neighbourhood_id or referral.neighbourhood_id
    if referral.situation.strip() and not referral.story_offer:
        referral.story_offer = "offered"
    return _moved(request, referral, Move.CONFIRM_PERSON, basis, person=person.pk, matched_by=referral.matched_by)


class AlreadyKnown(Exception):
    """A new record was asked for, but the NHS number belongs to someone already known."""


@transaction.atomic
def create_person(request, referral_id, version: int) -> Referral:
    """None of the candidates is the person: make a new record from the referral. Never done without being asked."""
    referral, basis = _moving(request, referral_id, Move.CONFIRM_PERSON, version)
    if not access.may_match(request, referral):
        raise PermissionDenied
    if referral.nhs_number and Person.objects.filter(nhs_number=referral.nhs_number).exists():
        raise AlreadyKnown
    person = Person.objects.create(
        nhs_number=referral.nhs_number or None,
        given_name=referral.given_name,
        family_name=referral.family_name,
        birth_date=referral.birth_date,
        address_line=referral.address_line,
        postcode=referral.postcode,
        phone=referral.phone,
        neighbourhood_id=referral.neighbourhood_id,
    )
    record_for_person(request, "person_created_from_referral", person.pk, basis, referral=referral.pk)
    referral.person, referral.matched_by = person, "new_person"
    if referral.situation.strip():
        referral.story_offer = "offered"
    return _moved(request, referral, Move.CONFIRM_PERSON, basis, person=person.pk, matched_by="new_person")


@transaction.atomic
def accept(request, referral_id, team_id: int, reason: str, share_named_worker: bool, version: int) -> Referral:
    """Accept for a team: the person joins the team's caseload, and the referrer is told."""
    referral, basis = _moving(request, referral_id, Move.ACCEPT, version)
    team = Team.objects.filter(pk=team_id).exclude(kind__in=NOT_CARING_TEAMS).first()
    if team is None:
        raise Http404
    referral.team, referral.decision_reason, referral.decided_at = team, reason, timezone.now()
    referral.share_named_worker = share_named_worker or referral.source == Source.SELF
    already = CareRelationship.objects.active().filter(
        person=referral.person, team=team, kind=RelationshipKind.TEAM_CASELOAD
    )
    if not already.exists():
        start_relationship(
            request, referral.person, RelationshipKind.TEAM_CASELOAD, basis=basis, team=team, referral=referral.pk
        )
    _moved(request, referral, Move.ACCEPT, basis, reason, team=team.pk)
    tell_referrer(referral)
    return referral


NOT_CARING_TEAMS = [Team.Kind.SPA, Team.Kind.CORPORATE]


@transaction.atomic
def redirect(request, referral_id, service: str, reason: str, version: int, partner_id: int | None = None) -> Referral:
    """To another service: by name, or a partner service in Alongside, whose coordinators it then reaches."""
    referral, basis = _moving(request, referral_id, Move.REDIRECT, version)
    partner = None
    if partner_id is not None:
        partner = choices.partner_services().filter(pk=partner_id).first()
        if partner is None:
            raise Http404
        service = partner.name
    referral.redirected_to, referral.decision_reason, referral.decided_at = service, reason, timezone.now()
    referral.partner, referral.partner_answer, referral.partner_reason = partner, "", ""
    _moved(request, referral, Move.REDIRECT, basis, reason, service=service, partner=partner.pk if partner else None)
    tell_referrer(referral)
    if partner is not None:
        _tell_partner(referral, partner)
    return referral


def _coordinators(partner_id) -> list[int]:
    return list(
        Membership.objects.active()
        .filter(team__organisation_id=partner_id, role=Role.COORDINATOR)
        .values_list("user_id", flat=True)
        .distinct()
    )


def _tell_partner(referral: Referral, partner: Organisation) -> None:
    """Each coordinator of the partner service finds it waiting for them."""
    coordinators = _coordinators(partner.pk)
    text = f"A referral ({reference(referral.pk)}) has been passed to {partner.name}: take it on or hand it back"
    Alert.objects.bulk_create(
        [Alert(recipient_id=user_id, text=text, url=f"/referrals/{referral.pk}/") for user_id in coordinators]
    )


@transaction.atomic
def take_on(request, referral_id, reason: str, version: int) -> Referral:
    """The partner service takes the person on; the referrer is told, with the service's reason."""
    referral, basis = _moving(request, referral_id, Move.TAKE_ON, version)
    referral.partner_answer, referral.partner_reason = "taken_on", reason
    referral.partner_answered_at = timezone.now()
    _moved(request, referral, Move.TAKE_ON, basis, reason, partner=referral.partner_id)
    _answered_by_partner(referral, referral.partner_id)
    tell_referrer(referral, event="taken_on")
    return referral


def _answered_by_partner(referral: Referral, partner_id) -> None:
    """Once one coordinator has answered, the service's alerts about it are done: none stays "for you"."""
    Alert.objects.filter(
        url=f"/referrals/{referral.pk}/", recipient_id__in=_coordinators(partner_id), read_at__isnull=True
    ).update(read_at=referral.partner_answered_at)


@transaction.atomic
def hand_back(request, referral_id, reason: str, version: int) -> Referral:
    """The partner service cannot help: the referral goes back to the single point of access to decide again, and
    is no longer the service's to see. The referrer is told."""
    referral, basis = _moving(request, referral_id, Move.HAND_BACK, version)
    partner = referral.partner
    referral.partner_reason, referral.partner_answered_at = reason, timezone.now()
    _moved(request, referral, Move.HAND_BACK, basis, reason, partner=referral.partner_id)
    _answered_by_partner(referral, referral.partner_id)
    handed_back = Outcome(
        status="handed_back",
        reference=reference(referral.pk),
        about_self=referral.source == Source.SELF,
        person_name=_name_for_referrer(referral),
        redirected_to=partner.name if partner else referral.redirected_to,
        reason=reason,
    )
    referral.partner, referral.redirected_to, referral.decided_at = None, "", None
    referral.save(update_fields=["partner", "redirected_to", "decided_at"])
    tell_referrer(referral, event="handed_back", outcome=handed_back)
    return referral


@transaction.atomic
def decline(request, referral_id, reason: str, version: int) -> Referral:
    referral, basis = _moving(request, referral_id, Move.DECLINE, version)
    referral.decision_reason, referral.decided_at = reason, timezone.now()
    _moved(request, referral, Move.DECLINE, basis, reason)
    tell_referrer(referral)
    return referral


@transaction.atomic
def allocate(request, referral_id, worker_id: int, version: int) -> Referral:
    """A named worker from the accepting team. A different current named worker hands over (their period ends)."""
    referral, basis = _moving(request, referral_id, Move.ALLOCATE, version)
    membership = possible_named_workers(referral.team).filter(user_id=worker_id).first()
    if membership is None:
        raise Http404
    worker = membership.user
    handed_over = f"Handed over on referral {reference(referral.pk)}"
    replace_named_worker(request, referral.person, worker, handed_over, basis=basis, referral=referral.pk)
    referral.named_worker = worker
    _moved(request, referral, Move.ALLOCATE, basis, worker=worker.pk)
    tell_referrer(referral)
    return referral


@transaction.atomic
def close(request, referral_id, reason: str, version: int) -> Referral:
    referral, basis = _moving(request, referral_id, Move.CLOSE, version)
    referral.closed_at = timezone.now()
    return _moved(request, referral, Move.CLOSE, basis, reason)


@transaction.atomic
def flag_for_mdt(request, referral_id, discuss: bool, reason: str, version: int) -> Referral:
    """Triage asks the person's MDT to discuss them, with why (or takes the ask back). Refused (PermissionDenied)
    to anyone but the single point of access, and for a referral whose person is not yet known; a stale version is
    an EditConflict."""
    referral = access.visible_referrals(request).select_for_update(of=("self",)).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    if not access.may_decide(request) or referral.person_id is None:
        raise PermissionDenied
    if referral.version != version:
        raise EditConflict(referral)
    referral.discuss_at_mdt = discuss
    referral.mdt_reason = reason.strip() if discuss else ""
    referral.mdt_flagged_by = request.user if discuss else None
    referral.mdt_flagged_at = timezone.now() if discuss else None
    referral.version += 1
    referral.save()
    basis = access.basis_for(request, referral)
    access.record(request, referral, "referral_mdt_flagged" if discuss else "referral_mdt_unflagged", basis)
    return referral


# --- telling it once ------------------------------------------------------------------------------------------


@transaction.atomic
def answer_story_offer(request, referral_id, agreed: bool) -> Referral:
    """With the person's agreement, what the referrer said joins "my story"; without it, the offer is put away.

    Whoever may write the person's story may answer (their named worker, their team, the person themselves).
    """
    from alongside.people.access import decide
    from alongside.people.actions import add_story_version
    from alongside.people.policy import Action, Category

    referral = Referral.objects.select_for_update().filter(pk=referral_id, story_offer="offered").first()
    if referral is None or not decide(request, referral.person, Action.WRITE, Category.STORY):
        raise Http404
    if agreed:
        person = referral.person
        latest = (
            StoryVersion.objects.filter(person=person, part=StoryVersion.Part.MY_STORY).aggregate(n=Max("number"))["n"]
            or 0
        )
        before = person.story_versions.get(part="my_story", number=latest).text if latest else ""
        text = (before + "\n\n" if before else "") + referral.situation.strip()
        add_story_version(
            request,
            person,
            "my_story",
            text,
            f"Added from referral {reference(referral.pk)}, as they agreed",
            True,
            latest,
        )
    referral.story_offer = "added" if agreed else "declined"
    referral.save(update_fields=["story_offer"])
    record_for_person(
        request,
        "referral_story_offer_answered",
        referral.person_id,
        None,
        object_type="referral",
        object_id=referral.pk,
        agreed=agreed,
    )
    return referral


# --- closing the loop -----------------------------------------------------------------------------------------


def outcome_for(referral: Referral) -> Outcome:
    worker = referral.named_worker.display_name if referral.named_worker_id and referral.share_named_worker else ""
    taken_on = referral.partner_answer == "taken_on"
    return Outcome(
        status=_decided_as(referral),
        reference=reference(referral.pk),
        about_self=referral.source == Source.SELF,
        person_name=_name_for_referrer(referral),
        team=referral.team.name if referral.team_id else "",
        named_worker=worker,
        redirected_to=referral.redirected_to,
        reason=referral.partner_reason if taken_on else referral.decision_reason,
        taken_on=taken_on,
    )


def _name_for_referrer(referral: Referral) -> str:
    """The name on the person's record once matched, not the referrer's spelling of it."""
    return referral.person.full_name if referral.person_id else referral.person_name


def _decided_as(referral: Referral) -> str:
    """What was decided: for a closed referral, the decision it was closed after."""
    if referral.status != Status.CLOSED:
        return referral.status
    if referral.named_worker_id:
        return Status.ALLOCATED
    if referral.team_id:
        return Status.ACCEPTED
    return Status.REDIRECTED if referral.redirected_to else Status.DECLINED


def tell_referrer(referral: Referral, event: str = "", outcome: Outcome | None = None) -> None:
    """Tell whoever referred what happened: inside the service for the staff member who made or took the referral,
    and by email or text for the person or their family, if they left an address or number. Each message is keyed
    by the referral and its status, or the `event` (a partner service's answer), so that it is sent once."""
    from alongside.core import notify

    outcome = outcome or outcome_for(referral)
    if referral.referrer_user_id:
        words = outcome_words(outcome, inside=True)
        if words:
            Alert.objects.create(
                recipient_id=referral.referrer_user_id, text=words[:300], url=f"/referrals/{referral.pk}/"
            )
    words = outcome_words(outcome)
    channel, to = _contact(referral)
    if words and to and referral.source in TOLD_BY_MESSAGE:
        notify.send(
            reference=f"referral-{referral.pk}-{event or referral.status}",
            channel=channel,
            to=to,
            body=words,
            person_id=referral.person_id,
        )


def _acknowledge(referral: Referral) -> None:
    from alongside.core import notify

    channel, to = _contact(referral)
    if to and referral.source in TOLD_BY_MESSAGE:
        words = received_words(reference(referral.pk), settings.TRIAGE_TARGET_HOURS[referral.urgency])
        notify.send(
            reference=f"referral-{referral.pk}-received",
            channel=channel,
            to=to,
            body=words,
            person_id=referral.person_id,
        )


# People outside the service (the person, their family and carers) are told by email or text, whoever took the
# referral; staff are told inside the service.
TOLD_BY_MESSAGE = (Source.SELF, Source.FAMILY_CARER)


def _contact(referral: Referral) -> tuple[str, str]:
    if referral.referrer_email:
        return "email", referral.referrer_email
    if referral.referrer_phone:
        return "sms", referral.referrer_phone
    return "", ""


__all__ = ["MoveRefused", "Incomplete", "AlreadyKnown", "EditConflict"]
