"""The loop back to the volunteer: its pages."""

from django.urls import path

from . import loop_views

urlpatterns: list = [
    path("<int:concern_id>/answer/", loop_views.answer, name="loop_answer"),
    path("<int:concern_id>/what-happened/", loop_views.what_happened, name="what_happened"),
    path("open-loops/", loop_views.open_loops, name="open_loops"),
]
