from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import sitemaps, views

handler500 = "portal.views.server_error"
#: allauth answers its rate limits through the URLconf's ``handler429``.
handler429 = "portal.views.too_many_requests"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    # Wagtail's own login form is bypassed: allauth's login (rate limits, MFA) is the only one.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# German is served without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("suche/", include("search.urls")),
    path("verzeichnis/", include("directory.urls")),
    path("termine/", include("events.urls")),
    path("angebote/", include("offers.urls")),
    path("konto/", include("portal.accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
