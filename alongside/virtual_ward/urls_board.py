"""The virtual ward's pages for The capacity board and a day's visits across the ward team."""

urlpatterns: list = []
