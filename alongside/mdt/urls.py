"""MDT meetings' pages: the meeting's own (here) and what follows a meeting (urls_follow.py)."""

from django.urls import path

from . import urls_follow, views

app_name = "mdt"

urlpatterns: list = [
    path("", views.meetings, name="meetings"),
    path("<int:mdt_id>/plan/", views.plan, name="plan"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<int:meeting_id>/add/", views.add, name="add"),
    path("meetings/<int:meeting_id>/suggested/", views.suggested, name="suggested"),
    path("meetings/<int:meeting_id>/volunteers-first/", views.volunteers_first, name="volunteers_first"),
    path("meetings/<int:meeting_id>/run/", views.run, name="run"),
    path("meetings/<int:meeting_id>/finish/", views.finish, name="finish"),
    path("items/<int:item_id>/", views.item, name="item"),
    path("items/<int:item_id>/move/", views.move, name="move"),
    path("items/<int:item_id>/minutes/", views.minutes, name="minutes"),
    path("items/<int:item_id>/invite/", views.invite, name="invite"),
]
urlpatterns += urls_follow.urlpatterns
