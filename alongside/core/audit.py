"""Writing audit events. A failed audit write raises, so the request that caused it fails too."""

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
    user = actor or (request.user if request is not None and request.user.is_authenticated else None)
    roles = sorted(getattr(request, "roles", ()) or ())
    return AuditEvent.objects.create(
        actor=user,
        actor_username=user.username if user else "",
        role=",".join(roles)[:40],
        organisation_id=organisation_id,
        person_id=person_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        basis=basis,
        request_id=getattr(request, "id", "") if request is not None else "",
        ip_address=_client_ip(request),
        detail=detail or {},
    )


def _client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None
