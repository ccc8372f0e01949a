from django.urls import path

from . import views

app_name = "standards"
urlpatterns = [
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/rate/<int:number>/", views.rate, name="rate"),
    path("teams/<int:team_id>/share/", views.share, name="share"),
    path("teams/<int:team_id>/invite/", views.invite, name="invite"),
    path("teams/<int:team_id>/history/", views.history, name="history"),
    path("challenges/<int:check_id>/answer/", views.answer, name="answer"),
    path("partnership/", views.partnership, name="partnership"),
    path("sets/new/", views.new_set, name="new_set"),
    # a stakeholder's link: its token is swapped for the session, then the page's address carries none
    path("check/<str:token>/", views.link, name="link"),
    path("check/open/<str:handle>/", views.link_page, name="link_page"),
]
