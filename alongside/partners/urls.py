from django.urls import path

from . import identity_links, user_accounts, views

app_name = "partners"
urlpatterns = [
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/new/", views.new_organisation, name="new_organisation"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/edit/", views.edit_organisation, name="edit_organisation"),
    path("teams/", views.teams, name="teams"),
    path("teams/mine/", views.my_teams, name="my_teams"),
    path("teams/new/", views.new_team, name="new_team"),
    path("teams/<int:pk>/", views.team, name="team"),
    path("teams/<int:pk>/edit/", views.edit_team, name="edit_team"),
    path("teams/<int:pk>/members/new/", views.new_membership, name="new_membership"),
    path("memberships/<int:pk>/end/", views.end_membership, name="end_membership"),
    path("users/", user_accounts.user_accounts, name="user_accounts"),
    path("users/new/", user_accounts.new_user_account, name="new_user_account"),
    path("users/<int:pk>/", user_accounts.user_account, name="user_account"),
    path("users/<int:pk>/password-link/", user_accounts.password_link, name="password_link"),
    path("users/<int:pk>/care-identity/", identity_links.care_identity, name="care_identity"),
    path("users/<int:pk>/care-identity/unlink/", identity_links.unlink_care_identity, name="unlink_care_identity"),
]
