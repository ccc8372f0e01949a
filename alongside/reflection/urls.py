from django.urls import path

from . import views

app_name = "reflection"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("contacts/<int:contact_id>/", views.reflect, name="reflect"),
    path("teams/<int:team_id>/", views.team, name="team"),
]
