"""The open data: the directory as an Open Referral UK (HSDS 3.0) API, all under one stub, /api/hsds/. Built by
the standards part; the views (hsds_views.py) say why they are plain Django views."""

from django.urls import path, re_path

from . import hsds_views as views

urlpatterns = [
    path("", views.root, name="hsds_root"),
    path("services", views.services, name="hsds_services"),
    path("services/<str:pk>", views.service, name="hsds_service"),
    path("service_at_locations", views.service_at_locations, name="hsds_service_at_locations"),
    path("service_at_locations/<str:pk>", views.service_at_location, name="hsds_service_at_location"),
    path("taxonomies", views.taxonomies, name="hsds_taxonomies"),
    path("taxonomies/<str:pk>", views.taxonomy, name="hsds_taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="hsds_taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", views.taxonomy_term, name="hsds_taxonomy_term"),
    re_path(r"^(?P<rest>.*)$", views.not_found),  # anything else under the stub: 404 in JSON, with CORS
]
