"""Raising and routing concerns: their pages."""

urlpatterns: list = []
