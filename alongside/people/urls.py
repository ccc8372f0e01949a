from django.urls import path

from . import correction_views, handover_views, search_views, views

app_name = "people"
urlpatterns = [
    path("", search_views.search_page, name="search"),
    path("handover/<int:membership_id>/", handover_views.choose, name="handover"),
    path("<int:pk>/", views.person, name="person"),
    path("<int:pk>/details/edit/", views.edit_details, name="edit_details"),
    path(
        "<int:pk>/shared-with-volunteers/edit/",
        views.edit_shared_with_volunteers,
        name="edit_shared_with_volunteers",
    ),
    path("<int:pk>/story/<slug:part>/", views.story_history, name="story_history"),
    path("<int:pk>/story/<slug:part>/edit/", views.edit_story, name="edit_story"),
    path("<int:pk>/entries/new/", views.new_entry, name="new_entry"),
    path("<int:pk>/relationships/new/", views.new_relationship, name="new_relationship"),
    path("<int:pk>/supporters/new/", views.new_supporter, name="new_supporter"),
    path("<int:pk>/supporters/<int:supporter_id>/end/", views.end_supporter, name="end_supporter"),
    path("<int:pk>/relationships/<int:relationship_id>/end/", views.end_relationship, name="end_relationship"),
    path("<int:pk>/entries/<int:entry_id>/amend/", views.amend_entry, name="amend_entry"),
    path("<int:pk>/notes/new/", views.new_own_note, name="new_own_note"),
    path("<int:pk>/communication/edit/", views.edit_communication, name="edit_communication"),
    path(
        "<int:pk>/entries/<int:entry_id>/correction/",
        correction_views.ask_for_correction,
        name="ask_for_correction",
    ),
    path(
        "<int:pk>/corrections/<int:correction_id>/",
        correction_views.answer_correction,
        name="answer_correction",
    ),
]
