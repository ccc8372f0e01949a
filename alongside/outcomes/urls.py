from django.urls import path  # noqa: F401

app_name = "outcomes"
urlpatterns: list = [
    # the person's questionnaires and trends (pages)
    # the team's outcomes (team)
]

# the team's outcomes (team_views.py)
from . import team_views  # noqa: E402

urlpatterns += [path("team/", team_views.team, name="team")]
