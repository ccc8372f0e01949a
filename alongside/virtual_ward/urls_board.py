"""The virtual ward's pages for the capacity board and a day's visits across the ward team."""

from django.urls import path

from . import views_board

urlpatterns: list = [
    path("", views_board.board, name="board"),
    path("board/live/", views_board.board_live, name="board_live"),
    path("visits/", views_board.visits, name="visits"),
    path("visits/<int:planned_id>/done/", views_board.visit_done, name="visit_done"),
    path("capacity/", views_board.capacity, name="capacity"),
]
