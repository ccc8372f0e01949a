"""Whose words a part of the plan is in, said plainly: to the person as "you", to anyone else by name."""

from .answers import PERSON, PROXY, STAFF


def whose(words: str, *, own: bool, name: str, writer: str = "") -> str:
    if words == PERSON:
        return "In your own words" if own else f"In {name}'s own words"
    if words == PROXY:
        return "Written by someone you chose to help you" if own else f"Written by {name}'s proxy"
    if words == STAFF:
        return f"Written by staff{f' ({writer})' if writer else ''}"
    return ""


def written_as(words: str, *, own: bool, name: str) -> str:
    return {
        PERSON: "you" if own else name,
        PROXY: "your proxy" if own else f"{name}'s proxy",
        STAFF: "staff",
    }.get(words, "")
