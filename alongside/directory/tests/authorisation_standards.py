"""The standards part's rows of the authorisation matrix (see tests/authorisation/machinery.py).

The open data (/api/hsds/) needs no account and no key (Open Referral UK's compliance rules): everyone, signed
in or not, in any role or none, is answered the same. The page to set the feed and import from it is for
administrators only.
"""

from alongside.partners.models import Role

USERS: dict = {}
ENDPOINTS: dict = {
    "hsds root": {"url": "hsds_root", "answer": "status"},
    "hsds services": {"url": "hsds_services", "answer": "status"},
    "hsds services at locations": {"url": "hsds_service_at_locations", "answer": "status"},
    "hsds taxonomies": {"url": "hsds_taxonomies", "answer": "status"},
    "hsds taxonomy terms": {"url": "hsds_taxonomy_terms", "answer": "status"},
    "directory feed": {"url": "directory:feed", "answer": "status"},
}
EVERYONE = ["signed out", "person", *(role.value for role in Role)]
OPEN_DATA = [name for name in ENDPOINTS if name.startswith("hsds")]
SIGN_IN = "sign in"


def _feed_page(kind: str):
    return 200 if kind == Role.ADMIN.value else SIGN_IN if kind == "signed out" else 403


ROWS: list = [
    ("team", "own team", kind, dict.fromkeys(OPEN_DATA, 200) | {"directory feed": _feed_page(kind)})
    for kind in EVERYONE
]
