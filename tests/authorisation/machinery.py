"""The authorisation matrix's machinery, written once for every app's rows: gathering the rows, making each kind
of user, putting the data in each state, calling an endpoint, and checking that a refusal reveals nothing.

Each app declares its rows as plain data in `alongside/<app>/tests/authorisation.py`:

- `ENDPOINTS`: name -> how to call it: `url` (a URL name), `args` and `query` (strings; "{...}" names something
  of the state, e.g. "{person.pk}"), and what its `answer` is:
    "shown"    (the default) the page is shown (200); a refusal answers one of `refused` (the app's `REFUSED`
               unless the endpoint says; "any" for no check), a 302 goes back to the subject's own page, and
               the subject's name is nowhere in it;
    "listed"   the subject appears in the list the page shows;
    "mentions" the page names `mention`; it answers one of `refused`;
    "status"   the status itself, or SIGN_IN when a visitor is sent to sign in;
    "changed"  the change named by `change` (a name in CHANGES, or a function of the client and the state) is
               made;
    "api"      a JSON API operation: 200 when allowed; refused, a 404 with exactly the body of a missing one, or
               a 403 where the user's role never reaches the operation.
- `ROWS`: (subject, state, kind of user, {endpoint: expected}), and optionally a fifth item: why the row is a
  known defect (the row then states the right answer and is expected to fail until the code is fixed). The
  subject is what the states are states of: "person", "referral" or "team" (see WORLDS), or a subject of the
  app's own, whose world its `WORLDS` gives (name -> function(state, kind, users, member) -> World); kinds of
  user are roles,
  "person" (someone supported, with a record of their own), "signed out", or, in a referral or team state, a
  kind the app's `USERS` maps to (role, which of the state's teams).
  An endpoint whose change ends the user's access says `"last": True`: it is called after every other.
- `MAKERS` (optional): name -> a function of the state making something the endpoints name ("{name.pk}").
- `WORLDS` and `SUBJECTS` (optional): the app's own subjects, as WORLDS and SUBJECTS below.

Every app's rows for one subject, state and kind of user are checked together, in one state (test_matrix.py).
- `REFUSED_LIKE_MISSING` (optional): (subject, path with "{pk}") pairs that must answer someone else's subject
  exactly as a missing one.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from alongside.breakglass.models import BreakGlass
from alongside.consent.models import ConsentProvision
from alongside.core.tests.factories import UserFactory
from alongside.partners.models import Organisation, Role, Team
from alongside.partners.tests.factories import MembershipFactory, OrganisationFactory, TeamFactory
from alongside.people.models import CareRelationship, CorrectionRequest, Entry, Supporter
from alongside.people.tests.factories import EntryFactory, PersonFactory, RelationshipFactory
from alongside.referrals.tests.factories import ReferralFactory

NAME = "Matrix Subject"  # the name of every person and referral in a state: a refusal must not show it
SIGN_IN = "sign in"
SIGNED_OUT = "signed out"
MISSING_ID = "2147483647"  # no person, referral or anything else has this id in a test


@cache
def tables() -> dict[str, ModuleType]:
    """By app label: every installed app's rows (its tests/authorisation.py), in the order of INSTALLED_APPS."""
    found = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.tests.authorisation"
        if config.name.startswith("alongside.") and find_spec(f"{config.name}.tests") and find_spec(name):
            found[config.label] = import_module(name)
    return found


# --- kinds of user -----------------------------------------------------------------------------------------------


def make_user(kind: str, teams: dict, users: dict, member):
    """A user of this kind, working in one of the state's teams (None for a visitor not signed in). `users` is
    the app's own kinds: kind -> (role, which team); any other kind is a role in the state's "own" team."""
    if kind == SIGNED_OUT:
        return None
    if kind == "person":
        user = UserFactory()
        PersonFactory(user=user)
        return user
    role, team = users.get(kind, (kind, "own"))
    return member(role, team=teams[team])


# --- the states --------------------------------------------------------------------------------------------------


@dataclass
class World:
    """One state of one subject, as seen by one user: the objects the endpoints' "{...}" name, made on demand."""

    user: object
    teams: dict
    objects: dict
    makers: dict = field(default_factory=dict)
    page: str = ""  # the subject's own page
    listing: str = ""  # how the subject appears in a list

    def __getitem__(self, name):
        return self.makers[name](self) if name in self.makers else self.objects[name]

    def fill(self, text: str) -> str:
        return text.format_map(self)


def person_world(state, kind, users, member) -> World:
    """In a person's states, every kind of user is a role in the user's own team, "person" or "signed out"."""
    teams = {"own": TeamFactory()}
    user = make_user(kind, teams, {}, member)
    person = build_person(state, user, teams["own"])
    page = reverse("people:person", args=[person.pk])
    return World(user, teams, {"person": person}, PERSON_MAKERS, page=page, listing=page)


def build_person(state, user, team):
    """A person in the given state relative to `user`, who works in `team`."""
    now = timezone.now()
    if state == "their own record":
        person = PersonFactory.build(user=user) if not hasattr(user, "person") else user.person
        person.given_name, person.family_name = NAME.split()
        person.save()
        return person
    person = PersonFactory(given_name="Matrix", family_name="Subject")
    rel = RelationshipFactory
    if state == "proxy chosen by the person":
        rel(person=person, user=user, kind="proxy")
    if state == "named worker":
        rel(person=person, user=user, kind="named_worker")
    elif state == "own team caseload":
        rel(person=person, user=None, team=team, kind="team_caseload")
    elif state == "care team member":
        rel(person=person, user=user, kind="care_team")
    elif state == "other team caseload":
        rel(person=person, user=None, team=TeamFactory(organisation=team.organisation), kind="team_caseload")
    elif state == "other organisation":
        rel(person=person, user=None, team=TeamFactory(organisation=OrganisationFactory()), kind="team_caseload")
    elif state == "relationship ended":
        rel(person=person, user=user, kind="named_worker", started_at=now - timedelta(days=60), ended_at=now)
    elif state == "consent withdrawn":
        rel(person=person, user=None, team=team, kind="team_caseload")
        ConsentProvision.objects.create(
            person=person, permit=False, actor_kind="organisation", organisation=team.organisation
        )
    elif state == "consent permits my organisation":
        ConsentProvision.objects.create(
            person=person, permit=True, actor_kind="organisation", organisation=team.organisation
        )
    elif state == "break-glass active":
        BreakGlass.objects.create(
            user=user, person=person, reason_code="emergency", reason_text="x", expires_at=now + timedelta(hours=12)
        )
    elif state == "break-glass expired":
        BreakGlass.objects.create(
            user=user,
            person=person,
            reason_code="emergency",
            reason_text="x",
            started_at=now - timedelta(hours=13),
            expires_at=now - timedelta(hours=1),
        )
    elif state == "volunteer allocated":
        rel(person=person, user=user, kind="volunteer")
    elif state == "volunteer allocation ended":
        rel(person=person, user=user, kind="volunteer", started_at=now - timedelta(days=60), ended_at=now)
    elif state in ("registered with my practice", "registered with my practice, sharing refused"):
        person.gp_practice = team.organisation  # the person's GP practice is the organisation the user works in
        person.save(update_fields=["gp_practice"])
        if state.endswith("refused"):
            ConsentProvision.objects.create(
                person=person, permit=False, actor_kind="organisation", organisation=team.organisation
            )
    elif state == "volunteers denied by consent":
        rel(person=person, user=user, kind="volunteer")
        ConsentProvision.objects.create(person=person, permit=False, actor_kind="volunteers")
    return person


def _correction(world):
    person = world["person"]
    entry = EntryFactory(person=person, author=UserFactory())
    return CorrectionRequest.objects.create(
        person=person, entry=entry, what_is_wrong="Wrong day", asked_by=UserFactory(), answer_due=timezone.localdate()
    )


# Made afresh each time an endpoint names them.
PERSON_MAKERS = {
    "note": lambda world: EntryFactory(person=world["person"], kind=Entry.Kind.NOTE, restricted=False),
    "restricted_note": lambda world: EntryFactory(person=world["person"], kind=Entry.Kind.NOTE, restricted=True),
    "own_note": lambda world: EntryFactory(person=world["person"], kind=Entry.Kind.OWN_NOTE, restricted=False),
    "correction": _correction,
    "supporter": lambda world: Supporter.objects.create(person=world["person"], name="Sam", relationship="neighbour"),
}

# The triage queue's view in which a referral in each status is listed.
QUEUE_VIEW = {
    "received": "waiting",
    "triaged": "waiting",
    "accepted": "accepted",
    "allocated": "decided",
    "redirected": "decided",
}


def referral_world(state, kind, users, member) -> World:
    teams = {
        "spa": TeamFactory(kind=Team.Kind.SPA),
        "accepting": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
        "other": TeamFactory(kind=Team.Kind.NEIGHBOURHOOD),
        # a voluntary service that is a partner in Alongside, which a referral may be redirected to
        "partner": TeamFactory(
            kind=Team.Kind.VOLUNTEER_HUB, organisation=OrganisationFactory(kind=Organisation.Kind.VOLUNTARY)
        ),
    }
    user = make_user(kind, teams, users, member)
    referral = build_referral(state, user, teams["accepting"], teams["partner"])
    objects = {"referral": referral, "queue": QUEUE_VIEW.get(referral.status, "waiting")}
    page = reverse("referrals:referral", args=[referral.pk])
    return World(user, teams, objects, page=page, listing=f"R{referral.pk:06d}")


def build_referral(state, user, accepting_team, partner_team):
    """A referral in the given state: "by me" made by `user`; accepted by `accepting_team`; "redirected to a
    partner" passed to `partner_team`'s organisation, waiting for its answer."""
    other = UserFactory()
    by = user if "by me" in state else other
    status = "redirected" if state == "redirected to a partner" else state.split(",")[0]
    fields = {"referrer_user": by, "given_name": "Matrix", "family_name": "Subject", "status": status}
    if state == "redirected to a partner":
        partner = partner_team.organisation
        fields.update(partner=partner, redirected_to=partner.name, decided_at=timezone.now())
    if status == "draft":
        fields["received_at"] = None
    if status in ("triaged", "accepted", "allocated"):
        fields["person"] = PersonFactory()
    if status in ("accepted", "allocated"):
        fields.update(team=accepting_team, decided_at=timezone.now())
    if status == "allocated":
        fields["named_worker"] = other
    return ReferralFactory(**fields)


def team_world(state, kind, users, member) -> World:
    """The user's own team, and another in another organisation; "team" is the one the state is about."""
    teams = {
        "own": TeamFactory(name="Riverside"),
        "other": TeamFactory(name="Hillside", organisation=OrganisationFactory()),
    }
    user = make_user(kind, teams, users, member)
    team = teams["other"] if state == "other team" else teams["own"]
    makers = {"membership": lambda world: MembershipFactory(team=world["team"], role=Role.CLINICIAN)}
    return World(user, teams, {"team": team}, makers)


WORLDS = {"person": person_world, "referral": referral_world, "team": team_world}
SUBJECTS = {"person": PersonFactory, "referral": ReferralFactory}  # someone else's, for REFUSED_LIKE_MISSING


def worlds() -> dict:
    """The subjects' worlds: those above, and those an app's rows add for subjects of its own (its `WORLDS`)."""
    found = dict(WORLDS)
    for table in tables().values():
        found |= getattr(table, "WORLDS", {})
    return found


def subjects() -> dict:
    """Someone else's subject of each kind, for REFUSED_LIKE_MISSING: those above and an app's own (`SUBJECTS`)."""
    found = dict(SUBJECTS)
    for table in tables().values():
        found |= getattr(table, "SUBJECTS", {})
    return found


# --- calling an endpoint -----------------------------------------------------------------------------------------


def add_care_team_member(client, world) -> bool:
    person = world["person"]
    colleague = UserFactory()
    TeamFactory().memberships.create(user=colleague, role=Role.CLINICIAN)
    client.post(
        reverse("people:new_relationship", args=[person.pk]),
        {"form_key": "3f0e2a5c-0000-4000-8000-000000000001", "kind": "care_team", "username": colleague.username},
    )
    return person.relationships.active().filter(user=colleague, kind="care_team").exists()


def end_the_named_worker(client, world) -> bool:
    person = world["person"]
    named = person.relationships.active().filter(kind="named_worker").first()
    named = named or RelationshipFactory(person=person, user=UserFactory(), kind="named_worker")
    client.post(reverse("people:end_relationship", args=[person.pk, named.pk]), {"reason": "Moved away"})
    return CareRelationship.objects.get(pk=named.pk).ended_at is not None


CHANGES = {"add a care team member": add_care_team_member, "end the named worker": end_the_named_worker}


def call(client, endpoint: dict, world: World, refused_by_default):
    """Try one endpoint in this state: what it answered, as its `answer` says (see the module's docstring)."""
    answer = endpoint.get("answer", "shown")
    if answer == "changed":
        change = endpoint["change"]
        return (CHANGES[change] if isinstance(change, str) else change)(client, world)
    url = reverse(endpoint["url"], args=[world.fill(arg) for arg in endpoint.get("args", ())])
    response = client.get(url, {key: world.fill(value) for key, value in endpoint.get("query", {}).items()})
    body = response.content.decode()
    if answer == "api":
        if response.status_code == 200:
            return True
        assert response.status_code in (403, 404), (url, response.status_code)
        assert NAME.split()[0] not in body, f"{url} refused but showed the subject"
        if response.status_code == 404:
            missing = client.get(reverse(endpoint["url"], args=[MISSING_ID for _ in endpoint.get("args", ())]))
            assert body == missing.content.decode(), (url, body)
        return False
    if answer == "status":
        if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
            return SIGN_IN
        return response.status_code
    if answer == "listed":
        return response.status_code == 200 and world.listing in body
    refused = endpoint.get("refused", refused_by_default)
    if answer == "mentions":
        assert response.status_code in refused, (url, response.status_code)
        return world.fill(endpoint["mention"]) in body
    if response.status_code == 200:
        return True
    if refused != "any":
        assert response.status_code in refused, (url, response.status_code)
        if response.status_code == 302:  # may see the subject, but this step does not apply to it now
            assert response["Location"] == world.page, (url, response["Location"])
    assert NAME not in body, f"{url} refused but showed the subject"
    return False
