"""How far each story may go, by the level its teller agreed: team learning only, the partnership, or public.
Each level includes the ones before it. Pure."""

ORDER = ("team", "partnership", "public")

# What the teller is told each level means, in plain words.
MEANINGS = {
    "team": "Only the team can read it, to learn from it.",
    "partnership": "The team, and team leaders in other services in the partnership, can read it and share it at "
    "learning events.",
    "public": "As well as the partnership, anyone may read it, for example on a web page of stories.",
}


def reaches(level: str, wanted: str) -> bool:
    """A story told at `level` may be shared at `wanted`."""
    return ORDER.index(level) >= ORDER.index(wanted)


def may_share_in(level: str, audience: str, same_team: bool) -> bool:
    """A story may be shared in a session for its own team ("team"), or for leaders across the partnership
    ("partnership") when its teller agreed to the partnership or wider."""
    if audience == "team":
        return same_team
    return reaches(level, "partnership")


def ready_to_share(deidentified: str, theme_count: int, withdrawn: bool) -> bool:
    """Only a story with a de-identified version and at least one theme is shared, and never a withdrawn one."""
    return bool(deidentified.strip()) and theme_count > 0 and not withdrawn
