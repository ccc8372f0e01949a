"""The checks every definition reader shares: each names the file and the place, and a kind may set its own limit
and words for text that is too long."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.core.definition_reading import DefinitionError, Reader


class Short(Reader):
    longest = 5
    too_long = "{where} is longer than {longest} characters"


@pytest.mark.parametrize(
    ("check", "value", "said"),
    [
        ("obj", [], "x.json: the file must be an object"),
        ("text", "  ", "x.json: the file must be some text"),
        ("text", 3, "x.json: the file must be some text"),
        ("number", float("nan"), "x.json: the file must be a number"),
        ("number", True, "x.json: the file must be a number"),
        ("whole", 1.5, "x.json: the file must be a whole number"),
        ("whole", False, "x.json: the file must be a whole number"),
        ("flag", 1, "x.json: the file must be true or false"),
        ("strings", "a", "x.json: the file must be a list"),
    ],
)
def test_each_check_names_the_file_and_the_place(check, value, said):
    with pytest.raises(DefinitionError) as refused:
        getattr(Reader("x.json"), check)(value, "the file")
    assert str(refused.value) == said


def test_text_is_kept_without_its_spaces_unless_the_kind_keeps_it_as_written():
    assert Reader("x.json").text(" Hello ", "a") == "Hello"

    class AsWritten(Reader):
        strips = False

    assert AsWritten("x.json").text(" Hello ", "a") == " Hello "


def test_a_kind_sets_how_long_text_may_be_and_says_so_in_its_own_words():
    assert Short("x.json").text("five!", '"title"') == "five!"
    with pytest.raises(DefinitionError, match='^x.json: "title" is longer than 5 characters$'):
        Short("x.json").text("six!!!", '"title"')

    class Plain(Reader):
        longest = 5

    with pytest.raises(DefinitionError, match='^x.json: "title" must be 5 characters or fewer$'):
        Plain("x.json").text("six!!!", '"title"')


@given(st.lists(st.text(min_size=1, max_size=3), max_size=6))
def test_a_key_may_be_used_once_in_a_file(keys):
    reader = Reader("x.json")
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            with pytest.raises(DefinitionError, match="used twice"):
                reader.first_use(key, "used twice")
        else:
            assert reader.first_use(key, "used twice") == key
        seen.add(key)
