"""Pages of a long list on the continuity dashboard and the booking week: which page was asked for, and the links
to the others, keeping the rest of the address (period, team, practice, week). Plain functions; nothing here reads
the database."""

from urllib.parse import urlencode


def page_number(text: str | None) -> int:
    """The page asked for: a whole number from 1, else the first page (bad input never fails)."""
    try:
        number = int(text or 1)
    except ValueError:
        return 1
    return min(max(number, 1), 10_000)


NEEDING = "Pages of people who most need a familiar face"


def pagination(query, page: int, count: int, per_page: int, anchor: str, label: str = NEEDING) -> dict | None:
    """The NHS.UK pagination component's arguments for `page` of `count` rows, or None when one page holds them."""
    last = max(1, -(-count // per_page))
    if last == 1:
        return None
    kept = {key: query.get(key) for key in query if key != "page"}

    def href(number: int) -> str:
        return "?" + urlencode({**kept, "page": number}) + f"#{anchor}"

    found: dict = {"ariaLabel": label}
    if page > 1:
        found["previous"] = {"href": href(min(page, last) - 1), "labelText": f"Page {min(page, last) - 1} of {last}"}
    if page < last:
        found["next"] = {"href": href(page + 1), "labelText": f"Page {page + 1} of {last}"}
    return found


def clamp(page: int, count: int, per_page: int) -> int:
    """The page to show: the last one, when one beyond it is asked for."""
    return min(page, max(1, -(-count // per_page)))
