"""What the virtual ward's settings part adds to the platform: the ward's settings (its practices, population,
baseline, target, beds and hours), shown to its team and changed by its team leader; the pages the authorisation
matrix must cover. The figures page and the board link to them."""

from alongside.core.registry import AuthorisationCoverage, Contributions

PART = Contributions(
    authorisation=AuthorisationCoverage(
        endpoints=("virtual_ward:settings", "virtual_ward:settings_change"),
        states=("own ward", "other ward"),
    ),
)
