from django.urls import path

from . import views

app_name = "consent"
urlpatterns = [
    path("<int:person_id>/", views.choices, name="choices"),
    path("<int:person_id>/new/", views.new_choice, name="new"),
    path("<int:person_id>/<int:provision_id>/withdraw/", views.withdraw, name="withdraw"),
]
