"""Load the demo borough into the database: organisations and staff through the ORM, people by COPY."""

from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from alongside.core.models import ApiToken
from alongside.partners.models import Membership, Neighbourhood, Organisation, Team
from alongside.people.models import Person

from . import borough
from .models import DemoBorough, DemoLogin

PEOPLE_COLUMNS = [
    "nhs_number",
    "given_name",
    "family_name",
    "birth_date",
    "address_line",
    "town",
    "postcode",
    "phone",
    "neighbourhood_id",
    "gp_practice_id",
]


def build(
    seed: int, people: int, progress: Callable[[int], None] = lambda n: None, today: date | None = None
) -> DemoBorough:
    today = today or timezone.localdate()
    plan = borough.plan_borough(seed)
    with transaction.atomic():
        neighbourhoods = {name: Neighbourhood.objects.create(name=name) for name in borough.NEIGHBOURHOODS}
        organisations = {
            name: Organisation.objects.create(
                name=name, kind=kind, ods_code=ods, neighbourhood=neighbourhoods.get(nbhd) if nbhd else None
            )
            for name, kind, ods, nbhd in plan.organisations
        }
        teams = {
            t.name: Team.objects.create(
                name=t.name,
                kind=t.kind,
                organisation=organisations[t.organisation],
                neighbourhood=neighbourhoods.get(t.neighbourhood) if t.neighbourhood else None,
            )
            for t in plan.teams
        }
        users = _create_staff(plan, teams)
        practices = [organisations[name] for name in borough.PRACTICE_NAMES]
        nbhd_ids = [neighbourhoods[name].id for name in borough.NEIGHBOURHOODS]
        _copy_people(seed, people, today, nbhd_ids, [p.id for p in practices], progress)
        person_user = _person_login(plan)
        users["person"] = person_user
        for order, role in enumerate(borough.LOGIN_ROLES):
            user = users[role]
            ApiToken.issue(user, "Demo token", token=plan.tokens[role])
            team = next((m.team.name for m in user.memberships.select_related("team")), "")
            DemoLogin.objects.create(
                user=user,
                role=role,
                team_name=team,
                password=plan.passwords[role],
                api_token=plan.tokens[role],
                order=order,
            )
        return DemoBorough.objects.create(seed=seed, people=people)


def _create_staff(plan: borough.BoroughPlan, teams: dict[str, Team]) -> dict:
    User = get_user_model()
    logins = {}
    memberships = []
    for persona in plan.personas:
        user = User(
            username=persona.username, first_name=persona.given_name, last_name=persona.family_name, is_demo=True
        )
        if persona.login:
            user.set_password(plan.passwords[persona.role])
        else:
            user.set_unusable_password()
        user.save()
        if persona.login:
            logins[persona.role] = user
        memberships.append(Membership(user=user, team=teams[persona.team], role=persona.role))
    Membership.objects.bulk_create(memberships)
    return logins


def _person_login(plan: borough.BoroughPlan):
    """The demo 'person' login belongs to the first person in the borough."""
    User = get_user_model()
    person = Person.objects.order_by("id").first()
    user = User(username="person", first_name=person.given_name, last_name=person.family_name, is_demo=True)
    user.set_password(plan.passwords["person"])
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def _copy_people(seed, count, today, nbhd_ids, practice_ids, progress, chunk=10_000) -> None:
    table = Person._meta.db_table
    sql = f"COPY {table} ({', '.join(PEOPLE_COLUMNS)}) FROM STDIN"  # noqa: S608 (fixed identifiers)
    done = 0
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in borough.generate_people(seed, count, today):
            copy.write_row(
                (
                    row.nhs_number,
                    row.given_name,
                    row.family_name,
                    row.birth_date,
                    row.address_line,
                    row.town,
                    row.postcode,
                    row.phone,
                    nbhd_ids[row.neighbourhood_index],
                    practice_ids[row.practice_index],
                )
            )
            done += 1
            if done % chunk == 0:
                progress(chunk)
        progress(done % chunk)
