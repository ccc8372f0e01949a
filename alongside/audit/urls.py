from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("me/", views.my_access_log, name="me"),
    path("people/<int:person_id>/", views.person_access_log, name="person"),
    path("search/", views.search, name="search"),
]
