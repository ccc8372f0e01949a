"""The virtual ward's pages for Reviews with observations and their NEWS2, the escalation prompt and the trend chart."""

urlpatterns: list = []
