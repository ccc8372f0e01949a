"""A user ID typed by an administrator: spaces never matter, and only what a provider could send is kept."""

from itertools import cycle

from hypothesis import given
from hypothesis import strategies as st

from alongside.partners.care_identity_ids import USER_ID, user_id_from

ALLOWED = st.text(alphabet="abcXYZ0123456789._:@|-", min_size=1, max_size=150)
SPACES = st.text(alphabet=" \t\n\u00a0", max_size=3)


@given(ALLOWED, st.lists(SPACES, min_size=1, max_size=4))
def test_spaces_anywhere_are_taken_out_and_nothing_else_changes(user_id, spaces):
    typed = "".join(space + char for space, char in zip(cycle(spaces), user_id, strict=False)) + spaces[0]
    assert user_id_from(typed) == user_id


@given(st.text(max_size=200))
def test_what_is_kept_is_always_a_plain_user_id_without_spaces(typed):
    kept = user_id_from(typed)
    if kept is not None:
        assert USER_ID.fullmatch(kept) and not any(char.isspace() for char in kept)
        assert kept == "".join(typed.split())


def test_a_cis2_number_copied_with_spaces():
    assert user_id_from(" 5550 1234 5678 ") == "555012345678"
    assert user_id_from("") is None
    assert user_id_from("555<script>") is None
    assert user_id_from("x" * 151) is None
