"""Who may see a referral: the policy's rule against a reference written independently, over generated cases."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.people.policy import Basis, ReferralFacts, referral_basis

STATUSES = ["draft", "received", "triaged", "accepted", "redirected", "declined", "allocated", "closed"]


def reference(f: ReferralFacts) -> str | None:
    """The rule as a person would check it by hand."""
    if f.made_it:
        return "referrer"  # drafts included
    if f.status == "draft":
        return None
    if f.triage:
        return "single point of access"
    if f.in_its_team and f.status in ("accepted", "allocated", "closed"):
        return "accepting team"
    if f.in_receiving_service and f.status in ("redirected", "closed"):  # passed to their service, until handed back
        return "receiving service"
    return None


facts = st.builds(
    ReferralFacts,
    made_it=st.booleans(),
    status=st.sampled_from(STATUSES),
    triage=st.booleans(),
    in_its_team=st.booleans(),
    in_receiving_service=st.booleans(),
)


@given(facts)
def test_the_rule_agrees_with_the_reference(f):
    basis = referral_basis(f)
    assert (basis.value if basis is not None else None) == reference(f)
    assert basis is None or isinstance(basis, Basis)


def test_the_bases_are_stored_as_they_always_were():
    assert [Basis.TRIAGE, Basis.REFERRER, Basis.ACCEPTING_TEAM] == [
        "single point of access",
        "referrer",
        "accepting team",
    ]
