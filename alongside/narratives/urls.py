from django.urls import path

from . import views

app_name = "narratives"
urlpatterns = [
    path("", views.yours, name="yours"),
    path("withdraw/", views.withdraw_by_code, name="withdraw_by_code"),
    path("shared/", views.public, name="public"),
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/new/", views.record, name="record"),
    path("teams/<int:team_id>/sessions/new/", views.session_new, name="session_new"),
    path("<int:story_id>/", views.story, name="story"),
    path("<int:story_id>/prepare/", views.prepare, name="prepare"),
    path("<int:story_id>/check/", views.check_safe, name="check_safe"),
    path("<int:story_id>/withdraw/", views.withdraw, name="withdraw"),
    path("sessions/<int:session_id>/", views.session, name="session"),
]
