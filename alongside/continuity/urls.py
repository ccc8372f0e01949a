from django.urls import path

from . import booking_views, caseload_views, dashboard_views, preferences_views, views

app_name = "continuity"
urlpatterns = [
    path("people/<int:pk>/contacts/new/", views.new_contact, name="new_contact"),
    path("people/<int:pk>/priority/", views.edit_facts, name="edit_facts"),
    path("people/<int:pk>/named-worker/ask/", views.ask_for_change, name="ask_for_change"),
    path("people/<int:pk>/visit-times/", preferences_views.edit_visit_times, name="edit_visit_times"),
    path("named-worker-requests/", views.change_requests, name="change_requests"),
    path("named-worker-requests/<int:change_id>/", views.answer_change, name="answer_change"),
    # The team leaders' dashboard, and the measures for one person
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("people/<int:pk>/measures/", dashboard_views.person_measures, name="person_measures"),
    path("people/<int:pk>/named-worker/review/", dashboard_views.review_named_worker, name="review_named_worker"),
    # Booking: a week's plan, sessions of slots, and one person's appointments
    path("booking/", booking_views.week, name="booking"),
    path("booking/book/", booking_views.book_week, name="book_week"),
    path("booking/ask-for-session/", booking_views.ask_for_session, name="ask_for_session"),
    path("booking/sessions/new/", booking_views.new_session, name="new_session"),
    path("people/<int:pk>/appointments/new/", booking_views.new_appointment, name="new_appointment"),
    path("appointments/<int:appointment_id>/cancel/", booking_views.cancel_appointment, name="cancel_appointment"),
    path("caseload/", caseload_views.caseload, name="caseload"),
]
