from django.urls import path

from . import views

app_name = "continuity"
urlpatterns = [
    path("people/<int:pk>/contacts/new/", views.new_contact, name="new_contact"),
]
