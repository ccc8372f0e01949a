from django.urls import path

from . import views

app_name = "climate"
urlpatterns = [
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/answer/", views.answer, name="answer"),
    path("teams/<int:team_id>/questions/", views.questions, name="questions"),
    path("teams/<int:team_id>/sessions/new/", views.plan, name="plan"),
    path("teams/<int:team_id>/sessions/<int:session_id>/", views.record, name="record"),
    path("teams/<int:team_id>/sessions/<int:session_id>/change/", views.change, name="change"),
    path("teams/<int:team_id>/sessions/<int:session_id>/cancel/", views.cancel, name="cancel"),
]
