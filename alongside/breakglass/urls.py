from django.urls import path

from . import views

app_name = "breakglass"
urlpatterns = [
    path("", views.start, name="start"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
]
