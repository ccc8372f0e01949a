"""Asking for a volunteer, matching and allocating: their pages."""

urlpatterns: list = []
