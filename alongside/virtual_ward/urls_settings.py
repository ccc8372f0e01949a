"""The virtual ward's pages for the ward's settings: the page that shows them, and the form that changes them."""

from django.urls import path

from . import views_settings

urlpatterns: list = [
    path("settings/<int:ward_id>/", views_settings.settings, name="settings"),
    path("settings/<int:ward_id>/change/", views_settings.change, name="settings_change"),
]
