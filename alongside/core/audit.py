"""Writing audit events. A failed audit write raises, so the request that caused it fails too.

Events about a person's data are written by `alongside.people.access.record` alone, with a basis from the access
policy's `Basis`; the core knows no people, so it asks only that a basis be a member of some enum, never free text.
"""

from enum import Enum

from .addresses import client_address
from .models import AuditEvent


def record(
    request,
    action: str,
    *,
    object_type: str = "",
    object_id="",
    person_id=None,
    basis: Enum | None = None,
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


def _stored(basis: Enum | None) -> str:
    """A basis as stored: its enum value. Free text is refused, so that every basis is one the audit pages know."""
    if basis is None:
        return ""
    if not isinstance(basis, Enum):
        raise TypeError(f"An audit basis must be an enum member, not {basis!r}")
    return str(basis.value)


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
        "basis": _stored(basis),
        "request_id": getattr(request, "id", "") if request is not None else "",
        "client_request_id": getattr(request, "client_request_id", "") if request is not None else "",
        "ip_address": client_address(request) if request is not None else None,
        "detail": detail or {},
    }
