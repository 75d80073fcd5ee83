"""Directory URLs below ``/verzeichnis/`` (the section page itself is the Wagtail page)."""

from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("wer-ist-zustaendig/", views.finder, name="finder"),
    path("organisation/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisation/<slug:slug>/vcard/", views.organisation_vcard, name="organisation_vcard"),
    path("o/<id:pk>/", views.organisation_by_pk, name="organisation_by_pk"),
    path("kontakt/<id:pk>/vcard/", views.contact_vcard, name="contact_vcard"),
    path("export/verzeichnis.csv", views.export_csv, name="export_csv"),
    path("export/verzeichnis.xlsx", views.export_xlsx, name="export_xlsx"),
    path("telefonliste/", views.phone_list, name="phone_list"),
    path("aenderungen/", views.changes, name="changes"),
    path("aenderungen/feed/", views.changes_feed, name="changes_feed"),
    path("bestaetigen/<str:token>/", views.verify, name="verify"),
]
