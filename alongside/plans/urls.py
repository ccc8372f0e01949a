from django.urls import path

from . import document_views, views

app_name = "plans"
urlpatterns = [
    path("people/<int:pk>/", views.plan, name="plan"),
    path("people/<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
    path("people/<int:pk>/in-crisis/", document_views.crisis_flag, name="crisis_flag"),
    path("people/<int:pk>/in-crisis/end/", document_views.crisis_end, name="crisis_end"),
    path("people/<int:pk>/<slug:slug>/", document_views.document, name="document"),
    path("people/<int:pk>/<slug:slug>/print/", document_views.document_print, name="document_print"),
    path("people/<int:pk>/<slug:slug>/edit/", document_views.document_edit, name="document_edit"),
    path(
        "people/<int:pk>/<slug:slug>/versions/<int:number>/",
        document_views.document_version,
        name="document_version",
    ),
]
