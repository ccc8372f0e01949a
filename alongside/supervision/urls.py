from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/coverage/", views.coverage, name="coverage"),
    path("teams/<int:team_id>/book/", views.book, name="book"),
    path("teams/<int:team_id>/reflective-practice/new/", views.new_reflective, name="new_reflective"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/record/", views.record, name="record"),
    path("sessions/<int:pk>/move/", views.move, name="move"),
    path("reflective-practice/<int:pk>/", views.reflective, name="reflective"),
    path("reflective-practice/<int:pk>/change/", views.change_reflective, name="change_reflective"),
]
