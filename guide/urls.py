from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("cara-memilih/", views.how_to_vote, name="how-to-vote"),
    path("istilah/", views.glossary, name="glossary"),
]
