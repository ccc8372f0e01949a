"""The listings part's pages, under /directory/."""

urlpatterns: list = []
