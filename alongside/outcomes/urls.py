from django.urls import path  # noqa: F401

app_name = "outcomes"
urlpatterns: list = [
    # the person's questionnaires and trends (pages)
    # the team's outcomes (team)
]
