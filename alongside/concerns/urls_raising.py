"""Raising and routing concerns: their pages."""

from django.urls import path

from . import raising_views, routes_views

urlpatterns: list = [
    path("raise/", raising_views.raise_concern, name="raise"),
    path("record/", raising_views.record_concern, name="record"),
    path("queue/", raising_views.queue, name="queue"),
    path("routes/", routes_views.my_routes, name="my_routes"),
    path("routes/<int:hub>/", routes_views.routes, name="routes"),
    path("routes/<int:hub>/<str:urgency>/", routes_views.edit_route, name="edit_route"),
    path("<int:pk>/", raising_views.concern, name="concern"),
    path("<int:pk>/sent/", raising_views.sent, name="sent"),
    path("<int:pk>/reroute/", raising_views.reroute, name="reroute"),
]
