from __future__ import annotations

from workstation.audit.models import AuditEntry


def actor_role_of(user) -> str:
    if user is None or not user.is_authenticated:
        return ""
    if user.is_superuser:
        return "admin"
    return sorted(user.roles)[0] if user.roles else ""


def record(*, actor, action: str, target=None, object_type: str = "", object_id="", **details):
    """Write an audit entry. ``details`` must hold no personal data (field names, counts, ids)."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or target.pk
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_role=actor_role_of(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details,
    )
