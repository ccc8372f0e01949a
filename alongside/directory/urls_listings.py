"""The listings part's pages, under /directory/: keeping the directory."""

from django.urls import path

from . import listings_views as views

urlpatterns: list = [
    path("keep/", views.keep, name="keep"),
    path("keep/organisations/new/", views.new_organisation, name="new_organisation"),
    path("keep/organisations/<uuid:pk>/", views.keep_organisation, name="keep_organisation"),
    path("keep/organisations/<uuid:pk>/change/", views.edit_organisation, name="edit_organisation"),
    path("keep/services/new/", views.new_service, name="new_service"),
    path("keep/services/<uuid:pk>/", views.keep_service, name="keep_service"),
    path("keep/services/<uuid:pk>/change/", views.edit_service, name="edit_service"),
    path("keep/<str:kind>/<uuid:pk>/checked/", views.mark_checked, name="mark_checked"),
    path("keep/<str:kind>/<uuid:pk>/retire/", views.retire, name="retire"),
    path("keep/<str:kind>/<uuid:pk>/bring-back/", views.bring_back, name="bring_back"),
    path("keep/<str:kind>/<uuid:pk>/keeper/", views.choose_keeper, name="choose_keeper"),
]
