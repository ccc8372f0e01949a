"""The standards part's rows of the authorisation matrix (see tests/authorisation/machinery.py).

The open data (/api/hsds/) needs no account and no key (Open Referral UK's compliance rules): everyone, signed
in or not, in any role or none, is answered the same.
"""

from alongside.partners.models import Role

USERS: dict = {}
ENDPOINTS: dict = {
    "hsds root": {"url": "hsds_root", "answer": "status"},
    "hsds services": {"url": "hsds_services", "answer": "status"},
    "hsds services at locations": {"url": "hsds_service_at_locations", "answer": "status"},
    "hsds taxonomies": {"url": "hsds_taxonomies", "answer": "status"},
    "hsds taxonomy terms": {"url": "hsds_taxonomy_terms", "answer": "status"},
}
EVERYONE = ["signed out", "person", *(role.value for role in Role)]
ROWS: list = [("team", "own team", kind, dict.fromkeys(ENDPOINTS, 200)) for kind in EVERYONE]
