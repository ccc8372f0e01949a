from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Pages over the audit trail (kept in core): a person's own access history, and the IG reviewers' search."""

    name = "alongside.audit"
    label = "audit"
