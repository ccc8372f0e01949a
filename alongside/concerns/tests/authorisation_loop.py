"""Concerns: rows of the authorisation matrix for this part (see authorisation.py)."""

USERS: dict = {}
ENDPOINTS: dict = {}
ROWS: list = []
