"""What the virtual ward's figures part adds to the platform: the ward's honest figures and their CSV export (the
pages the authorisation matrix must cover). The board links to the figures."""

from alongside.core.registry import AuthorisationCoverage, Contributions

PART = Contributions(
    authorisation=AuthorisationCoverage(endpoints=("virtual_ward:figures", "virtual_ward:figures_csv")),
)
