"""The virtual ward: rows of the authorisation matrix for reviews with observations and their NEWS2, the escalation
prompt and the trend chart (see authorisation.py), as the care model says they SHOULD be."""

USERS: dict = {}
ENDPOINTS: dict = {}
ROWS: list = []
