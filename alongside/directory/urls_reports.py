"""The reports part's pages, under /directory/: the coordinators' reports on community referrals, and the same
figures as a CSV file."""

from django.urls import path

from . import reports_views

urlpatterns: list = [
    path("reports/", reports_views.page, name="reports"),
    path("reports/download.csv", reports_views.download, name="reports_download"),
]
