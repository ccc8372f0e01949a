"""The virtual ward: rows of the authorisation matrix for the ward's honest figures, their CSV export, and the demo
borough's ward (see authorisation.py), as the care model says they SHOULD be."""

USERS: dict = {}
ENDPOINTS: dict = {}
ROWS: list = []
