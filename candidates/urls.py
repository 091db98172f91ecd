from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.contest, name="contest"),
    path("<slug:slug>/banding/", views.compare, name="compare"),
    path("<slug:slug>/banding/<slug:theme>/", views.compare_theme, name="compare-theme"),
    path("<slug:contest>/<int:number>/", views.pair, name="pair-short"),
    path("<slug:contest>/<int:number>/<slug:slug>/", views.pair, name="pair"),
]
