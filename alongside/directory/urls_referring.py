"""The referring part's pages, under /directory/: referring a person (from their page), and the service's answer
through its one-time link (no account needed)."""

from django.urls import path

from . import referring_views

urlpatterns: list = [
    path("refer/<int:person_id>/", referring_views.choose, name="referring_choose"),
    path("refer/<int:person_id>/<uuid:service_id>/", referring_views.new, name="referring_new"),
    path("referrals/<int:referral_id>/", referring_views.referral, name="referring_referral"),
    path("answer/<str:token>/", referring_views.answer, name="referring_answer"),
]
