"""The administrators' pages (views.py): each area's local terms, and the list of words that carry hope."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<int:pk>/", views.area, name="area"),
    path("areas/<int:pk>/new/", views.new_local_term, name="new_local_term"),
    path("local-terms/<int:pk>/change/", views.edit_local_term, name="edit_local_term"),
    path("local-terms/<int:pk>/remove/", views.remove_local_term, name="remove_local_term"),
    path("hope/", views.hope_list, name="hope_list"),
    path("hope/new/", views.new_term, name="new_term"),
    path("hope/<slug:term_id>/", views.term, name="term"),
    path("hope/<slug:term_id>/reword/", views.reword, name="reword"),
    path("hope/<slug:term_id>/switch/", views.switch, name="switch"),
]
