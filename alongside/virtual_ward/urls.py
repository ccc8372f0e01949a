"""The virtual ward's pages, from its parts."""

from . import urls_board, urls_episodes, urls_figures, urls_reviews, urls_settings

app_name = "virtual_ward"

urlpatterns: list = urls_episodes.urlpatterns + urls_reviews.urlpatterns + urls_board.urlpatterns
urlpatterns += urls_figures.urlpatterns + urls_settings.urlpatterns
