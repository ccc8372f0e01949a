"""The loop back to the volunteer: its pages."""

urlpatterns: list = []
