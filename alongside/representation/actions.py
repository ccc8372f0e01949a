"""Every change to representation: an administrator adds an event and says which teams send two people, changes it or
cancels it; a team leader changes who goes and records who went; the representatives (or the leader) write a note
for their team; anyone in a team says which events they cannot go to. Each checks permission, keeps to the version it
started from, is audited, in one transaction."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from alongside.core.audit import record
from alongside.core.forms import EditConflict
from alongside.partners.models import Role, Team
from alongside.partners.roles import leads_team, member_team_ids

from . import rota
from .models import CannotGo, Event, Invitation, Seat

NOTE_LONGEST = 3000


def is_admin(request) -> bool:
    return any(m.role == Role.ADMIN for m in request.memberships)


def admin_organisation_ids(request) -> frozenset[int]:
    return frozenset(m.team.organisation_id for m in request.memberships if m.role == Role.ADMIN)


def may_manage(request, event: Event) -> bool:
    """Changes or cancels the event: an administrator of the organisation that planned it. An event whose planner
    is not known (added before it was kept, and not to be told from the audit) is any administrator's."""
    administers = admin_organisation_ids(request)
    return bool(administers) and (event.organisation_id is None or event.organisation_id in administers)


def _organisation_of(request, event: Event) -> int | None:
    """The organisation an event's audit rows carry: the one that planned it, or else the administrator's own when
    they administer only one."""
    if event.organisation_id is not None:
        return event.organisation_id
    administers = admin_organisation_ids(request)
    return next(iter(administers)) if len(administers) == 1 else None


@transaction.atomic
def add_event(
    request, name: str, kind: str, on: date, place: str, team_ids: Sequence[int], *, organisation_id: int
) -> Event:
    """An administrator adds an event that their organisation (`organisation_id`) plans."""
    if organisation_id not in admin_organisation_ids(request):
        raise PermissionDenied
    event = Event.objects.create(
        name=name, kind=kind, date=on, place=place, created_by=request.user, organisation_id=organisation_id
    )
    teams = list(Team.objects.filter(pk__in=list(team_ids)).values_list("pk", flat=True))
    Invitation.objects.bulk_create(Invitation(event=event, team_id=t) for t in teams)
    record(
        request,
        "representation_event_added",
        object_type="event",
        object_id=event.pk,
        organisation_id=organisation_id,
        detail={"teams": teams},
    )
    return event


def _managed(request, event_id: int, version: int) -> Event:
    """The event, locked, for an administrator of the organisation that planned it, as it was when their page was
    opened. Gone (a bad id, or deleted meanwhile) or another organisation's: PermissionDenied, the site's 404."""
    event = Event.objects.select_for_update().filter(pk=event_id).first()
    if event is None or not may_manage(request, event):
        raise PermissionDenied
    if event.version != version:
        raise EditConflict(event)
    return event


REASON_LONGEST = 500


@transaction.atomic
def edit_event(request, event_id: int, version: int, name: str, kind: str, on: date, place: str) -> Event:
    """An administrator of the organisation that planned it changes a coming event's name, kind, date or place
    (not the teams asked: their rotas stand). Refused if someone changed or cancelled it since the page was opened."""
    event = _managed(request, event_id, version)
    today = timezone.localdate()
    if event.cancelled or event.date < today or on < today:
        raise PermissionDenied
    changed = [
        f for f, new in (("name", name), ("kind", kind), ("date", on), ("place", place)) if getattr(event, f) != new
    ]
    event.name, event.kind, event.date, event.place = name, kind, on, place
    event.version += 1
    event.save(update_fields=["name", "kind", "date", "place", "version"])
    record(
        request,
        "representation_event_changed",
        object_type="event",
        object_id=event.pk,
        organisation_id=_organisation_of(request, event),
        detail={"changed": changed},
    )
    return event


@transaction.atomic
def cancel_event(request, event_id: int, version: int, reason: str) -> Event:
    """An administrator of the organisation that planned it cancels a coming event, saying why. It keeps its record
    and shows as cancelled; nobody goes, so it counts for nobody on any team's rota. Refused if someone changed it
    since the page was opened."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > REASON_LONGEST:
        raise ValueError("A reason is needed, of at most 500 characters")
    event = _managed(request, event_id, version)
    if event.cancelled or event.date < timezone.localdate():
        raise PermissionDenied
    event.cancelled_at, event.cancelled_by, event.cancel_reason = timezone.now(), request.user, reason
    event.version += 1
    event.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "version"])
    record(
        request,
        "representation_event_cancelled",
        object_type="event",
        object_id=event.pk,
        organisation_id=_organisation_of(request, event),
        detail={"teams": list(event.invitations.values_list("team_id", flat=True))},
    )
    return event


def _invitation(team_id: int, event_id: int, version: int) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("event", "team")
        .filter(team_id=team_id, event_id=event_id)
        .first()
    )
    if invitation is None:  # the event was deleted meanwhile, or never asked the team: the views' 404
        raise PermissionDenied
    if invitation.version != version:
        raise EditConflict(invitation)
    if invitation.event.cancelled:  # nobody goes to a cancelled event, and it takes no attendance or note
        raise PermissionDenied
    return invitation


def _replace(invitation: Invitation, seats: Sequence[rota.Seat]) -> None:
    Seat.objects.filter(invitation=invitation).delete()
    Seat.objects.bulk_create(
        Seat(invitation=invitation, position=n, place=s.place, user_id=s.member, reason=s.reason, went=s.went)
        for n, s in enumerate(seats, start=1)
    )
    invitation.version += 1
    invitation.save(update_fields=["version", "note", "note_by", "note_at"])


@transaction.atomic
def choose(request, team_id: int, event_id: int, version: int, seats: Sequence[rota.Seat]) -> None:
    """The leader's choice of who goes to a coming event (from the proposal, perhaps with someone swapped)."""
    if not leads_team(request, team_id) or len(seats) != 2:
        raise PermissionDenied
    invitation = _invitation(team_id, event_id, version)
    if invitation.event.date < timezone.localdate():
        raise PermissionDenied
    _replace(invitation, seats)
    record(
        request,
        "representation_rota_changed",
        object_type="invitation",
        object_id=invitation.pk,
        organisation_id=invitation.team.organisation_id,
        detail={"event": event_id, "team": team_id, "goers": [s.member for s in seats]},
    )


@transaction.atomic
def record_attendance(request, team_id: int, event_id: int, version: int, seats: Sequence[rota.Seat]) -> None:
    """Who went to an event that has happened: it counts in every proposal after it."""
    if not leads_team(request, team_id) or len(seats) != 2:
        raise PermissionDenied
    invitation = _invitation(team_id, event_id, version)
    if invitation.event.date > timezone.localdate():
        raise PermissionDenied
    _replace(invitation, seats)
    record(
        request,
        "representation_attendance_recorded",
        object_type="invitation",
        object_id=invitation.pk,
        organisation_id=invitation.team.organisation_id,
        detail={"event": event_id, "team": team_id, "went": [s.member for s in seats if s.went]},
    )


@transaction.atomic
def write_note(request, team_id: int, event_id: int, version: int, note: str, goers: Sequence[int]) -> None:
    """The note for the home team after an event, by one of those who went (`goers`, as the rota shows) or the
    team's leader."""
    if not (leads_team(request, team_id) or request.user.pk in goers) or team_id not in member_team_ids(request):
        raise PermissionDenied
    if len(note) > NOTE_LONGEST:
        raise ValueError("A note is at most 3000 characters")
    invitation = _invitation(team_id, event_id, version)
    if invitation.event.date > timezone.localdate():
        raise PermissionDenied
    invitation.note, invitation.note_by, invitation.note_at = note.strip(), request.user, timezone.now()
    invitation.version += 1
    invitation.save(update_fields=["version", "note", "note_by", "note_at"])
    record(
        request,
        "representation_note_written",
        object_type="invitation",
        object_id=invitation.pk,
        organisation_id=invitation.team.organisation_id,
    )


@transaction.atomic
def say_cannot_go(request, team_id: int, event_id: int, cannot: bool) -> None:
    """The user says they cannot go to a coming event (or that they can after all). Saying it twice is the same."""
    if team_id not in member_team_ids(request):
        raise PermissionDenied
    invitation = Invitation.objects.select_related("event", "team").filter(team_id=team_id, event_id=event_id).first()
    if invitation is None:
        raise PermissionDenied
    if invitation.event.date < timezone.localdate() or invitation.event.cancelled:
        raise PermissionDenied
    if cannot:
        _, made = CannotGo.objects.get_or_create(user=request.user, event_id=event_id)
    else:
        made = bool(CannotGo.objects.filter(user=request.user, event_id=event_id).delete()[0])
    if made:
        record(
            request,
            "representation_cannot_go" if cannot else "representation_can_go",
            object_type="event",
            object_id=event_id,
            organisation_id=invitation.team.organisation_id,
        )
