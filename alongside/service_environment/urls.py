from django.urls import path

from . import views

app_name = "service_environment"
urlpatterns = [
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/open/", views.open_round, name="open"),
    path("rounds/<int:round_id>/answer/", views.answer, name="answer"),
    path("rounds/<int:round_id>/links/", views.links, name="links"),
    path("rounds/<int:round_id>/close/", views.close, name="close"),
    path("rounds/<int:round_id>/results/", views.results, name="results"),
    # a person's link: its token is swapped for the session, then the page's address carries none
    path("rounds/<int:round_id>/say/<str:token>/", views.say, name="say"),
    path("rounds/<int:round_id>/say/open/<str:handle>/", views.say_page, name="say_page"),
    path("thank-you/", views.thanks, name="thanks"),
]
