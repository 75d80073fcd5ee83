"""Settings shared by every environment. Safe by default: DEBUG off, secrets from the environment.

``dev`` loosens these for a laptop, ``test`` speeds them up, ``production`` tightens them.
The runtime table in ``docs/configuration.md`` lists every environment variable read here.
"""

from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from portal import config

PORTAL_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PORTAL_DIR.parent
DATA_DIR = config.data_dir(BASE_DIR)

DEBUG = config.env_bool("DEBUG", False)
SECRET_KEY = config.secret_key(DATA_DIR, required=not DEBUG)
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "portal",
    # Before allauth, so that the portal's account templates override allauth's.
    "portal.accounts",
    "directory",
    "knowledge",
    "events",
    "offers",
    "search",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.accounts.middleware.ContentSecurityPolicyMiddleware",
    "portal.accounts.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.MalformedRequestMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A signed-in user's responses never go into a shared cache (portal.guards).
    "portal.guards.PrivateForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.AdminRequiresMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Every form renders through the portal's form and field templates (portal/forms.py).
FORM_RENDERER = "portal.forms.PortalFormRenderer"

DATABASES = {"default": config.database(DATA_DIR / "ipnetz.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# Without a "next", a login lands on the account page, which shows requests awaiting approval.
LOGIN_REDIRECT_URL = "accounts:overview"
LOGOUT_REDIRECT_URL = "/"

# German first, English second. UI strings are English msgids with a complete German catalogue.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PORTAL_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ipnetz",
    }
}

globals().update(config.email(config.os.environ.get("EMAIL_URL")))
DEFAULT_FROM_EMAIL = config.os.environ.get("DEFAULT_FROM_EMAIL", "ipnetz <noreply@localhost>")
# Sent mail (with names in it) is deleted this many days after it went out (docs/privacy.md).
OUTBOX_RETENTION_DAYS = config.env_int("OUTBOX_RETENTION_DAYS", 30)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (django-tasks): the database backend plus `manage.py db_worker` in production;
# dev and tests run tasks immediately. TASK_BACKEND=immediate|database overrides.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = config.os.environ.get("TASK_BACKEND", "database").strip() or "database"
if _task_backend not in TASK_BACKENDS:
    raise config.ConfigError(f"TASK_BACKEND={_task_backend!r} is not one of immediate, database.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend]}}

# Events (docs/events.md): reminder this many days before a date; registrations' personal data
# anonymised this many days after it (the privacy page promises 180).
EVENT_REMINDER_DAYS = config.env_int("EVENT_REMINDER_DAYS", 2)
EVENT_REGISTRATION_RETENTION_DAYS = config.env_int("EVENT_REGISTRATION_RETENTION_DAYS", 180)

# Search: ELASTICSEARCH_URL switches the portal's search to Elasticsearch; unset → database engine.
ELASTICSEARCH_URL = config.elasticsearch_url()
ELASTICSEARCH_INDEX_PREFIX = config.os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "ipnetz")
# Time-outs in seconds (docs/search.md): connecting, reading an answer (queries, /healthz), and
# the one-document updates a publish makes (they wait in PendingUpdate when the node is slow).
ELASTICSEARCH_CONNECT_TIMEOUT = config.env_float("ELASTICSEARCH_CONNECT_TIMEOUT", 2.0)
ELASTICSEARCH_TIMEOUT = config.env_float("ELASTICSEARCH_TIMEOUT", 2.0)
ELASTICSEARCH_INDEX_TIMEOUT = config.env_float("ELASTICSEARCH_INDEX_TIMEOUT", 0.5)
# The circuit breaker (search/engine.py): this many failures in a row skip the node for this many
# seconds; searches answer from the database meanwhile.
ELASTICSEARCH_BREAKER_FAILURES = config.env_int("ELASTICSEARCH_BREAKER_FAILURES", 3)
ELASTICSEARCH_BREAKER_COOLDOWN = config.env_float("ELASTICSEARCH_BREAKER_COOLDOWN", 30.0)
# Wagtail's own admin search keeps using Wagtail's database backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

WAGTAIL_SITE_NAME = "ipnetz"
# BASE_URL: the address absolute links start with when no request gives one (portal/links.py).
WAGTAILADMIN_BASE_URL = config.base_url(required=False)
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_MODERATION_ENABLED = True
# Four eyes on the knowledge base (knowledge/models/workflows.py): the approval publishes, and an
# edit made while a page waits for approval needs a fresh approval.
WAGTAIL_FINISH_WORKFLOW_ACTION = "knowledge.workflows.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# Accounts (django-allauth): e-mail is the login, verification is mandatory, answers never reveal
# whether an address is registered, and every auth form is rate limited. The limits live in the
# cache, which must be shared by all web processes in production (see docs/security.md).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_FORMS = {"signup": "portal.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
# Mails and messages name people by name or e-mail address, never by the internal user name.
ACCOUNT_USER_DISPLAY = "portal.accounts.adapter.user_display"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "manage_email": "10/m/user",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    # Not an allauth form: the portal's event registration posts (events.views.register), per
    # account and per client address (allauth's client-IP function, so its trusted-proxy settings
    # apply). The one rate-limit mechanism of the portal is this one.
    "event_registration": "10/10m/user,10/10m/ip",
    # The anonymous barrier-feedback form (portal.models.AccessibilityStatementPage), per client
    # address.
    "feedback": "5/10m/ip",
}
# Every limit above keyed "ip" counts allauth's client address: REMOTE_ADDR, or behind this many
# trusted reverse proxies the X-Forwarded-For entry the outermost one appended (1 for the nginx
# of docs/deployment.md). 0 ignores X-Forwarded-For, which a client can forge.
ALLAUTH_TRUSTED_PROXY_COUNT = config.env_int("TRUSTED_PROXY_COUNT", 0)
# Two-factor authentication: TOTP plus recovery codes; required for everyone who can open /admin/.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ipnetz"
MFA_RATE_LIMITS = {"mfa_authenticate": "10/m/user", "mfa_reauthenticate": "10/m/user"}
# The Wagtail admin logs in through allauth, so allauth's rate limits and MFA stage apply.
WAGTAILADMIN_LOGIN_URL = "account_login"
# ... and so does the password reset: Wagtail's own /admin/password_reset/ (no rate limit, mail
# outside the outbox) answers 404; the login page offers allauth's reset.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Documents are always downloaded, never rendered in the portal's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Content Security Policy (django-csp 4): no inline scripts, nothing from other origins. The
# Wagtail admin gets a relaxed policy of its own (see portal.accounts.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Browser features the portal never uses are off for it and anything it embeds; its responses may
# be loaded by its own site only (docs/security.md).
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": [], "interest-cohort": []}
CROSS_ORIGIN_RESOURCE_POLICY = "same-site"
# Who hears about vulnerabilities (/.well-known/security.txt, RFC 9116): a mailto: or https: URI.
SECURITY_CONTACT = config.os.environ.get(
    "SECURITY_CONTACT", f"mailto:security@{urlsplit(WAGTAILADMIN_BASE_URL).hostname or 'localhost'}"
)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "ipnetz": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "elastic_transport": {"level": "ERROR"},
        "elasticsearch": {"level": "ERROR"},
    },
}
