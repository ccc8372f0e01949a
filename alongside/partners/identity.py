"""Who a signed-in user is in the service, answered for core (settings.ALONGSIDE_IDENTITY names this module):
the roles there are, the user's active memberships and roles, and who reviews their account's security.

Core asks here through `alongside.core.identity` rather than importing partners, so that core knows no app.
"""

from django.contrib.auth import get_user_model

from .models import PERSON_ROLE, Membership, Role

ROLES = frozenset({r.value for r in Role} | {PERSON_ROLE})


def attach_roles(request, user) -> None:
    """Set request.memberships (active now) and request.roles for this user."""
    request.memberships = []
    request.roles = frozenset()
    if user.is_authenticated:
        request.memberships = list(Membership.objects.active().filter(user=user).select_related("team__organisation"))
        roles = {m.role for m in request.memberships}
        if hasattr(user, "person"):
            roles.add(PERSON_ROLE)
        request.roles = frozenset(roles)


def security_reviewers(account):
    """IG reviewers of the account's organisations; every IG reviewer if it has none (a person supported)."""
    reviewers = Membership.objects.active().filter(role=Role.IG_REVIEWER)
    organisations = Membership.objects.active().filter(user=account).values("team__organisation_id")
    if organisations.exists():
        reviewers = reviewers.filter(team__organisation_id__in=organisations)
    return get_user_model().objects.filter(memberships__in=reviewers).exclude(pk=account.pk).distinct()
