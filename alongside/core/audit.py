"""Writing audit events. A failed audit write raises, so the request that caused it fails too."""

from .addresses import client_address
from .models import AuditEvent


def record(
    request,
    action: str,
    *,
    object_type: str = "",
    object_id="",
    person_id=None,
    basis: str = "",
    organisation_id=None,
    detail: dict | None = None,
    actor=None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        **_fields(
            request,
            action,
            object_type=object_type,
            object_id=object_id,
            person_id=person_id,
            basis=basis,
            organisation_id=organisation_id,
            detail=detail,
            actor=actor,
        )
    )


def record_many(request, action: str, people: list[tuple[int, str, dict]], organisation_id=None) -> None:
    """One event per person shown in a list, as (person id, basis, detail), written in one insert."""
    rows = [(person_id, person_id, basis, detail) for person_id, basis, detail in people]
    record_rows(request, action, "person", rows, organisation_id)


def record_rows(request, action: str, object_type: str, rows: list[tuple], organisation_id=None) -> None:
    """One event per thing shown in a list, as (object id, person id, basis, detail), written in one insert."""
    if rows:
        AuditEvent.objects.bulk_create(
            AuditEvent(
                **_fields(
                    request,
                    action,
                    object_type=object_type,
                    object_id=object_id,
                    person_id=person_id,
                    basis=basis,
                    organisation_id=organisation_id,
                    detail=detail,
                )
            )
            for object_id, person_id, basis, detail in rows
        )


def _fields(request, action, *, object_type, object_id, person_id, basis, organisation_id, detail, actor=None):
    user = actor or (request.user if request is not None and request.user.is_authenticated else None)
    return {
        "actor": user,
        "actor_username": user.username if user else "",
        "role": ",".join(sorted(getattr(request, "roles", ()) or ()))[:40],
        "organisation_id": organisation_id,
        "person_id": person_id,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "basis": basis,
        "request_id": getattr(request, "id", "") if request is not None else "",
        "client_request_id": getattr(request, "client_request_id", "") if request is not None else "",
        "ip_address": client_address(request) if request is not None else None,
        "detail": detail or {},
    }
