"""The person-data access rules, as plain Python over facts: no database, no Django.

`decide(facts, action, category)` answers "may this user do this to this person's data, and on what basis?".
`alongside.people.access` gathers the facts from the database and records the answer in the audit.

There are three actions: READ; WRITE (add, change, amend or end); and ASK (ask the people caring for the person
to change something: today, to correct an entry they wrote). The rules, in order:
1. The person themselves reads their whole record except restricted items, which are kept from everyone but the
   named worker and break-glass (the rules below). They write only what is theirs (OWN_WRITES): their story and
   what matters to them, their sharing choices and proxies, what they tell volunteers, their family and carers,
   how best to communicate with them, and notes of their own. They ask for corrections of what staff wrote about
   their care. That is all: a member of staff whose own record it is does not act as staff on it.
2. A proxy the person chose has the same rights, except what the person chose not to share with their proxies
   (a "do not share" provision for "proxies"). A proxy who also cares for the person as staff goes on to rule 3
   for anything the proxy rule does not give.
3. Anyone else needs an active care role (as staff) or volunteer role. Administrators and information
   governance reviewers manage the service and reach no person data. Staff never write the person's own words
   (their notes, sharing choices and proxies) and never ask on their behalf: they change what they wrote.
4. The access log: only the person or their proxy.
5. Break-glass, while active, lets staff read everything else, restricted items included.
6. A consent provision that denies this actor this category (their organisation, or volunteers) refuses it.
   Restricted items: only the named worker.
7. A relationship gives access: named worker, care-team member and team caseload give staff the whole
   record; an active volunteer allocation gives the minimal volunteer view (name, how to reach them, what
   they chose to share with volunteers, key contacts), plus what a provision permits volunteers beyond
   that, but never care detail, identity detail or restricted items.
   Registration with a GP practice is a relationship too (ADR 0023, the NHS legitimate relationship): staff
   who give care in a team of the person's registered practice read the record, restricted items apart, but
   write nothing through it; they refer, or join the care team, to do more.
8. A consent provision that permits this actor's organisation a category lets its staff read it (and the
   person's name, since sharing anything shares whose it is).
9. Otherwise, no.

A referral carries a person's details before they have a record, so who may see one is decided here too
(`referral_basis`), over facts of its own: the referrer sees what they made, drafts included; the single point of
access sees every referral sent; a team that accepted one sees it from then on; the coordinators of a partner
service one was redirected to see it while it is theirs; nobody else.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Category(StrEnum):
    NAME = "name"
    IDENTITY = "identity"  # date of birth, NHS number, GP practice, neighbourhood
    COMMUNICATION = "communication"  # how best to communicate: language, interpreter, hearing, sight, easy read
    CONTACT = "contact"  # address and phone
    STORY = "story"  # "my story" and "what matters to me"
    CARE = "care"  # timeline entries, contacts, notes written by staff: clinical and social detail
    OWN_NOTES = "own_notes"  # notes the person (or their proxy) wrote on their timeline, in their own words
    SHARED_WITH_VOLUNTEERS = "shared_with_volunteers"
    KEY_CONTACTS = "key_contacts"  # family, carers and the people around them
    CONSENT = "consent"
    ACCESS_LOG = "access_log"
    RESTRICTED = "restricted"  # a sensitive item the person or staff chose to keep from others


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    ASK = "ask"  # ask the people caring for the person to change what they wrote


class Basis(StrEnum):
    """Why a user may do what they did to a person's data: the basis every audit row about a person carries.

    The values are stored in the audit as they are, and `alongside.audit.wording` words them for the person.
    """

    SELF = "self"
    PROXY = "proxy"
    RELATIONSHIP = "relationship"
    CONSENT = "consent"
    BREAK_GLASS = "break_glass"
    # Referrals (`referral_basis`): who may see a referral, which carries a person's details.
    TRIAGE = "single point of access"
    REFERRER = "referrer"
    ACCEPTING_TEAM = "accepting team"
    REFERRAL_MATCHING = "referral matching"  # comparing a possible match's details with a referral's (ADR 0016)
    TEAM_LEADER = "team leader"  # leading the team that looks after the person: their named worker, their bookings
    REGISTERED_PRACTICE = "registered practice"  # the person is registered with the practice the user works in
    # A referral redirected to a partner service: its coordinators see it and answer it (`referral_basis`).
    RECEIVING_SERVICE = "receiving service"
    # Concerns volunteers raise (`concern_basis`, in its own section at the end of this module).
    CONCERN_RAISER = "raised the concern"  # the volunteer who raised it, while the person is still their client
    # A coordinator of a volunteer hub: the concern came through it (`concern_basis`), or the person asked it for a
    # volunteer (`volunteer_hub_basis`); each section is at the end of this module.
    VOLUNTEER_HUB = "volunteer hub"
    CONCERN_ROUTE = "concern route"  # the team leader a hub's concerns are phoned through to
    # MDT meetings (`mdt_item_basis`, in its own section at the end of this module).
    MDT_MEMBER = "MDT member"  # a core member of the MDT the person is discussed at
    MDT_INVITED = "invited to the MDT item"  # invited to the MDT item about the person, and only that item
    WARD_TEAM = "virtual ward team"  # on the team of the virtual ward the person is referred to or staying on
    # An information governance reviewer's check: their role is the basis, not the record. Stored empty, as it
    # always has been; the audit pages word it from the action.
    IG_CHECK = ""


class RelationshipKind(StrEnum):
    NAMED_WORKER = "named_worker"
    CARE_TEAM = "care_team"
    TEAM_CASELOAD = "team_caseload"
    VOLUNTEER = "volunteer"
    PROXY = "proxy"


VOLUNTEER_VIEW = frozenset({Category.NAME, Category.CONTACT, Category.SHARED_WITH_VOLUNTEERS, Category.KEY_CONTACTS})
STAFF_KINDS = frozenset({RelationshipKind.NAMED_WORKER, RelationshipKind.CARE_TEAM, RelationshipKind.TEAM_CASELOAD})
OWN_RECORD_HIDDEN = frozenset({Category.RESTRICTED})
# What is the person's own to write, for them and for a proxy they chose.
OWN_WRITES = frozenset(
    {
        Category.STORY,
        Category.CONSENT,
        Category.SHARED_WITH_VOLUNTEERS,
        Category.KEY_CONTACTS,
        Category.COMMUNICATION,
        Category.OWN_NOTES,
    }
)
# What the person (or their proxy) asks staff to change rather than changing it themselves.
OWN_ASKS = frozenset({Category.CARE})
# The person's own words and choices: staff read them where the rules allow but never write them.
NEVER_WRITTEN_BY_STAFF = frozenset({Category.CONSENT, Category.OWN_NOTES, Category.ACCESS_LOG})
VOLUNTEERS = "volunteers"  # the consent actor meaning every volunteer
PROXIES = "proxies"  # the consent actor meaning the people the person chose to help with their record


@dataclass(frozen=True)
class Provision:
    """One FHIR-style consent provision: permit or deny an actor some data categories for a period."""

    permit: bool
    actor: str  # "organisation:<id>" or "volunteers"
    categories: frozenset[str] = frozenset()  # empty: every category
    start: datetime | None = None
    end: datetime | None = None

    def applies(self, actor: str, category: str | None, at: datetime) -> bool:
        """Does this provision speak to this actor, now, about this category (None: about any category)?"""
        return (
            self.actor == actor
            and (category is None or not self.categories or category in self.categories)
            and (self.start is None or self.start <= at)
            and (self.end is None or at < self.end)
        )


class Acting(StrEnum):
    """How the user acts in care: as staff (a care role), as a volunteer, or neither (administrators, IG)."""

    STAFF = "staff"
    VOLUNTEER = "volunteer"
    NONE = "none"


@dataclass(frozen=True)
class Facts:
    at: datetime
    acting: Acting = Acting.NONE
    is_self: bool = False
    relationship_kinds: frozenset[str] = frozenset()  # the user's active relationships with this person
    organisation_ids: frozenset[int] = frozenset()  # the organisations the user works for, as staff or volunteer
    provisions: tuple[Provision, ...] = field(default_factory=tuple)
    break_glass_active: bool = False
    registered_practice: bool = False  # the person is registered with a GP practice the user gives care in


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: Basis | None = None

    def __bool__(self) -> bool:
        return self.allowed


DENY = Decision(False)
NEVER_FOR_VOLUNTEERS = frozenset(
    {
        Category.CARE,
        Category.OWN_NOTES,
        Category.RESTRICTED,
        Category.ACCESS_LOG,
        Category.IDENTITY,
        Category.COMMUNICATION,
    }
)


def actors_for(facts: Facts) -> list[str]:
    """Who a sharing choice must name to reach this user: their organisations, and for a volunteer also
    "volunteers". A choice about the volunteer's organisation reaches its volunteers (issue 12)."""
    organisations = [f"organisation:{org}" for org in sorted(facts.organisation_ids)]
    if facts.acting == Acting.VOLUNTEER:
        return [VOLUNTEERS, *organisations]
    if facts.acting == Acting.STAFF:
        return organisations
    return []


def _provided(facts: Facts, permit: bool, category: Category) -> bool:
    actors = actors_for(facts)
    # Sharing anything with someone shares whose it is: a permit for any category also permits the name.
    about = None if permit and category == Category.NAME else category
    return any(p.permit == permit and p.applies(a, about, facts.at) for p in facts.provisions for a in actors)


def care_kept_from(facts: Facts) -> bool:
    """Does a "do not share" choice of the person's keep their care from this user (their organisation, or
    volunteers)? For rules over facts of their own (`mdt_item_basis`) that must honour the person's choices."""
    return _provided(facts, False, Category.CARE)


def _as_the_person(action: Action, category: Category, basis: Basis) -> Decision:
    """What the person, or a proxy acting for them, may do with their record."""
    if category in OWN_RECORD_HIDDEN:
        return DENY
    if action == Action.READ:
        return Decision(True, basis)
    if action == Action.WRITE:
        return Decision(True, basis) if category in OWN_WRITES else DENY
    return Decision(True, basis) if category in OWN_ASKS else DENY


def decide(facts: Facts, action: Action, category: Category) -> Decision:
    if facts.is_self:
        return _as_the_person(action, category, Basis.SELF)
    if RelationshipKind.PROXY in facts.relationship_kinds:
        withheld = any(not p.permit and p.applies(PROXIES, category, facts.at) for p in facts.provisions)
        if not withheld:  # for example, an address the person keeps from family who help them
            as_proxy = _as_the_person(action, category, Basis.PROXY)
            if as_proxy:
                return as_proxy
    if facts.acting == Acting.NONE or action == Action.ASK:
        return DENY
    staff = facts.acting == Acting.STAFF
    read = action == Action.READ

    if category == Category.ACCESS_LOG or (category in NEVER_WRITTEN_BY_STAFF and not read):
        return DENY  # only the person or their proxy reads their access log and writes their own words and choices
    if staff and facts.break_glass_active:
        return Decision(True, Basis.BREAK_GLASS) if read else DENY
    if _provided(facts, False, category):
        return DENY

    kinds = facts.relationship_kinds
    if category == Category.RESTRICTED:
        return Decision(True, Basis.RELATIONSHIP) if staff and RelationshipKind.NAMED_WORKER in kinds else DENY

    if staff and kinds & STAFF_KINDS:
        return Decision(True, Basis.RELATIONSHIP)
    if staff and facts.registered_practice:
        return Decision(True, Basis.REGISTERED_PRACTICE) if read else DENY
    if not staff:
        if RelationshipKind.VOLUNTEER not in kinds or not read:
            return DENY
        if category in VOLUNTEER_VIEW:
            return Decision(True, Basis.RELATIONSHIP)
        if category not in NEVER_FOR_VOLUNTEERS and _provided(facts, True, category):
            return Decision(True, Basis.CONSENT)
        return DENY
    if read and _provided(facts, True, category):
        return Decision(True, Basis.CONSENT)
    return DENY


# --- referrals ------------------------------------------------------------------------------------------------------

REFERRAL_DRAFT = "draft"  # not sent: only its writer sees it
SEEN_BY_ACCEPTING_TEAM = frozenset({"accepted", "allocated", "closed"})  # the statuses in which its team sees it
# The statuses in which the partner service a referral was redirected to sees it (handing it back ends that).
SEEN_BY_RECEIVING_SERVICE = frozenset({"redirected", "closed"})


@dataclass(frozen=True)
class ReferralFacts:
    """What the rule needs to know about one referral and the user looking at it."""

    made_it: bool  # the user is its referrer
    status: str  # its status, as `alongside.referrals.lifecycle.Status` stores it
    triage: bool  # the user is the single point of access (`alongside.partners.roles.is_triage`)
    in_its_team: bool  # the team it was sent to is one the user gives care in
    # it was redirected to a partner service (an organisation in Alongside) where the user is a coordinator
    in_receiving_service: bool = False


def referral_basis(facts: ReferralFacts) -> Basis | None:
    """On what basis the user may see this referral, or None: they may not (it answers as missing)."""
    if facts.made_it:
        return Basis.REFERRER
    if facts.status == REFERRAL_DRAFT:
        return None
    if facts.triage:
        return Basis.TRIAGE
    if facts.in_its_team and facts.status in SEEN_BY_ACCEPTING_TEAM:
        return Basis.ACCEPTING_TEAM
    if facts.in_receiving_service and facts.status in SEEN_BY_RECEIVING_SERVICE:
        return Basis.RECEIVING_SERVICE
    return None


# --- Peer support (issue 13, alongside/peer_support): whose names a hub's shared writing is checked against ------
# A coordinator recording a peer support session, or a volunteer sending an idea, writes words that the whole hub
# reads. Before they are saved, the words are checked for the names of people the hub's volunteers visit, so that
# no one is named by mistake (alongside.people.access.names_in_hub_writing). The check answers only which of the
# writer's own words are such a name, never who the person is nor anything else about them, and each person it
# matches is audited as a read of their name.

HUB_WRITING_CHECKED_AGAINST = {"coordinator": "hub", "volunteer": "own"}


def hub_writing_checked_against(hub_roles: frozenset[str]) -> str:
    """Whose clients' names the words of someone with these roles in a volunteer hub are checked against: "hub"
    for a coordinator (every client of the hub's volunteers: they arrange the allocations), "own" for a volunteer
    (their own clients only: a check must not tell them whom a fellow volunteer visits), "none" for anyone else."""
    for role in ("coordinator", "volunteer"):
        if role in hub_roles:
            return HUB_WRITING_CHECKED_AGAINST[role]
    return "none"


# --- concerns from volunteers (issue 13) ---------------------------------------------------------------------------
# A concern a volunteer raises about one of their clients carries the person's name and the volunteer's own words
# about them. Who may see one is decided here, over facts of its own (`alongside.people.access.concern_facts`
# gathers them); seeing a concern never opens the person's record, which keeps its own rules above:
# - staff with an active care relationship to the person (named worker, care team member, their caseload team)
#   see every concern about them: they are who acts on a health worry;
# - the coordinators of the volunteer hub it came through see it: they route it and act on social and home worries,
#   and see nothing clinical through it;
# - the team leader a hub's concerns are phoned through to sees those sent down that route;
# - the volunteer who raised it sees it while the person is still their client (their minimal view of the person,
#   and what became of it); once the allocation has ended it is no longer theirs to follow;
# - nobody else: the concern answers as missing.


@dataclass(frozen=True)
class ConcernFacts:
    """What the rule needs to know about one concern and the user looking at it."""

    raised_it: bool  # the user is the volunteer who raised it
    still_their_client: bool  # the user's volunteer allocation with the person is active
    cares_for_person: bool  # the user is staff with an active named worker, care team or caseload relationship
    coordinates_its_hub: bool  # the user is a coordinator of the concern's volunteer hub
    its_team_leader: bool = False  # it goes by a call to the team leader, and the hub names this user for the call


def concern_basis(facts: ConcernFacts) -> Basis | None:
    """On what basis the user may see this concern, or None: they may not (it answers as missing)."""
    if facts.cares_for_person:
        return Basis.RELATIONSHIP
    if facts.coordinates_its_hub:
        return Basis.VOLUNTEER_HUB
    if facts.its_team_leader:
        return Basis.CONCERN_ROUTE
    if facts.raised_it and facts.still_their_client:
        return Basis.CONCERN_RAISER
    return None


# --- volunteer hubs: finding someone a volunteer (issue 13) ---------------------------------------------------------
#
# A volunteer coordinator does not care for the person and reads none of their record. When someone asks a hub for a
# volunteer for the person (staff, the single point of access, or the person themselves), the hub's coordinators
# see just what matching needs, and only while the hub has something to do for them: the request is waiting, or
# one of the hub's volunteers visits them now (so that the coordinator can end that allocation). Never clinical
# records: this basis reaches no `Category`, only the fields below, read by the volunteers capability itself.

# What a hub's coordinator sees of a person who asked it for a volunteer.
VOLUNTEER_HUB_VIEW = frozenset({"name", "gp_practice", "postcode_district", "what_was_asked"})


@dataclass(frozen=True)
class HubFacts:
    """What the rule needs to know about one person and a coordinator."""

    coordinates_hub: bool  # the user is a coordinator of the hub in question
    waiting_request: bool  # the person has a request waiting with that hub
    allocated_from_hub: bool  # a volunteer of that hub visits the person now


def volunteer_hub_basis(facts: HubFacts) -> Basis | None:
    """On what basis a coordinator may see VOLUNTEER_HUB_VIEW of the person and allocate or end a volunteer for
    them, or None: they may not (it answers as missing)."""
    if facts.coordinates_hub and (facts.waiting_request or facts.allocated_from_hub):
        return Basis.VOLUNTEER_HUB
    return None


# --- MDT meetings (issue 16, alongside/mdt) --------------------------------------------------------------------------
#
# An MDT meeting discusses people one item at a time. Each item has its own audience (Living Well: a volunteer at an
# MDT hears only about their own client):
# - the MDT's core members (the GP chair, district nurse, social worker, community matron, mental health worker,
#   coordinator: staff, members while their membership lasts) see every item, its notes and its actions;
# - someone invited for one item (a volunteer for their own client, a specialist for one person) sees that item and
#   nothing else of the meeting: when to join, whom it is about, and its minutes. A volunteer is invited only with
#   the person's agreement, and sees the item only while the person is still their client;
# - a sharing choice of the person's that keeps their care from the user's organisation (or from volunteers) keeps
#   the item from them too;
# - nobody else: the item answers as missing.
# Seeing an item never opens the person's record, which keeps its own rules above.


@dataclass(frozen=True)
class MdtFacts:
    """What the rule needs to know about one MDT item and the user looking at it."""

    acting: Acting
    core_member: bool  # the user is an active core member of the item's MDT
    invited: bool  # the user was invited to this item, and the invitation stands
    still_their_client: bool = False  # for a volunteer: their volunteer allocation with the person is active
    care_kept_from_user: bool = False  # a "do not share" of the person's care reaches the user


def mdt_item_basis(facts: MdtFacts) -> Basis | None:
    """On what basis the user may see this MDT item (and act on it as a member), or None: it answers as missing."""
    if facts.acting == Acting.NONE or facts.care_kept_from_user:
        return None
    if facts.acting == Acting.STAFF and facts.core_member:
        return Basis.MDT_MEMBER
    if facts.invited and (facts.acting == Acting.STAFF or facts.still_their_client):
        return Basis.MDT_INVITED
    return None


# --- The virtual ward (issue 17, alongside/virtual_ward): who sees a referral to the ward and its episode ---------
# The ward's team decides on a referral before the person is theirs, so it sees the referral from when it is made:
# - staff on the ward's team see its referrals and episodes while they are current (waiting for a decision, or the
#   episode not ended, or ended in the last few days for the handover);
# - the member of staff who referred the person sees the referral and what became of it;
# - a "do not share" choice of the person's that keeps their care from the user's organisation keeps these too.
# While the person is on the ward, the team has them on its caseload, so the person's record opens to the team by
# the usual rules above; the person and their proxy read their own episode as part of their record.


@dataclass(frozen=True)
class WardFacts:
    """What the rule needs to know about one virtual ward referral (with its episode) and the user looking at it."""

    acting: Acting
    on_ward_team: bool  # the user gives care in the ward's team
    made_it: bool  # the user referred the person
    current: bool  # waiting for a decision, or the episode has not ended (or ended a few days ago)
    care_kept_from_user: bool = False


def ward_basis(facts: WardFacts) -> Basis | None:
    """On what basis the user may see this referral and its episode, or None: it answers as missing."""
    if facts.acting != Acting.STAFF or facts.care_kept_from_user:
        return None
    if facts.on_ward_team and facts.current:
        return Basis.WARD_TEAM
    if facts.made_it:
        return Basis.REFERRER
    return None
