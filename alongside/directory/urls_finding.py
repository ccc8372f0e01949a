"""The finding part's pages, under /directory/: the search, open to anyone, and a service as a searcher sees it."""

from django.urls import path

from . import views_finding

urlpatterns: list = [
    path("find/", views_finding.find, name="find"),
    path("find/<uuid:service_id>/", views_finding.service, name="find_service"),
]
