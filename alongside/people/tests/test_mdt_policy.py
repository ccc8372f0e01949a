"""Who may see an MDT item: the policy's rule against the care model's words, over generated cases.

Living Well: a volunteer at an MDT hears only about their own client. The core members (staff) discuss every
item; someone invited for one item sees that item; the person's own "do not share" choice holds throughout."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.people.policy import Acting, Basis, MdtFacts, mdt_item_basis

facts = st.builds(
    MdtFacts,
    acting=st.sampled_from(list(Acting)),
    core_member=st.booleans(),
    invited=st.booleans(),
    still_their_client=st.booleans(),
    care_kept_from_user=st.booleans(),
)


@given(facts)
def test_a_volunteer_sees_an_item_only_when_invited_for_their_own_client(f):
    if f.acting == Acting.VOLUNTEER:
        assert (mdt_item_basis(f) is not None) == (f.invited and f.still_their_client and not f.care_kept_from_user)


@given(facts)
def test_being_a_core_member_never_lets_a_volunteer_see_every_item(f):
    if f.acting == Acting.VOLUNTEER and not f.invited:
        assert mdt_item_basis(f) is None


@given(facts)
def test_staff_see_an_item_as_core_members_or_as_invited(f):
    if f.acting == Acting.STAFF and not f.care_kept_from_user:
        expected = Basis.MDT_MEMBER if f.core_member else Basis.MDT_INVITED if f.invited else None
        assert mdt_item_basis(f) == expected


@given(facts)
def test_the_persons_choice_not_to_share_their_care_is_kept(f):
    if f.care_kept_from_user:
        assert mdt_item_basis(f) is None


@given(facts)
def test_administrators_and_reviewers_see_no_item(f):
    if f.acting == Acting.NONE:
        assert mdt_item_basis(f) is None
