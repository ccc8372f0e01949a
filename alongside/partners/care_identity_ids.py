"""An NHS Care Identity user ID as an administrator types it: the ID token's `sub`, kept exactly as the provider sends
it. Pure: no Django, so that it is checked by mypy and by property tests."""

import re

# Letters, numbers and the few marks provider ids use (CIS2's are digits; others use UUIDs or "name@realm").
USER_ID = re.compile(r"[A-Za-z0-9._:@|-]{1,150}")


def user_id_from(typed: str) -> str | None:
    """The user ID, with any spaces taken out (a number copied as "5550 1234 5678"); None if it cannot be one."""
    user_id = "".join(typed.split())
    return user_id if USER_ID.fullmatch(user_id) else None
