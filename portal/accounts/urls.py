"""URLs below /konto/: allauth's views under German paths, plus the portal's own account pages.

allauth's URL names stay as they are (``account_login`` …), only the paths are German; a pattern
allauth adds in a later version keeps its English path until it gets a row here.
"""

from __future__ import annotations

from allauth.account import urls as account_urls
from allauth.mfa.base import urls as mfa_base_urls
from allauth.mfa.recovery_codes import urls as recovery_code_urls
from allauth.mfa.totp import urls as totp_urls
from django.urls import URLPattern, include, path, re_path

from portal.accounts import views

#: URL name → German path (a leading ``^`` marks a regular expression).
GERMAN_ROUTES = {
    "account_login": "anmelden/",
    "account_logout": "abmelden/",
    "account_inactive": "inaktiv/",
    "account_signup": "registrieren/",
    "account_reauthenticate": "bestaetigen/",
    "account_email": "email/",
    "account_email_verification_sent": "email/bestaetigung-gesendet/",
    "account_confirm_email": r"^email/bestaetigen/(?P<key>[-:\w]+)/$",
    "account_change_password": "passwort/aendern/",
    "account_set_password": "passwort/setzen/",
    "account_reset_password": "passwort/vergessen/",
    "account_reset_password_done": "passwort/vergessen/gesendet/",
    "account_reset_password_from_key": (r"^passwort/neu/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"),
    "account_reset_password_from_key_done": "passwort/neu/fertig/",
    "account_confirm_login_code": "anmelden/code/",
    "mfa_index": "zwei-faktor/",
    "mfa_authenticate": "zwei-faktor/code/",
    "mfa_reauthenticate": "zwei-faktor/bestaetigen/",
    "mfa_activate_totp": "zwei-faktor/app/einrichten/",
    "mfa_deactivate_totp": "zwei-faktor/app/entfernen/",
    "mfa_view_recovery_codes": "zwei-faktor/wiederherstellungscodes/",
    "mfa_generate_recovery_codes": "zwei-faktor/wiederherstellungscodes/neu/",
    "mfa_download_recovery_codes": "zwei-faktor/wiederherstellungscodes/download/",
}


#: allauth views the portal wraps (same name, same path).
WRAPPED_VIEWS = {"account_confirm_email": views.confirm_email}


def _german(patterns, prefix: str = "") -> list[URLPattern]:
    result = []
    for pattern in patterns:
        route = GERMAN_ROUTES.get(pattern.name)
        callback = WRAPPED_VIEWS.get(pattern.name, pattern.callback)
        if route is None:
            result.append(path(prefix + str(pattern.pattern), callback, name=pattern.name))
        elif route.startswith("^"):
            result.append(re_path(route, callback, name=pattern.name))
        else:
            result.append(path(route, callback, name=pattern.name))
    return result


allauth_patterns = (
    _german(account_urls.urlpatterns)
    + _german(mfa_base_urls.urlpatterns, "2fa/")
    + _german(totp_urls.urlpatterns, "2fa/totp/")
    + _german(recovery_code_urls.urlpatterns, "2fa/recovery-codes/")
)

portal_patterns = [
    path("", views.overview, name="overview"),
    path("profil/", views.profile_edit, name="profile"),
    path("meine-daten/", views.data_download, name="data_download"),
    path("loeschen/", views.delete, name="delete"),
    path("freigabe/<str:token>/", views.approval, name="approval"),
]

urlpatterns = [
    *allauth_patterns,
    path("", include((portal_patterns, "accounts"))),
]

# The names the site shell used before allauth, kept so that older templates keep working.
urlpatterns += [
    path(GERMAN_ROUTES["account_login"], account_urls.views.login, name="login"),
    path(GERMAN_ROUTES["account_logout"], account_urls.views.logout, name="logout"),
]
