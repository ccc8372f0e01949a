"""The virtual ward: rows of the authorisation matrix for referral, decision, admission to a bed, the 72 hours and
the end of an episode (see authorisation.py), as the care model says they SHOULD be."""

USERS: dict = {}
ENDPOINTS: dict = {}
ROWS: list = []
