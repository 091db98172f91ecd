from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.report, name="report"),
    path("terima-kasih/", views.thanks, name="thanks"),
]
