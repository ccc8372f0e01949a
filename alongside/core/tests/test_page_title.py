"""A page's title is kept to its h1: the declared title when it starts with the h1, else the h1's own words."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.core.page_title import heading_words, page_title

H1 = '<h1 class="nhsuk-heading-l"><span class="nhsuk-caption-l">Ada Okafor</span>Add an entry to the timeline</h1>'


def test_the_caption_and_hidden_words_are_not_the_heading():
    hidden = '<h1>Refer <span class="nhsuk-u-visually-hidden">this person,</span> Ada</h1>'
    assert heading_words("<main>" + H1 + "</main>") == "Add an entry to the timeline"
    assert heading_words(hidden) == "Refer Ada"


def test_a_declared_title_that_starts_with_the_heading_stands_and_any_other_gives_way():
    assert page_title(H1, "Add an entry to the timeline: Ada Okafor") == "Add an entry to the timeline: Ada Okafor"
    assert page_title(H1, "Add an entry: Ada Okafor") == "Add an entry to the timeline"
    assert page_title("<p>no heading</p>", "Accessibility") == "Accessibility"
    assert page_title("<h1>Tom &amp; Jerry&#x27;s</h1>", "") == "Tom & Jerry's"


@given(st.text(alphabet=st.characters(blacklist_characters="<>&"), min_size=1), st.text(max_size=40))
def test_the_title_always_starts_with_the_heading_s_words(words, declared):
    heading = " ".join(words.split())
    title = page_title(f"<h1>{words}</h1>", declared)
    assert title.startswith(heading)
