"""The standards part's rows of the authorisation matrix (see tests/authorisation/machinery.py)."""

USERS: dict = {}
ENDPOINTS: dict = {}
ROWS: list = []
