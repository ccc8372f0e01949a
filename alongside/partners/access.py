"""The access policy for administration pages: administrators manage organisations, teams and memberships."""

from alongside.core.access import Policy

from .models import Role

ADMINISTRATION = Policy(
    "administration", "Administrators manage organisations, teams and memberships.", roles=frozenset({Role.ADMIN.value})
)
