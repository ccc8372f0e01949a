from django.urls import path

from . import views

app_name = "representation"
urlpatterns = [
    path("", views.events, name="events"),
    path("events/add/", views.add_event, name="add_event"),
    path("events/<int:event_id>/change/", views.edit_event, name="edit_event"),
    path("events/<int:event_id>/cancel/", views.cancel_event, name="cancel_event"),
    path("teams/<int:team_id>/", views.team, name="team"),
    path("teams/<int:team_id>/events/<int:event_id>/choose/", views.choose, name="choose"),
    path("teams/<int:team_id>/events/<int:event_id>/attendance/", views.attendance, name="attendance"),
    path("teams/<int:team_id>/events/<int:event_id>/note/", views.note, name="note"),
    path("teams/<int:team_id>/events/<int:event_id>/cannot-go/", views.cannot_go, name="cannot_go"),
]
