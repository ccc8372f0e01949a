from django.urls import path

from . import views

app_name = "continuity"
urlpatterns = [
    path("people/<int:pk>/contacts/new/", views.new_contact, name="new_contact"),
    path("people/<int:pk>/priority/", views.edit_facts, name="edit_facts"),
    path("people/<int:pk>/named-worker/ask/", views.ask_for_change, name="ask_for_change"),
    path("named-worker-requests/", views.change_requests, name="change_requests"),
    path("named-worker-requests/<int:change_id>/", views.answer_change, name="answer_change"),
]
