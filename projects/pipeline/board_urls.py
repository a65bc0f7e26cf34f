"""The pipeline board and table, under /<language>/projects/."""

from django.urls import path

from projects.pipeline import board

urlpatterns = [
    path("", board.table, name="table"),
    path("board/", board.board, name="board"),
]
