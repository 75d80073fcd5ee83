"""Accounts in a real browser (issue 7): partner staff sign up with their organisation's e-mail
domain, confirm through the link in the mail and then see the organisation's partners-only
contacts; an editor sets up an authenticator app and reaches the admin; the demo's admin logins
work with the TOTP secret that ``load_demo`` prints; a sign-up with an existing address looks
exactly like one with a new address. Every account page visited is axe-clean.

Mail is real: allauth's messages go through the portal's outbox (``portal.mail``), whose task
the immediate backend runs after commit in the live server's thread; they land in
``django.core.mail.outbox`` (locmem backend of the test settings)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from portal.access import Role, Visibility
from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in_with_form, mails_to, totp_code

PASSWORD = "ein-langes-Passwort-2026"
SIGNUP = "/konto/registrieren/"
ABH = "abh-kreis"


def _confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/email/bestaetigen/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(page, *, email: str, kind: str, organisation=None) -> None:
    form = page.locator("form:has(input[name=password1])")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=first_name]").fill("Ada")
    form.locator("input[name=last_name]").fill("Muster")
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    form.locator(f"input[name=kind][value='{kind}']").check()
    if organisation is not None:
        form.locator("select[name=organisation]").select_option(str(organisation.pk))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_partner_staff_sign_up_with_the_domain_confirm_and_see_partners_only_contacts(
    demo_site, browser_page, axe
):
    from directory.models import ContactPerson, Organisation

    abh = Organisation.objects.get(slug=ABH)
    partners_only = list(
        ContactPerson.objects.filter(
            organisation__slug=ABH, visibility=Visibility.PARTNERS, is_active=True
        ).values_list("family_name", flat=True)
    )
    assert "Lohmeyer" in partners_only
    email = "ada.muster@abh-kreis.example"  # a verified domain of the Ausländerbehörde
    page = browser_page

    page.goto(SIGNUP)
    axe(page)
    # Without an organisation the sign-up as partner staff says what is missing, axe-clean.
    _sign_up(page, email=email, kind=Role.PARTNER_STAFF.value)
    expect(page.locator(".field--error select[name=organisation]")).to_be_visible()
    expect(page.locator("select[name=organisation]")).to_have_attribute("aria-invalid", "true")
    axe(page)

    _sign_up(
        page,
        email=email,
        kind=Role.PARTNER_STAFF.value,
        organisation=abh,
    )
    assert urlsplit(page.url).path == "/konto/email/bestaetigung-gesendet/"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)

    messages = mails_to(email)
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    page.goto(_confirmation_path(messages[0]))
    expect(page.get_by_role("main").locator("form button[type=submit]")).to_be_visible()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("main").locator("form button[type=submit]").click()
    axe(page)

    # Confirmed, but not logged in: the login form follows, then the account overview.
    page.goto(f"/konto/anmelden/?next=/verzeichnis/organisation/{ABH}/")
    log_in_with_form(page, email=email, password=PASSWORD)
    assert urlsplit(page.url).path == f"/verzeichnis/organisation/{ABH}/"
    main_text = page.get_by_role("main").inner_text()
    for family_name in partners_only:
        assert family_name in main_text, family_name
    expect(page.get_by_role("main").locator(".hidden-person")).to_have_count(0)
    axe(page)

    page.goto("/konto/")
    expect(page.get_by_role("main")).to_contain_text(email)
    expect(page.get_by_role("main").locator(".callout--warning")).to_have_count(0)  # not pending
    axe(page)


def test_sign_up_with_an_existing_email_gives_the_same_answer_as_a_new_one(
    browser_page, make_user, axe
):
    existing = make_user(email="schon.da@betrieb.example")
    page = browser_page

    def answer_for(email: str) -> tuple[str, str]:
        page.context.clear_cookies()
        page.goto(SIGNUP)
        _sign_up(page, email=email, kind=Role.EMPLOYER.value)
        axe(page)
        text = page.get_by_role("main").inner_text().replace(email, "<email>")
        return urlsplit(page.url).path, text

    new = answer_for("ganz.neu@betrieb.example")
    again = answer_for(existing.email)
    assert new == again
    assert new[0] == "/konto/email/bestaetigung-gesendet/"
    # Only the mailbox learns the difference: the owner is told that the account exists.
    assert len(mails_to(existing.email)) == 1
    assert len(mails_to("ganz.neu@betrieb.example")) == 1


def test_editor_sets_up_an_authenticator_and_reaches_the_admin(browser_page, make_user, axe):
    from allauth.account.models import EmailAddress

    editor = make_user(Role.EDITOR, email="neu.redaktion@portal.example")
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    page = browser_page

    page.goto("/konto/anmelden/?next=/admin/")
    log_in_with_form(page, email=editor.email, password="correct-horse-battery")
    # No authenticator yet: every admin URL sends the editor to set one up first – after
    # confirming the password once more (allauth guards changes to the second factor).
    assert urlsplit(page.url).path == "/konto/bestaetigen/"
    assert "zwei-faktor" in page.url
    axe(page)
    with page.expect_navigation():
        page.locator("input[name=password]").fill("correct-horse-battery")
        page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/konto/zwei-faktor/app/einrichten/\?next=%2Fadmin%2F"))
    expect(page.get_by_role("main").locator("img").first).to_be_visible()  # the QR code
    axe(page)

    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    page.locator("input[name=code]").fill("000000")
    with page.expect_navigation():
        page.locator("form:has(input[name=code]) button[type=submit]:not([form])").click()
    expect(page.locator(".field--error input[name=code]")).to_be_visible()  # a clear answer
    axe(page)

    page.locator("input[name=code]").fill(totp_code(secret))
    with page.expect_navigation():
        page.locator("form:has(input[name=code]) button[type=submit]:not([form])").click()
    axe(page)
    response = page.goto("/admin/")
    assert response.status == 200
    assert urlsplit(page.url).path == "/admin/"
    expect(page.locator("body#wagtail")).to_be_attached()  # the Wagtail dashboard

    # From now on the login asks for the code.
    page.context.clear_cookies()
    page.goto("/konto/anmelden/?next=/admin/")
    log_in_with_form(page, email=editor.email, password="correct-horse-battery", totp_secret=secret)
    assert urlsplit(page.url).path == "/admin/"


def test_the_demo_editor_logs_in_with_the_printed_totp_secret(demo_site, browser_page, axe):
    from portal.accounts.demo_data import DEMO_TOTP_SECRET

    page = browser_page
    page.goto("/konto/anmelden/?next=/admin/")
    log_in_with_form(page, email="redaktion@ipnetz.example", password=DEMO_PASSWORD)
    assert urlsplit(page.url).path == "/konto/zwei-faktor/code/"
    axe(page)
    page.locator("input[name=code]").fill(totp_code(DEMO_TOTP_SECRET))
    with page.expect_navigation():
        page.locator("form:has(input[name=code]) button[type=submit]:not([form])").click()
    assert urlsplit(page.url).path == "/admin/"
