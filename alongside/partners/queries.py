"""What the partner administration pages read (`views`): organisations, teams and their members.

Each function returns plain values or model instances already read; a missing one is None, for the page to answer
404 as if it did not exist.
"""

from functools import reduce
from operator import and_

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone

from .models import Membership, Organisation, Team


def organisations(kind: str | None) -> list[Organisation]:
    """Every organisation (of one kind, if given), by name, with its neighbourhood and how many teams it has."""
    rows = Organisation.objects.select_related("neighbourhood").annotate(team_count=Count("teams")).order_by("name")
    if kind is not None:
        rows = rows.filter(kind=kind)
    return list(rows)


def organisation(pk) -> Organisation | None:
    """One organisation with its neighbourhood."""
    return Organisation.objects.select_related("neighbourhood").filter(pk=pk).first()


def organisation_to_change(pk) -> Organisation | None:
    """One organisation as stored, for its edit page."""
    return Organisation.objects.filter(pk=pk).first()


def teams_of(organisation: Organisation) -> list[Team]:
    """The organisation's teams, by name, with their neighbourhood and how many members each has now."""
    teams = organisation.teams.select_related("neighbourhood").annotate(member_count=_active_member_count())
    return list(teams.order_by("name", "pk"))


def teams(ids=None) -> list[Team]:
    """Every team (only these, if ids are given), by name (then organisation), with its organisation, neighbourhood
    and members now."""
    rows = Team.objects.all() if ids is None else Team.objects.filter(id__in=ids)
    rows = rows.select_related("organisation", "neighbourhood").annotate(member_count=_active_member_count())
    return list(rows.order_by("name", "organisation__name", "pk"))


def team(pk) -> Team | None:
    """One team with its organisation and neighbourhood."""
    return Team.objects.select_related("organisation", "neighbourhood").filter(pk=pk).first()


def team_to_change(pk) -> Team | None:
    """One team as stored, for its edit page."""
    return Team.objects.filter(pk=pk).first()


def members_of(team: Team) -> list[Membership]:
    """Every membership of the team, past and present, with its user, by surname, first name and role."""
    return list(team.memberships.select_related("user").order_by("user__last_name", "user__first_name", "role", "pk"))


def membership(pk) -> Membership | None:
    """One membership with its team and user."""
    return Membership.objects.select_related("team", "user").filter(pk=pk).first()


def _active_member_count():
    now = timezone.now()
    return Count(
        "memberships",
        filter=Q(memberships__started_at__lte=now)
        & (Q(memberships__ended_at__isnull=True) | Q(memberships__ended_at__gt=now)),
    )


# --- user accounts ----------------------------------------------------------------------------------------------


def user_accounts(query: str):
    """Every account, by name, or those whose username or name contains the query: a queryset to page through."""
    rows = get_user_model().objects.order_by("last_name", "first_name", "username")
    if query:
        rows = rows.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    return rows


def user_account(pk, *, active_only: bool = False):
    found = get_user_model().objects.filter(pk=pk, **({"is_active": True} if active_only else {}))
    return found.first()


def memberships_of(account):
    """The account's memberships, newest first, with their teams and organisations (read as the page lists them)."""
    return account.memberships.select_related("team__organisation").order_by("-started_at")


# --- finding a user by name -------------------------------------------------------------------------------------

USERS_SHOWN = 10
# How alike a typed word and a user's name must be for the looser look (pg_trgm word similarity, 0 to 1).
USER_NAME_LIKENESS = 0.5


def users_named(typed: str, *, active_only: bool = True) -> list:
    """The user accounts a typed name or username finds, by name, at most USERS_SHOWN + 1 (so that a page can say
    there are more).

    An exact username (any case) finds that account alone. Otherwise every word typed must be part of the first
    name, last name or username (any case): "sam ok" finds Sam Okoro. If that finds nobody, a looser look finds
    names like the words typed, so that one slip ("Sam Okora") still finds her.
    """
    words = typed.replace("\x00", "").split()
    if not words:
        return []
    users = get_user_model().objects.all()
    if active_only:
        users = users.filter(is_active=True)
    exact = list(users.filter(username__iexact=typed.strip())[:1])
    if exact:
        return exact
    by_name = ("last_name", "first_name", "username")
    contains = reduce(
        and_,
        (Q(first_name__icontains=w) | Q(last_name__icontains=w) | Q(username__icontains=w) for w in words),
    )
    found = list(users.filter(contains).order_by(*by_name)[: USERS_SHOWN + 1])
    if found:
        return found
    names = Lower(Concat(F("first_name"), Value(" "), F("last_name"), Value(" "), F("username")))
    likeness = reduce(lambda a, b: a + b, (TrigramWordSimilarity(Value(w.lower()), names) for w in words))
    return list(
        users.annotate(likeness=likeness / len(words))
        .filter(likeness__gte=USER_NAME_LIKENESS)
        .order_by("-likeness", *by_name)[: USERS_SHOWN + 1]
    )
