"""The pages for writers (views_writing.py)."""

from django.urls import path

from . import views_writing

urlpatterns = [
    path("check/", views_writing.check, name="check"),
    path("team/", views_writing.team_counts, name="team_counts"),
]
