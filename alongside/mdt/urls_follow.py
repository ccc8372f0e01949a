"""After the meeting: the pages of MDT actions. Namespace-free patterns, included in the mdt app's urls.py (so the
names are "mdt:follow_...")."""

from django.urls import path

from . import views_follow

urlpatterns = [
    path("actions/<int:action_id>/done/", views_follow.action_done, name="follow_action_done"),
]
