"""The virtual ward's pages for reviews with observations and their NEWS2, the escalation prompt and the trend chart."""

from django.urls import path

from . import views_reviews

urlpatterns: list = [
    path("episodes/<int:episode_id>/reviews/", views_reviews.reviews, name="reviews"),
    path("episodes/<int:episode_id>/reviews/new/", views_reviews.review_new, name="review_new"),
]
