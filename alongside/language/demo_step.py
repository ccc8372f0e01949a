"""The language app's step of building the demo borough: six months of each care team's counts of suggestions
shown and taken, so that a team leader's "Words we use" page has something to show. Counts only, as in the service.

The step takes part through the registry (`DemoStep`) and duck-typing: it is given the demo's `Building` but, sitting
below the demo in the layers, never imports it.
"""

import random
from datetime import date

from alongside.partners.models import Team

from .models import SuggestionCount

MONTHS = 6
CARE_TEAMS = (Team.Kind.NEIGHBOURHOOD, Team.Kind.PRACTICE, Team.Kind.SPA, Team.Kind.VIRTUAL_WARD)


def months_back(today: date, how_many: int) -> list[date]:
    """The first days of this month and the `how_many - 1` before it, newest first."""
    year, month, found = today.year, today.month, []
    for _ in range(how_many):
        found.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found


class LanguageStep:
    def __init__(self, building):
        self.building = building

    def person(self, index, row, care) -> None:
        return None

    def finish(self) -> None:
        b = self.building
        rng = random.Random(f"{b.seed}-language")  # noqa: S311 (synthetic data)
        teams = Team.objects.filter(pk__in=b.ids.teams.values(), kind__in=CARE_TEAMS).order_by("pk")
        rows = []
        for team_id in teams.values_list("pk", flat=True):
            for n, month in enumerate(reversed(months_back(b.today, MONTHS))):
                shown = rng.randrange(12, 60)
                # writers take up more of the suggestions as the months go by
                taken = min(shown, round(shown * (0.25 + 0.06 * n + rng.uniform(-0.05, 0.05))))
                rows.append(SuggestionCount(team_id=team_id, month=month, shown=shown, taken=taken))
        SuggestionCount.objects.bulk_create(rows)
