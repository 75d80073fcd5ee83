from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("anmelden/<id:occurrence_id>/", views.register, name="register"),
    path("anmeldung/<str:token>/", views.manage, name="manage"),
    path("anmeldung/<str:token>/termin.ics", views.manage_ics, name="manage_ics"),
    path("meine-anmeldungen/", views.my_registrations, name="my_registrations"),
    path("meine-anmeldungen/kalender/", views.feed_token, name="feed_token"),
    path("kalender.ics", views.feed, name="feed"),
    path("kalender/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("veranstaltung/<id:page_id>.ics", views.event_ics, name="event_ics"),
    path("termin/<id:occurrence_id>.ics", views.occurrence_ics, name="occurrence_ics"),
]
