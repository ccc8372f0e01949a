from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("mine/", views.mine, name="mine"),
    path("team/", views.team, name="team"),
    path("service/", views.service, name="service"),
    path("new/", views.new, name="new"),
    path("new/check/<str:key>/", views.check, name="check"),
    path("<int:pk>/", views.referral, name="referral"),
    path("<int:pk>/edit/", views.edit_draft, name="edit_draft"),
    path("<int:pk>/person/", views.confirm_person, name="confirm_person"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/allocate/", views.allocate, name="allocate"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/mdt/", views.mdt_flag, name="mdt_flag"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/story-offer/", views.story_offer, name="story_offer"),
]
