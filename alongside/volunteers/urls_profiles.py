"""Profiles, checks, training and the agreement: their pages."""

from django.urls import path

from . import checks_views, profiles_views

urlpatterns: list = [
    path("profile/", profiles_views.own_profile, name="own_profile"),
    path("profile/change/", profiles_views.edit_own_profile, name="edit_own_profile"),
    path("profile/agreement/", profiles_views.sign_agreement, name="sign_agreement"),
    path("hub/", checks_views.hub_list, name="hub_list"),
    path("hub/<int:user_id>/", checks_views.hub_volunteer, name="hub_volunteer"),
    path("hub/<int:user_id>/checks/new/", checks_views.new_check, name="new_check"),
    path("hub/<int:user_id>/training/new/", checks_views.new_training, name="new_training"),
    path("hub/<int:user_id>/agreement/new/", checks_views.new_paper_agreement, name="new_paper_agreement"),
]
