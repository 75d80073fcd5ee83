"""Directory URLs below ``/verzeichnis/`` (the section page itself is the Wagtail page)."""

from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("organisation/<slug:slug>/", views.organisation_detail, name="organisation"),
]
