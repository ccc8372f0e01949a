"""What a recorded contact says on the person's timeline, so that the timeline and the contact list are one
history: the same contact, at the same time, in words."""

KIND_WORDS = {"home_visit": "Home visit", "clinic": "Clinic appointment", "phone": "Phone call", "video": "Video call"}


def timeline_text(kind: str, minutes: int, note: str, with_whom: str = "") -> str:
    """ "Home visit, 30 minutes, with Bea Ward. Ada was in good spirits." `with_whom` names the worker who had the
    contact when it was not the person recording it."""
    said = f"{KIND_WORDS.get(kind, 'Contact')}, {minutes} minute{'' if minutes == 1 else 's'}"
    if with_whom:
        said += f", with {with_whom}"
    note = " ".join(note.split())
    return f"{said}. {note}" if note else f"{said}."
