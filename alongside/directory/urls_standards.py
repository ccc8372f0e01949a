"""The standards part's pages, under /directory/."""

from django.urls import path

from . import standards_views

urlpatterns: list = [
    path("feed/", standards_views.feed, name="feed"),
]
