from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("record/", views.record_own, name="record_own"),
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/record/", views.record_member, name="record_member"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.new_course, name="new_course"),
    path("courses/<int:course_id>/retire/", views.retire_course, name="retire_course"),
]
