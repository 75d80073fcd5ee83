"""Offers URLs below the section page ``/angebote/`` (German paths; see docs/offers.md for who may
open which)."""

from django.urls import path

from offers.views import employer, partner, public, service, takeover

app_name = "offers"

urlpatterns = [
    # everyone (what they see comes from portal.access); the search itself is the section
    # page, offers.OffersIndexPage, at /angebote/
    path("stelle/<id:pk>/", public.offer_detail, name="offer"),
    path("massnahme/<id:pk>/", public.measure_detail, name="measure"),
    path("firma/<slug:slug>/", public.company_detail, name="company"),
    # partner staff
    path("export/angebote.csv", partner.export_csv, name="export_csv"),
    path("export/angebote.xlsx", partner.export_xlsx, name="export_xlsx"),
    path("druckliste/", partner.print_list, name="print_list"),
    path("statistik/", partner.statistics, name="statistics"),
    path("suchauftraege/", partner.saved_searches, name="saved_searches"),
    path(
        "suchauftraege/<id:pk>/loeschen/",
        partner.saved_search_delete,
        name="saved_search_delete",
    ),
    # the company (and the employer service)
    path("meine-angebote/", employer.my_offers, name="my_offers"),
    path("meine-angebote/firmenprofil/", employer.my_company, name="my_company"),
    path("meine-angebote/neu/", employer.my_offer_create, name="my_offer_create"),
    path("stelle/<id:pk>/bearbeiten/", employer.offer_edit, name="offer_edit"),
    path("stelle/<id:pk>/verlaengern/", employer.offer_renew, name="offer_renew"),
    path("stelle/<id:pk>/zurueckziehen/", employer.offer_withdraw, name="offer_withdraw"),
    # the employer service (Arbeitgeberservice)
    path("arbeitgeberservice/", service.companies, name="service"),
    path("arbeitgeberservice/neu/", service.company_create, name="service_company_create"),
    path("arbeitgeberservice/<id:pk>/", service.company_detail, name="service_company"),
    path(
        "arbeitgeberservice/<id:pk>/angebot-neu/",
        service.offer_create,
        name="service_offer_create",
    ),
    path("arbeitgeberservice/<id:pk>/einladen/", service.invite, name="service_invite"),
    # the invitation link
    path("uebernehmen/<str:token>/", takeover.takeover, name="takeover"),
]
