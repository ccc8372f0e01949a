"""The virtual ward's pages for the ward's honest figures, their CSV export, and the demo borough's ward."""

from django.urls import path

from . import views_figures

urlpatterns: list = [
    path("figures/", views_figures.figures, name="figures"),
    path("figures.csv", views_figures.figures_csv, name="figures_csv"),
]
