from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("record/", views.record_own, name="record_own"),
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/record/", views.record_member, name="record_member"),
    path("teams/<int:team_id>/people/<int:user_id>/", views.member, name="member"),
    path("records/<int:pk>/change/", views.change_record, name="change_record"),
    path("records/<int:pk>/delete/", views.delete_record, name="delete_record"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.new_course, name="new_course"),
    path("courses/<int:course_id>/retire/", views.retire_course, name="retire_course"),
]
