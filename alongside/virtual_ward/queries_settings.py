"""What the ward's settings pages read: the ward asked for, if the user gives care in its team, and the GP practices
a ward may serve. Service-level only: no person's data is read."""

from alongside.partners.models import Organisation
from alongside.partners.roles import caring_team_ids

from .models import Episode, Ward


def ward_seen(request, ward_id: int) -> Ward | None:
    """The ward, if the user gives care in its team (its team leader and nurses); None otherwise, as for a missing
    one. One query, with the ward's practices in a second only when asked for."""
    return Ward.objects.filter(pk=ward_id, team_id__in=caring_team_ids(request)).select_related("team").first()


def gp_practices() -> list[tuple[int, str]]:
    """Every GP practice a ward may serve, by name: (id, name)."""
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.GP_PRACTICE).order_by("name", "pk").values_list("pk", "name")
    )


def practice_ids(ward: Ward) -> list[int]:
    """The ward's GP practices, as ids."""
    return sorted(ward.practices.values_list("pk", flat=True))


def practice_names(ward: Ward) -> list[str]:
    """The ward's GP practices' names, A to Z (as the form lists them)."""
    return list(ward.practices.order_by("name", "pk").values_list("name", flat=True))


def people_on_ward(ward: Ward) -> int:
    """The people with a bed on the ward now: the usual beds may not be fewer."""
    return Episode.objects.filter(ward=ward, ended_at__isnull=True).count()
