"""Profiles, checks, training and the agreement: their pages."""

urlpatterns: list = []
