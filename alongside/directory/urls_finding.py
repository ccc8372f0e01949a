"""The finding part's pages, under /directory/."""

urlpatterns: list = []
