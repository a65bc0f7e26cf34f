from django.urls import path

from talentpool.duplicates import views

urlpatterns = [
    path("people/duplicates/", views.duplicate_list, name="duplicates"),
    path("people/merge/<int:keep>/<int:other>/", views.merge, name="merge"),
    path("people/different/<int:first>/<int:second>/", views.not_duplicates, name="not_duplicates"),
]
