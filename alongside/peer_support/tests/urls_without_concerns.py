"""A URL configuration with peer support and no concerns: its pages must still work."""

from django.urls import include, path

urlpatterns = [path("peer-support/", include("alongside.peer_support.urls"))]
