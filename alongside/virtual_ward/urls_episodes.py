"""The virtual ward's pages for referral, decision, admission to a bed, the 72 hours and the end of an episode."""

from django.urls import path

from . import views_episodes

urlpatterns: list = [
    path("referrals/", views_episodes.referrals, name="referrals"),
    path("refer/<int:person_id>/", views_episodes.refer, name="refer"),
    path("referrals/<int:referral_id>/", views_episodes.referral, name="referral"),
    path("referrals/<int:referral_id>/admit/", views_episodes.admit, name="admit"),
    path("episodes/<int:episode_id>/", views_episodes.episode, name="episode"),
    path("episodes/<int:episode_id>/plan/add/", views_episodes.plan_add, name="plan_add"),
    path("episodes/<int:episode_id>/extend/", views_episodes.extend, name="extend"),
    path("episodes/<int:episode_id>/end/", views_episodes.end, name="end"),
]
