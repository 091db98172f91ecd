from django.urls import path

from . import views

app_name = "elections"

urlpatterns = [
    path("jadwal/", views.schedule, name="schedule"),
    path("jadwal/kalender.ics", views.calendar_feed, name="calendar"),
    path("pemilih/", views.voters, name="voters"),
    path("cari-tps/", views.find_tps, name="find-tps"),
    path("pemilih/<slug:district>/", views.district_detail, name="district"),
    path("pemilih/<slug:district>/<slug:subdistrict>/", views.subdistrict_detail, name="subdistrict"),
]
