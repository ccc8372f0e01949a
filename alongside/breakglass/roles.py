"""Who may use break-glass: staff who give care. Administrators and IG reviewers do not, and nor do volunteers."""

from alongside.partners.models import Role

CARE_ROLES = frozenset(
    {
        Role.CLINICIAN.value,
        Role.SOCIAL_WORKER.value,
        Role.GP.value,
        Role.SPA_TRIAGE.value,
        Role.COORDINATOR.value,
        Role.TEAM_LEADER.value,
    }
)
