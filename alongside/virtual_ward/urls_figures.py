"""The virtual ward's pages for The ward's honest figures, their CSV export, and the demo borough's ward."""

urlpatterns: list = []
