"""A contact's words on the timeline: its kind, its length, who had it, and the note, whatever was typed."""

from hypothesis import given
from hypothesis import strategies as st

from alongside.continuity.contact_words import KIND_WORDS, timeline_text


@given(
    kind=st.sampled_from(sorted(KIND_WORDS)),
    minutes=st.integers(1, 720),
    note=st.text(max_size=500),
    with_whom=st.sampled_from(["", "Bea Ward"]),
)
def test_the_words_say_what_kind_how_long_who_and_the_note_in_one_line(kind, minutes, note, with_whom):
    text = timeline_text(kind, minutes, note, with_whom)
    assert text.startswith(f"{KIND_WORDS[kind]}, {minutes} minute")
    assert ("minutes" in text) == (minutes != 1) or "minutes" in note
    assert (f", with {with_whom}." in text or f", with {with_whom}. " in text) if with_whom else True
    assert " ".join(note.split()) in text
    assert "\n" not in text and "  " not in text.replace(" ".join(note.split()), "")


def test_an_empty_note_ends_the_sentence():
    assert timeline_text("phone", 1, "  ") == "Phone call, 1 minute."
