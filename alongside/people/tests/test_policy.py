"""The access rules against a small, independently written reference, over thousands of generated cases."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.people.policy import (
    Acting,
    Action,
    Basis,
    Category,
    Facts,
    Provision,
    RelationshipKind,
    decide,
)

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
ORGS = [1, 2, 3]


THEIRS_TO_WRITE = {"story", "consent", "shared_with_volunteers", "key_contacts", "communication", "own_notes"}


def reference(f: Facts, action: Action, category: Category) -> tuple[bool, str | None]:
    """The rules as a person would check them by hand, one question at a time."""

    def as_the_person(basis):
        if category == "restricted":
            return False, None
        if action == "read" or (action == "write" and category in THEIRS_TO_WRITE):
            return True, basis
        if action == "ask" and category == "care":
            return True, basis
        return False, None

    if f.is_self:
        return as_the_person("self")
    if "proxy" in f.relationship_kinds:
        kept_from_proxies = any(
            not p.permit
            and p.actor == "proxies"
            and (p.start is None or p.start <= f.at)
            and (p.end is None or f.at < p.end)
            and (not p.categories or category in p.categories)
            for p in f.provisions
        )
        if not kept_from_proxies and as_the_person("proxy")[0]:
            return as_the_person("proxy")
    if action == "ask":
        return False, None
    if f.acting == "none":
        return False, None
    organisations = {f"organisation:{o}" for o in f.organisation_ids}
    me = {"volunteers"} | organisations if f.acting == "volunteer" else organisations

    def says(permit):
        for p in f.provisions:
            live = (p.start is None or p.start <= f.at) and (p.end is None or f.at < p.end)
            covers = not p.categories or category in p.categories or (permit and category == "name")
            if p.permit == permit and live and p.actor in me and covers:
                return True
        return False

    if category == "access_log":
        return False, None
    if category in {"consent", "own_notes"} and action == "write":
        return False, None
    if f.acting == "staff" and f.break_glass_active:
        return (True, "break_glass") if action == "read" else (False, None)
    if says(False):
        return False, None
    if category == "restricted":
        ok = f.acting == "staff" and "named_worker" in f.relationship_kinds
        return (True, "relationship") if ok else (False, None)
    if f.acting == "staff":
        if {"named_worker", "care_team", "team_caseload"} & set(f.relationship_kinds):
            return True, "relationship"
        if f.registered_practice:  # their GP practice: read, as the NHS legitimate relationship; never write
            return (True, "registered practice") if action == "read" else (False, None)
        if action == "read" and says(True):
            return True, "consent"
        return False, None
    # a volunteer
    if "volunteer" not in f.relationship_kinds or action != "read":
        return False, None
    if category in {"name", "contact", "shared_with_volunteers", "key_contacts"}:
        return True, "relationship"
    if category in {"story", "consent"} and says(True):
        return True, "consent"
    return False, None


times = st.sampled_from([None, NOW - timedelta(days=30), NOW - timedelta(seconds=1), NOW, NOW + timedelta(days=1)])
provisions = st.builds(
    Provision,
    permit=st.booleans(),
    actor=st.sampled_from(["volunteers", "proxies", *[f"organisation:{o}" for o in ORGS]]),
    categories=st.frozensets(st.sampled_from([c.value for c in Category]), max_size=3),
    start=times,
    end=times,
)
facts = st.builds(
    Facts,
    at=st.just(NOW),
    acting=st.sampled_from(list(Acting)),
    is_self=st.booleans() | st.just(False),
    relationship_kinds=st.frozensets(st.sampled_from([k.value for k in RelationshipKind]), max_size=3),
    organisation_ids=st.frozensets(st.sampled_from(ORGS), max_size=2),
    provisions=st.lists(provisions, max_size=4).map(tuple),
    break_glass_active=st.booleans(),
    registered_practice=st.booleans(),
)


@settings(max_examples=4000, deadline=None)
@given(facts, st.sampled_from(list(Action)), st.sampled_from(list(Category)))
def test_decisions_agree_with_the_reference(f, action, category):
    decision = decide(f, action, category)
    allowed, basis = reference(f, action, category)
    assert decision.allowed == allowed
    assert (decision.basis.value if decision.basis else None) == (basis if allowed else None)


def test_a_volunteer_never_sees_care_detail_whatever_is_recorded():
    f = Facts(
        at=NOW,
        acting=Acting.VOLUNTEER,
        relationship_kinds=frozenset({"volunteer"}),
        provisions=(Provision(True, "volunteers"),),
    )
    assert not decide(f, Action.READ, Category.CARE)
    assert decide(f, Action.READ, Category.STORY).basis == Basis.CONSENT
    assert decide(f, Action.READ, Category.CONTACT).basis == Basis.RELATIONSHIP


def test_withdrawing_consent_takes_away_what_a_relationship_gave():
    f = Facts(at=NOW, acting=Acting.STAFF, relationship_kinds=frozenset({"care_team"}), organisation_ids=frozenset({1}))
    assert decide(f, Action.READ, Category.STORY)
    withdrawn = Facts(**{**f.__dict__, "provisions": (Provision(False, "organisation:1", frozenset({"story"})),)})
    assert not decide(withdrawn, Action.READ, Category.STORY)
    assert decide(withdrawn, Action.READ, Category.CARE)


def test_break_glass_reads_but_never_writes():
    f = Facts(at=NOW, acting=Acting.STAFF, break_glass_active=True, organisation_ids=frozenset({1}))
    assert decide(f, Action.READ, Category.RESTRICTED).basis == Basis.BREAK_GLASS
    assert not decide(f, Action.WRITE, Category.CARE)


def test_a_proxy_does_not_see_what_the_person_keeps_from_proxies():
    kept = Provision(False, "proxies", frozenset({"contact"}))
    f = Facts(at=NOW, relationship_kinds=frozenset({"proxy"}), provisions=(kept,))
    assert not decide(f, Action.READ, Category.CONTACT)
    assert decide(f, Action.READ, Category.STORY).basis == Basis.PROXY
    assert decide(Facts(at=NOW, is_self=True, provisions=(kept,)), Action.READ, Category.CONTACT)


def test_the_person_writes_only_what_is_theirs_and_asks_about_the_rest():
    me = Facts(at=NOW, is_self=True)
    for category in ["story", "consent", "shared_with_volunteers", "key_contacts", "communication", "own_notes"]:
        assert decide(me, Action.WRITE, Category(category)).basis == Basis.SELF
    for category in ["name", "identity", "contact", "care", "access_log", "restricted"]:
        assert not decide(me, Action.WRITE, Category(category)), category
    assert decide(me, Action.ASK, Category.CARE).basis == Basis.SELF
    assert decide(me, Action.READ, Category.CARE).basis == Basis.SELF


def test_a_member_of_staff_does_not_act_as_staff_on_their_own_record():
    nurse_and_patient = Facts(
        at=NOW,
        acting=Acting.STAFF,
        is_self=True,
        relationship_kinds=frozenset({"named_worker"}),
        organisation_ids=frozenset({1}),
    )
    assert not decide(nurse_and_patient, Action.WRITE, Category.CARE)
    assert not decide(nurse_and_patient, Action.READ, Category.RESTRICTED)


def test_a_proxy_who_is_also_on_the_care_team_still_writes_care_as_staff():
    daughter_and_nurse = Facts(
        at=NOW,
        acting=Acting.STAFF,
        relationship_kinds=frozenset({"proxy", "care_team"}),
        organisation_ids=frozenset({1}),
    )
    assert decide(daughter_and_nurse, Action.WRITE, Category.CARE).basis == Basis.RELATIONSHIP
    assert decide(daughter_and_nurse, Action.WRITE, Category.STORY).basis == Basis.PROXY
    family_only = Facts(at=NOW, relationship_kinds=frozenset({"proxy"}))
    assert not decide(family_only, Action.WRITE, Category.CARE)
    assert not decide(family_only, Action.WRITE, Category.IDENTITY)


def test_staff_never_write_the_persons_own_words_or_ask_on_their_behalf():
    named_worker = Facts(
        at=NOW, acting=Acting.STAFF, relationship_kinds=frozenset({"named_worker"}), organisation_ids=frozenset({1})
    )
    assert decide(named_worker, Action.READ, Category.OWN_NOTES)
    assert not decide(named_worker, Action.WRITE, Category.OWN_NOTES)
    assert not decide(named_worker, Action.WRITE, Category.CONSENT)
    assert not decide(named_worker, Action.ASK, Category.CARE)
    assert decide(named_worker, Action.WRITE, Category.COMMUNICATION)


def test_a_choice_about_a_volunteer_s_organisation_applies_to_the_volunteer():
    now = datetime(2026, 6, 1, tzinfo=UTC)
    volunteer = Facts(
        at=now, acting=Acting.VOLUNTEER, relationship_kinds=frozenset({"volunteer"}), organisation_ids=frozenset({7})
    )
    assert decide(volunteer, Action.READ, Category.CONTACT)
    withheld = Provision(False, "organisation:7", frozenset({Category.CONTACT}), now - timedelta(days=1))
    assert not decide(replace(volunteer, provisions=(withheld,)), Action.READ, Category.CONTACT)
    elsewhere = Provision(False, "organisation:8", frozenset({Category.CONTACT}), now - timedelta(days=1))
    assert decide(replace(volunteer, provisions=(elsewhere,)), Action.READ, Category.CONTACT)


def test_the_practice_a_person_is_registered_with_reads_their_record_but_writes_nothing_through_it():
    their_gp = Facts(at=NOW, acting=Acting.STAFF, organisation_ids=frozenset({1}), registered_practice=True)
    assert decide(their_gp, Action.READ, Category.CARE).basis == Basis.REGISTERED_PRACTICE
    assert decide(their_gp, Action.READ, Category.IDENTITY)
    assert not decide(their_gp, Action.READ, Category.RESTRICTED)  # the named worker's alone
    assert not decide(their_gp, Action.READ, Category.ACCESS_LOG)
    assert not any(decide(their_gp, Action.WRITE, c) for c in Category)
    refused = Facts(
        at=NOW,
        acting=Acting.STAFF,
        organisation_ids=frozenset({1}),
        registered_practice=True,
        provisions=(Provision(permit=False, actor="organisation:1"),),
    )
    assert not decide(refused, Action.READ, Category.NAME)  # the person's choice not to share with the practice
    volunteer = Facts(at=NOW, acting=Acting.VOLUNTEER, registered_practice=True)
    assert not decide(volunteer, Action.READ, Category.NAME)
