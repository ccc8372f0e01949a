from django.urls import path

from . import views

app_name = "peer_support"

urlpatterns = [
    path("", views.index, name="index"),
    path("hubs/<int:hub_id>/", views.hub, name="hub"),
    path("hubs/<int:hub_id>/sessions/new/", views.new_session, name="new_session"),
    path("hubs/<int:hub_id>/not-seen/", views.not_seen, name="not_seen"),
    path("hubs/<int:hub_id>/ideas/", views.ideas, name="ideas"),
    path("hubs/<int:hub_id>/ideas/new/", views.new_idea, name="new_idea"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/edit/", views.edit_session, name="edit_session"),
    path("ideas/<int:pk>/answer/", views.answer_idea, name="answer_idea"),
]
