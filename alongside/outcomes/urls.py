from django.urls import path

from . import team_views, views

app_name = "outcomes"
urlpatterns = [
    # the person's questionnaires and trends (pages)
    path("people/<int:pk>/", views.trend, name="trend"),
    path("people/<int:pk>/questionnaires/", views.choose, name="choose"),
    path("people/<int:pk>/questionnaires/<slug:code>/<int:number>/", views.question, name="question"),
    path("people/<int:pk>/questionnaires/<slug:code>/check/", views.check, name="check"),
    path("people/<int:pk>/send/", views.send, name="send"),
    # a one-time link: its token is swapped for the session, then the pages' addresses carry none
    path("link/<str:token>/", views.link, name="link"),
    path("link/open/<str:handle>/", views.link_start, name="link_start"),
    path("link/open/<str:handle>/<int:number>/", views.link_question, name="link_question"),
    path("link/open/<str:handle>/check/", views.link_check, name="link_check"),
    # the team's outcomes
    path("team/", team_views.team, name="team"),
]
