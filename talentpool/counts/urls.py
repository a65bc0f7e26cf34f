from django.urls import path

from talentpool.counts import views

urlpatterns = [path("counts/", views.counts, name="counts")]
