from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("people/<int:pk>/", views.plan, name="plan"),
    path("people/<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("people/<int:pk>/edit/", views.edit, name="edit"),
]
