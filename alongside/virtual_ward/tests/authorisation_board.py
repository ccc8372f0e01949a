"""The virtual ward: rows of the authorisation matrix for the capacity board and a day's visits across the ward team
(see authorisation.py), as the care model says they SHOULD be."""

USERS: dict = {}
ENDPOINTS: dict = {}
ROWS: list = []
