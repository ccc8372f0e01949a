"""Asking for a volunteer, matching and allocating: their pages."""

from django.urls import path

from . import requests_views

urlpatterns: list = [
    path("ask/<int:pk>/", requests_views.ask, name="ask"),
    path("requests/", requests_views.requests, name="requests"),
    path("requests/<int:request_id>/", requests_views.match, name="match"),
    path("requests/<int:request_id>/allocate/<int:volunteer_id>/", requests_views.allocate, name="allocate"),
    path("allocations/<int:relationship_id>/end/", requests_views.end_allocation, name="end_allocation"),
]
