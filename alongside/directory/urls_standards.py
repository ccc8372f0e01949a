"""The standards part's pages, under /directory/."""

urlpatterns: list = []
